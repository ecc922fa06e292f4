"""``docker push`` and ``docker pull`` to and from a registry on the network: a container whose
image serves the Registry HTTP API (``registry:2``, the lab's stand-in) that the daemon's host
reaches at the reference's address and port — through a published port, the LAN, or not at
all, as netsim's reachability says.

The daemon speaks HTTPS to a registry unless it is a loopback one or listed in its
``insecure-registries`` (moby registry/config.go; ``# netsim: daemon --insecure-registry=…``);
a registry container answers plain HTTP, so an unlisted one is refused with Go's "server gave
HTTP response to HTTPS client". Docker Hub is not simulated (netsim's catalogue stands for the
images pulled from it). Texts measured: conformance/recorded/*/88-registry-insecure-refused,
89-registry-push-pull.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
from dataclasses import asdict

from netsim.analysis.reach import Symptom, reach
from netsim.daemon.imagestore import LocalImage, image_digest, short_id
from netsim.dockercli.commands.context import NOT_SIMULATED, Output, Session
from netsim.dockercli.parse import ParsedCommand
from netsim.errors import DaemonError, DockerCliError
from netsim.images import ImageRef, container_image, parse_image_ref
from netsim.images.reference import DEFAULT_DOMAIN

__all__ = ["NotSimulated", "Unreachable", "find_registry", "pull_into", "push",
           "registry_pull", "wants_registry"]

#: Go's net errors for a failed connect (syscall errno texts)
_DIAL = {
    Symptom.REFUSED: "connect: connection refused",
    Symptom.HOST_UNREACHABLE: "connect: no route to host",
    Symptom.NETWORK_UNREACHABLE: "connect: network is unreachable",
    Symptom.TIMEOUT: "i/o timeout",
}


class NotSimulated(Exception):
    """A registry exchange netsim does not simulate (its note says what)."""


class Unreachable(DaemonError):
    """The registry does not answer as one: the daemon's words (``Get "URL/v2/": …``), with
    the scheme, registry and Go's error apart (BuildKit asks for a manifest instead)."""

    def __init__(self, scheme: str, domain: str, detail: str) -> None:
        self.scheme, self.domain, self.detail = scheme, domain, detail
        super().__init__(f'Get "{scheme}://{domain}/v2/": {detail}', status=500)


def wants_registry(ref: str) -> bool:
    """The reference names a registry other than Docker Hub (``192.168.0.100:5000/x``)."""
    try:
        return parse_image_ref(ref).registry != DEFAULT_DOMAIN
    except ValueError:
        return False


def _insecure(session: Session, host: str, domain: str, name: str) -> bool:
    """Plain HTTP for this registry: a loopback one, or one the daemon lists (moby
    registry/config.go isSecureIndex: insecure-registries and 127.0.0.0/8, ::1)."""
    if name == "localhost":
        return True
    try:
        if ipaddress.ip_address(name).is_loopback:
            return True
    except ValueError:
        pass
    return domain in session.state.hosts[host].host.daemon.insecure_registries


def _addresses(name: str) -> list[str]:
    """The addresses Go's dialer tries for a registry host, in order: ``localhost`` is ::1
    then 127.0.0.1 (the recorded error names [::1]); an IP literal is itself."""
    if name == "localhost":
        return ["::1", "127.0.0.1"]
    try:
        return [str(ipaddress.ip_address(name.strip("[]")))]
    except ValueError:
        raise NotSimulated(f"a registry named {name} (netsim resolves registries by IP "
                           "address or localhost only)") from None


def find_registry(session: Session, host: str, ref: ImageRef) -> tuple[str, str]:
    """The registry container the daemon of ``host`` reaches for ``ref``'s registry and the
    base URL it speaks to; a DaemonError with the daemon's words when it cannot."""
    from netsim.probes.http import served_by

    domain = ref.registry
    name, sep, port_text = domain.rpartition(":")
    if not sep or not port_text.isdigit():
        raise NotSimulated(f"a registry without a port ({domain})")
    port = int(port_text)
    scheme = "http" if _insecure(session, host, domain, name) else "https"
    url = f"{scheme}://{domain}/v2/"
    state = session.state
    first_error: Unreachable | None = None
    for address in _addresses(name):
        trace = reach(state, f"@{host}", address, port=port)
        if trace.symptom is Symptom.OK:
            found = served_by(state, trace)
            info = container_image(state, found[0]) if found is not None else None
            if found is None or info is None or not info.registry_api:
                raise NotSimulated(f"the server at {domain} (netsim knows no registry there)")
            if scheme == "https":
                raise Unreachable(scheme, domain, "http: server gave HTTP response to HTTPS "
                                                  "client")
            return found[0].id, url
        if first_error is None:
            shown = f"[{address}]" if ":" in address else address
            text = _DIAL.get(trace.symptom, "connect: connection refused")
            first_error = Unreachable(scheme, domain, f"dial tcp {shown}:{port}: {text}")
    assert first_error is not None  # _addresses gives one address at least
    raise first_error


