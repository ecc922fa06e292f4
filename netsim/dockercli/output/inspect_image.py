"""The image facts ``docker inspect CONTAINER`` shows in ``Config`` (the image's ``STOPSIGNAL``,
``LABEL``, user, environment, entrypoint and command): the catalogue's
(:func:`netsim.images.inspect_facts`), under the name the inspect modules use."""

from __future__ import annotations

from netsim.images import inspect_facts as image_facts

__all__ = ["image_facts"]
