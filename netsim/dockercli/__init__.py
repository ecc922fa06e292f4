"""The docker command line: flag parsing (pflag/cobra), the commands, and what they print.

``parse`` (a ``docker …`` argv → :class:`~netsim.dockercli.parse.ParsedCommand`), ``flags``
(pflag/cobra behaviour and the per-command flag tables), ``convert`` (parsed flags → the
network requests of :mod:`netsim.api`), ``container_opts`` with ``container_values`` and
``publish`` (``docker run``/``create`` flags → the container's create request: Config,
HostConfig, NetworkingConfig), ``templates`` (docker's ``--format`` functions and
``inspect -f``), ``commands`` (the handlers per command group) and ``output`` (tables, texts and
inspect JSON).
"""
