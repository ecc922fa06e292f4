"""The docker command line: flag parsing (pflag/cobra), the commands, and what they print.

``parse`` (a ``docker …`` argv → :class:`~netsim.dockercli.parse.ParsedCommand`), ``flags``
(pflag/cobra behaviour and the per-command flag tables), ``convert`` (parsed flags → the
requests of :mod:`netsim.api`), ``templates`` (docker's ``--format`` functions and
``inspect -f``), ``commands`` (the handlers per command group) and ``output`` (tables, texts and
inspect JSON).
"""
