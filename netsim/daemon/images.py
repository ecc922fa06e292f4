"""Each daemon's images: the ones it built, tagged, committed or loaded (its image store), and
the build cache; removal with the daemon's conflicts (moby daemon/images/image_delete.go).

Images netsim knows from its catalogue (``alpine``, the lab's stand-ins …) are pulled as a
container or a build needs them: they enter the store when a command names them as an object
(``docker tag alpine x``, ``FROM alpine``), with the catalogue's config. An image's ID is a hash
of what it is made of, as Docker's content-addressed IDs are: the same build gives the same ID.
"""

from __future__ import annotations

from netsim.daemon.core import EngineCore
from netsim.daemon.imagestore import (
    LocalImage,
    RegistryData,
    config_of,
    image_digest,
    info_with_config,
    short_id,
)
from netsim.errors import DaemonError
from netsim.images import ImageInfo, ImageRef, parse_image_ref
from netsim.images.build import ImageConfig

__all__ = ["ImagesMixin", "no_such_image"]


class ImagesMixin(EngineCore):
    """The daemons' image stores."""

    def pull_known(self, host: str, ref: str) -> LocalImage | None:
        """The image ``ref`` names on this host: the store's, else the catalogue's (or a
        declared one's) brought into the store as Docker pulls it; None: netsim knows no such
        image."""
        found = self.find_image(host, ref)
        if found is not None:
            return found
        info = self._image(ref)
        if info is None:
            return None
        parsed = parse_image_ref(ref)
        image = LocalImage(id=image_digest("pulled", parsed.canonical), config=config_of(info),
                           info=info if isinstance(info, ImageInfo) else None, created=0,
                           size=info.size if isinstance(info, ImageInfo) else None,
                           layers=(image_digest("layer", parsed.canonical),))
        self.add_image(host, image, [parsed.canonical])
        return image

    def add_image(self, host: str, image: LocalImage, tags: list[str]) -> None:
        """Store ``image`` under ``tags`` (canonical references; a tag moves from the image
        that had it, which may be left dangling)."""
        store = self.image_store(host)
        if image.id not in store.images:
            store.images[image.id] = image
        for t in tags:
            store.tags.pop(t, None)  # re-inserted last: `docker images` lists newest first
            store.tags[t] = image.id

    def tag_image(self, host: str, source: str, target: ImageRef) -> None:
        """``docker tag SOURCE TARGET``."""
        found = self.pull_known(host, source)
        if found is None:
            raise no_such_image(source)
        self.add_image(host, found, [target.canonical])

    def _containers_using(self, host: str, image_id: str) -> list[tuple[str, bool]]:
        rt = self._rt(host)
        return [(c.id, c.running) for c in rt.containers.values() if c.image_id == image_id]

    def remove_image(self, host: str, ref: str, *, force: bool = False,
                     prune: bool = True) -> list[str]:
        """``docker rmi REF``: the lines it prints (``Untagged: …``, ``Deleted: …``), or the
        daemon's conflict (moby daemon/images/image_delete.go ImageDelete, imageDeleteHelper,
        checkImageDeleteConflict)."""
        store = self.image_store(host)
        image = self.find_image(host, ref)
        if image is None:
            raise no_such_image(ref)
        tags = store.tags_of(image.id)
        lines: list[str] = []
        if _is_reference_to(ref, tags):
            users = self._containers_using(host, image.id)
            if not force and len(tags) == 1 and users:
                raise DaemonError(
                    f'conflict: unable to remove repository reference "{ref}" (must force) - '
                    f"container {users[0][0][:12]} is using its referenced image "
                    f"{short_id(image.id)}", status=409)
            canonical = parse_image_ref(ref).canonical
            del store.tags[canonical]
            lines.append(f"Untagged: {_familiar(canonical)}")
            if store.tags_of(image.id):
                return lines
            self._delete(host, image, lines, force=force, prune=prune, quiet=True)
            return lines
        if len(tags) <= 1:  # by ID: a single reference goes with the image
            conflict = self._conflict(host, image, hard=True, soft=not force,
                                      active_reference=False)
            if conflict is not None:
                raise DaemonError(conflict[0], status=409)
            for t in tags:
                del store.tags[t]
                lines.append(f"Untagged: {_familiar(t)}")
        self._delete(host, image, lines, force=force, prune=prune, quiet=False)
        return lines

    def _conflict(self, host: str, image: LocalImage, *, hard: bool, soft: bool,
                  active_reference: bool = True) -> tuple[str, bool] | None:
        """Why the image cannot be deleted (checkImageDeleteConflict), and whether a container
        uses it; None: it can."""
        store = self.image_store(host)
        short = short_id(image.id)
        if hard and any(i.parent == image.id for i in store.images.values()
                        if i.id != image.id):
            return (f"conflict: unable to delete {short} (cannot be forced) - image has "
                    "dependent child images", False)
        users = self._containers_using(host, image.id)
        running = [u for u, r in users if r]
        if hard and running:
            return (f"conflict: unable to delete {short} (cannot be forced) - image is being "
                    f"used by running container {running[0][:12]}", True)
        if soft and active_reference and store.tags_of(image.id):
            return (f"conflict: unable to delete {short} (must be forced) - image is "
                    "referenced in multiple repositories", False)
        stopped = [u for u, r in users if not r]
        if soft and stopped:
            return (f"conflict: unable to delete {short} (must be forced) - image is being "
                    f"used by stopped container {stopped[0][:12]}", True)
        return None

    def _delete(self, host: str, image: LocalImage, lines: list[str], *, force: bool,
                prune: bool, quiet: bool) -> None:
        """imageDeleteHelper: delete the image (its remaining tags first) and, with ``prune``,
        its untagged parents (the legacy builder's step images), quietly."""
        store = self.image_store(host)
        conflict = self._conflict(host, image, hard=True, soft=not force)
        if conflict is not None:
            dangling = not store.tags_of(image.id)
            if quiet and (not dangling or conflict[1]):
                return
            raise DaemonError(conflict[0], status=409)
        for t in store.tags_of(image.id):
            del store.tags[t]
            lines.append(f"Untagged: {_familiar(t)}")
        del store.images[image.id]
        lines.append(f"Deleted: {image.id}")
        parent = store.images.get(image.parent) if prune and image.parent else None
        if parent is not None:
            self._delete(host, parent, lines, force=False, prune=True, quiet=True)

    def registry_data(self, container_id: str) -> RegistryData:
        """What the registry container ``container_id`` holds (its storage lives as long as
        the container)."""
        return self._registries.setdefault(container_id, RegistryData())

    def registry_put(self, container_id: str, repo: str, tag: str, image: LocalImage) -> None:
        """A pushed image: the tag now names it; its layers are the registry's (the first
        repository that brought a layer is the one a later push mounts it from)."""
        data = self.registry_data(container_id)
        data.repos.setdefault(repo, {})[tag] = image
        for layer in image.layers:
            data.blobs.setdefault(layer, repo)

    def commit_container(self, host: str, container: str, *, config: ImageConfig,
                         author: str, comment: str, target: ImageRef | None) -> LocalImage:
        """``docker commit``: an image of the container's config (with ``-c`` changes
        applied by the caller) on top of its image."""
        rt = self._rt(host)
        c = self._find_container(rt, container)
        base = self._store_images().get(c.image_id)
        if base is None:
            info = self._image(c.spec.Config.Image)
            base = info if isinstance(info, ImageInfo) else None
        parent = self.image_store(host).images.get(c.image_id)
        image = LocalImage(
            id=image_digest("commit", c.id, self.clock, config, author, comment),
            config=config, info=info_with_config(base, config), created=self.clock,
            size=parent.size if parent is not None else (base.size if base else None),
            author=author, parent=c.image_id, comment=comment,
            # a commit adds the container's changes as one layer
            layers=(*(parent.layers if parent is not None else ()),
                    image_digest("commit-layer", c.id, self.clock)))
        self.add_image(host, image, [target.canonical] if target is not None else [])
        return image


def no_such_image(ref: str) -> DaemonError:
    """The daemon's "No such image", the reference with its tag (``nosuchimage:latest``;
    daemon/images/image.go GetImage's ErrImageDoesNotExist)."""
    try:
        parsed = parse_image_ref(ref)
    except ValueError:
        return DaemonError(f"No such image: {ref}", status=404)
    shown = ref if ref.startswith("sha256:") or parsed.digest else \
        f"{parsed.familiar_name}:{parsed.tag}"
    return DaemonError(f"No such image: {shown}", status=404)


def _familiar(canonical: str) -> str:
    return parse_image_ref(canonical).familiar_tagged


def _is_reference_to(ref: str, tags: list[str]) -> bool:
    try:
        return parse_image_ref(ref).canonical in tags
    except ValueError:
        return False
