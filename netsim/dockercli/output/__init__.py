"""What the docker CLI prints: tables and texts (``ps``, ``network ls``, ``port``:
:mod:`~netsim.dockercli.output.tables`, :mod:`~netsim.dockercli.output.port`) and the JSON
objects of ``docker inspect`` / ``network inspect`` (:mod:`~netsim.dockercli.output.inspect`)."""
