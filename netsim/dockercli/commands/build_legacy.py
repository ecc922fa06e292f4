"""The legacy builder's ``docker build`` (the 20.10 CLI's default): ``Step N/M : …`` for every
instruction, the image each step commits, ``Using cache`` for a step the daemon's cache has,
and the step images it leaves as the built image's parents (moby builder/dockerfile/
builder.go dispatchDockerfileWithCancellation, internals.go commitContainer, probeCache;
measured: conformance/recorded/20.10/83-build-basics, 84-build-stages)."""

from __future__ import annotations

from collections.abc import Mapping

from netsim.daemon import ids
from netsim.daemon.imagestore import LocalImage, image_digest, short_id
from netsim.dockercli.commands.context import Output, Session
from netsim.dockercli.parse import ParsedCommand
from netsim.images import parse_image_ref
from netsim.images.build import BuildPlan

__all__ = ["legacy_build"]

#: the instructions that commit without running a container (builder/dockerfile/
#: dispatchers.go: COPY and ADD copy into a new layer directly)
_NO_CONTAINER = ("copy", "add")


def legacy_build(session: Session, host: str, p: ParsedCommand, plan: BuildPlan, out: Output,
                 *, total: int | None = None, finish: bool = True,
                 fetched: Mapping[str, LocalImage] | None = None) -> str:
    """Print the steps of ``plan`` up to its target and store the image; the ID of the last
    step's image. ``total``: the number of steps to show in ``Step N/M`` (the whole
    Dockerfile's when a later instruction fails: ``finish`` False then stores no image)."""
    from netsim.dockercli.commands.build import finish_image

    engine = session.engine
    store = engine.image_store(host)
    stages = plan.stages[:plan.target + 1]  # every stage up to the target, in order
    if total is None:
        total = len(plan.global_args) + sum(len(s.steps) for s in stages)
    n = 0
    for ins in plan.global_args:
        n += 1
        out.out(f"Step {n}/{total} : {ins.text}")
    current = ""
    last_of: dict[int, str] = {}
    no_cache = p.get("no-cache") == "true"
    for stage in stages:
        for st in stage.steps:
            n += 1
            ins = st.instruction
            out.out(f"Step {n}/{total} : {ins.text}")
            if ins.keyword == "from":
                if stage.base == "scratch":  # nothing to show: the step's ID is empty
                    out.out(" ---> ")
                    current = ""
                    continue
                if stage.base_stage is not None:
                    current = last_of[stage.base_stage]
                else:
                    base = (engine.find_image(host, stage.base)
                            or (fetched or {}).get(stage.base))
                    current = base.id if base is not None else image_digest(
                        "unknown", stage.base)
                out.out(f" ---> {short_id(current)}")
                continue
            cached = store.cache.get(st.legacy_key)
            if cached and not no_cache and cached in store.images:
                out.out(" ---> Using cache")
                made = cached
            else:
                made = image_digest("legacy", st.legacy_key)
                if ins.keyword not in _NO_CONTAINER:
                    cid = ids.hex_id(engine.seed, "build-container", host, st.legacy_key,
                                     engine.clock)
                    out.out(f" ---> Running in {cid[:12]}")
                    out.out(f"Removing intermediate container {cid[:12]}")
                store.images.setdefault(made, LocalImage(
                    id=made, config=stage.config, info=None, created=engine.clock,
                    parent=current, intermediate=True))
                store.cache[st.legacy_key] = made
            out.out(f" ---> {short_id(made)}")
            current = made
        last_of[stage.index] = current
    if not finish:
        return current
    parent = store.images[current].parent if current in store.images else ""
    image = finish_image(session, host, p, plan, parent=parent, legacy_id=current,
                         fetched=fetched)
    out.out(f"Successfully built {short_id(image.id)}")
    for t in p.get_all("tag"):
        try:
            out.out(f"Successfully tagged {parse_image_ref(t).familiar_tagged}")
        except ValueError:
            continue
    return current