def push(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker push NAME[:TAG]`` to a registry container."""
    ref_text = p.args[0]
    try:
        ref = parse_image_ref(ref_text)
    except ValueError as err:
        raise DockerCliError(str(err), exit_code=1) from None
    if ref.registry == DEFAULT_DOMAIN:  # Docker Hub: a line netsim notes and goes on
        out.err(f"netsim: 'docker {p.path}' is not simulated", NOT_SIMULATED)
        return
    quiet = p.get("quiet") == "true"
    shown = out if not quiet else Output()  # -q: only the reference at the end (push.go)
    if not ref.tag_explicit and not ref.digest:  # cli/command/image/push.go
        shown.out(f"Using default tag: {ref.tag}")
    # docker/cli cli/command/image/push.go, then the daemon's stream
    shown.out(f"The push refers to repository [{ref.familiar_name}]")
    if quiet:
        out = _Quiet(out, shown, ref.familiar_tagged)
    engine = session.engine
    image = engine.find_image(host, ref.canonical)
    if image is None:
        out.err(f"An image does not exist locally with the tag: {ref.familiar_name}", 1)
        return
    try:
        cid, _url = find_registry(session, host, ref)
    except NotSimulated as err:
        out.err(f"netsim: pushing to {err} is not simulated", NOT_SIMULATED)
        return
    except DaemonError as err:
        out.err(err.text, 1)
        return
    repo = ref.repository
    blobs = engine.registry_data(cid).blobs
    layers = list(reversed(image.layers))  # the top layer first, as docker push lists them
    out.stdout.extend(f"{short_id(layer)}: Preparing\n" for layer in layers)
    for layer in layers:
        owner = blobs.get(layer)
        if owner is None:
            status = "Pushed"
        elif owner == repo:
            status = "Layer already exists"
        else:
            status = f"Mounted from {owner}"  # a cross-repository blob mount
        out.out(f"{short_id(layer)}: {status}")
    engine.registry_put(cid, repo, ref.tag, image)
    manifest = _manifest_json(image)
    out.out(f"{ref.tag}: digest: {_manifest(image)} size: {len(manifest)}")


class _Quiet(Output):
    """``push -q``: the stream is kept back; on success the reference alone is printed, on
    failure the error."""

    def __init__(self, real: Output, held: Output, reference: str) -> None:
        super().__init__()
        self.real, self.held, self.reference = real, held, reference

    def out(self, text: str) -> None:
        self.held.out(text)
        if ": digest: " in text:
            self.real.out(self.reference)

    def err(self, text: str, code: int | None = None) -> None:
        self.real.err(text, code)


def _manifest_json(image: LocalImage) -> bytes:
    """The image's manifest as the daemon pushes it (schema 2, MarshalIndent with three
    spaces: distribution manifest/schema2), from netsim's stand-ins for the config's and the
    layers' digests and sizes (the layers' compressed sizes are not known: the image's size
    split among them) — so its size is netsim's, compared as a number in conformance."""
    config = json.dumps(asdict(image.config), sort_keys=True).encode()
    share = (image.size or 0) // max(1, len(image.layers))
    doc = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                   "size": len(config), "digest": image.id},
        "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                    "size": share, "digest": image_digest("blob", layer)}
                   for layer in image.layers],
    }
    return json.dumps(doc, indent=3).encode()


def _manifest(image: LocalImage) -> str:
    """The manifest's digest: sha256 of its bytes, as a registry names it."""
    return "sha256:" + hashlib.sha256(_manifest_json(image)).hexdigest()


def pull_into(session: Session, host: str, ref: ImageRef, out: Output, *,
              progress_to_stderr: bool = False) -> LocalImage:
    """Pull ``ref`` from its registry into ``host``'s daemon, printing the pull's progress;
    a DaemonError with the daemon's words when it cannot."""
    engine = session.engine
    cid, _url = find_registry(session, host, ref)
    stored = engine.registry_data(cid).repos.get(ref.repository, {}).get(ref.tag)
    if stored is None:
        raise DaemonError(f"manifest for {ref.familiar_tagged} not found: manifest unknown: "
                          "manifest unknown", status=404)
    say = out.err if progress_to_stderr else out.out
    say(f"{ref.tag}: Pulling from {ref.repository}")
    local = engine.find_image(host, ref.canonical)
    if local is not None and local.id == stored.id:
        status = f"Image is up to date for {ref.familiar_tagged}"
    else:
        have = {layer for i in engine.image_store(host).images.values() for layer in i.layers}
        blobs = [(short_id(image_digest("blob", layer)), layer in have) for layer in stored.layers]
        # the layers' progress as a pipe shows it: every layer's start, then each download,
        # then each layer unpacked in order (one layer recorded; several: their downloads
        # finish in netsim's order, not the network's)
        for blob, there in blobs:
            say(f"{blob}: {'Already exists' if there else 'Pulling fs layer'}")
        for blob, there in blobs:
            if not there:
                if session.profile.pull_verifying_checksum:
                    say(f"{blob}: Verifying Checksum")
                say(f"{blob}: Download complete")
        for blob, there in blobs:
            if not there:
                say(f"{blob}: Pull complete")
        status = f"Downloaded newer image for {ref.familiar_tagged}"
        engine.add_image(host, stored, [ref.canonical])
    say(f"Digest: {_manifest(stored)}")
    say(f"Status: {status}")
    if not progress_to_stderr:
        out.out(ref.familiar_tagged)
    return stored


def registry_pull(session: Session, p: ParsedCommand, host: str, out: Output) -> bool:
    """``docker pull`` from a registry container; False when the reference is Docker Hub's
    (the caller handles it)."""
    try:
        ref = parse_image_ref(p.args[0])
    except ValueError:
        return False
    if ref.registry == DEFAULT_DOMAIN:
        return False
    quiet = p.get("quiet") == "true"
    if not ref.tag_explicit and not ref.digest and not quiet:  # cli/command/image/pull.go
        out.out(f"Using default tag: {ref.tag}")
    try:
        pull_into(session, host, ref, out if not quiet else Output())
        if quiet:
            out.out(ref.familiar_tagged)
    except NotSimulated as err:
        out.err(f"netsim: pulling from {err} is not simulated", NOT_SIMULATED)
    except DaemonError as err:
        out.err(f"Error response from daemon: {err.text}", 1)
    return True
