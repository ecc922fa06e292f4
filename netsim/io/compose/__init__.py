"""Docker Compose v2 projects as an input (issue 14, in progress).

What is here so far, each rule measured on Docker Compose 2.40.3 (the conformance lab's 28.5
root, ``docker compose config``) and cited to compose-go: :mod:`.interpolation` (``${VAR}``
and its forms, ``$$``, Compose's warnings and error texts) and :mod:`.project` (the project
name: ``-p``, ``COMPOSE_PROJECT_NAME``, ``name:``, the directory's name). The reader that
turns a project into :mod:`netsim.api` objects comes next; until then no command reads a
compose file.
"""
