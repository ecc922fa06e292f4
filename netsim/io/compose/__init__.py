"""Docker Compose v2 projects as an input (issue 14), read as Docker Compose 2.40.3 reads them.

Each rule is measured on Docker Compose 2.40.3 (the conformance lab's 28.5 root) where a
recording shows it and cited to compose-go v2.9.1 beside it: :mod:`.files` (which files and
variables a command reads), :mod:`.yamlfile` (YAML as yaml.v3 reads it), :mod:`.dotenv`,
:mod:`.interpolation`, :mod:`.merge`, :mod:`.extends`, :mod:`.schema`, :mod:`.canonical`,
:mod:`.project` (the project's name), :mod:`.consistency` and :mod:`.loader`, which chains
them into a typed :class:`~.model.Project`; :mod:`.convert` turns that into the Docker API
requests ``docker compose up`` sends. The ``docker compose`` commands themselves are
:mod:`netsim.composecli`.
"""
