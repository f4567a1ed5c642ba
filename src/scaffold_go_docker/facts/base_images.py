"""What each base image holds (libc, shell, CA bundle, zoneinfo, user, tools) and how to pin it.

One table, read by `audit` for its verdicts and meant for the generator's defaults and
comments too. An image this table does not know gives `None`: no verdict may depend on it.
Sources: the images' own build recipes (docker-library golang/alpine/debian/ubuntu/busybox,
GoogleContainerTools/distroless, Chainguard's apko configs), checked where this machine
allows (/work/shared/FIELD-NOTES.md).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple


class Libc(StrEnum):
    """The C library an image provides; NONE runs static binaries only."""

    NONE = "none"
    GLIBC = "glibc"
    MUSL = "musl"


class Pinning(StrEnum):
    """What a reference must name for its content to stay put between builds."""

    #: Version tags: pin at least major.minor (`alpine:3.24`, `golang:1.27`).
    MINOR = "minor"
    #: Release tags: a release number or code name (`debian:12`, `debian:bookworm`).
    RELEASE = "release"
    #: No version tags: the repository names the release (`distroless/static-debian12`).
    REPOSITORY = "repository"
    #: Only moving tags are published (Chainguard's free `:latest`): pin by digest.
    DIGEST = "digest"
    #: Nothing to pin (`scratch`).
    NOTHING = "nothing"


class BaseImage(NamedTuple):
    """Facts about one image as it ships; `None` in a field means "not known"."""

    #: How messages name it, e.g. "alpine", "distroless static (nonroot)".
    name: str
    libc: Libc | None
    #: `/bin/sh` exists (shell-form RUN, CMD, ENTRYPOINT, HEALTHCHECK need it).
    shell: bool | None
    #: A CA bundle Go's crypto/x509 finds (e.g. /etc/ssl/certs/ca-certificates.crt).
    ca_bundle: bool | None
    #: Time-zone data Go's time package finds (/usr/share/zoneinfo or GOROOT's zip).
    zoneinfo: bool | None
    #: The UID the image runs as when no USER is given.
    uid: int | None
    curl: bool | None
    wget: bool | None
    #: A C compiler, so cgo is on by default (`CGO_ENABLED` unset means 1).
    c_compiler: bool
    go_toolchain: bool
    #: apk, apt or None (none to install CA certificates or tzdata with).
    package_manager: str | None
    pinning: Pinning


#: distroless's and Chainguard's `nonroot` user.
NONROOT_UID = 65532
ROOT_UID = 0

#: The empty image; every other entry says what it adds to it.
SCRATCH = BaseImage(
    name="scratch",
    libc=Libc.NONE,
    shell=False,
    ca_bundle=False,
    zoneinfo=False,
    uid=ROOT_UID,
    curl=False,
    wget=False,
    c_compiler=False,
    go_toolchain=False,
    package_manager=None,
    pinning=Pinning.NOTHING,
)
#: alpine's minirootfs carries ca-certificates-bundle, busybox (sh, wget), no tzdata.
ALPINE = SCRATCH._replace(
    name="alpine",
    libc=Libc.MUSL,
    shell=True,
    ca_bundle=True,
    wget=True,
    package_manager="apk",
    pinning=Pinning.MINOR,
)
#: Debian's minbase: tzdata up to bookworm (12), no ca-certificates, no curl or wget.
DEBIAN = SCRATCH._replace(
    name="debian",
    libc=Libc.GLIBC,
    shell=True,
    zoneinfo=None,  # per release: see _debian
    package_manager="apt",
    pinning=Pinning.RELEASE,
)
#: Ubuntu's image is minimised: neither tzdata nor ca-certificates.
UBUNTU = DEBIAN._replace(name="ubuntu", zoneinfo=False)
#: busybox: sh and wget applets, nothing else; its libc depends on the variant.
BUSYBOX = SCRATCH._replace(name="busybox", libc=None, shell=True, wget=True, pinning=Pinning.MINOR)
#: golang (Debian): buildpack-deps:scm (ca-certificates, curl, wget, git) plus gcc, libc6-dev.
GOLANG_DEBIAN = DEBIAN._replace(
    name="golang (Debian)",
    ca_bundle=True,
    zoneinfo=True,
    curl=True,
    wget=True,
    c_compiler=True,
    go_toolchain=True,
    pinning=Pinning.MINOR,
)
#: golang (Alpine): no C compiler, so cgo is off by default since Go 1.20; Go's own
#: zoneinfo.zip is in GOROOT.
GOLANG_ALPINE = ALPINE._replace(name="golang (Alpine)", zoneinfo=True, go_toolchain=True)
#: distroless static: CA certificates, tzdata, /etc/passwd with root, nonroot, nobody.
DISTROLESS_STATIC = SCRATCH._replace(
    name="distroless static", ca_bundle=True, zoneinfo=True, pinning=Pinning.REPOSITORY
)
#: distroless base (and base-nossl) add glibc; cc adds libgcc and libstdc++ too.
DISTROLESS_BASE = DISTROLESS_STATIC._replace(name="distroless base", libc=Libc.GLIBC)
DISTROLESS_CC = DISTROLESS_STATIC._replace(name="distroless cc", libc=Libc.GLIBC)
#: Chainguard static: ca-certificates-bundle, tzdata, wolfi-baselayout; runs as nonroot.
CHAINGUARD_STATIC = DISTROLESS_STATIC._replace(
    name="Chainguard static", uid=NONROOT_UID, pinning=Pinning.DIGEST
)


class ImageRef(NamedTuple):
    """A parsed image reference: `[registry/]path[:tag][@digest]`."""

    registry: str | None
    path: str
    tag: str | None
    digest: str | None

    @property
    def name(self) -> str:
        """The last path component: `alpine` for `docker.io/library/alpine:3.24`."""
        return self.path.rsplit("/", 1)[-1]

    @property
    def on_docker_hub(self) -> bool:
        return self.registry in (None, "docker.io", "index.docker.io", "registry-1.docker.io")


_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
# A string, compiled on first use by re's own cache: importing the facts stays cheap for the
# generator's start-up.
_REFERENCE = (
    rf"(?:(?P<host>[A-Za-z0-9.-]+(?::[0-9]+)?)/)?"
    rf"(?P<path>{_COMPONENT}(?:/{_COMPONENT})*)"
    r"(?::(?P<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
    r"(?:@(?P<digest>[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}))?"
)


def parse_image_ref(text: str) -> ImageRef | None:
    """The parts of an image reference, or None when it is not one (e.g. holds `$VAR`).

    A first component is a registry only if it looks like a host (a dot, a port or
    localhost), as Docker decides: in `debian:12` the 12 is a tag, not a port.
    """
    match = re.fullmatch(_REFERENCE, text.strip())
    if match is None:
        return None
    host, path = match.group("host"), match.group("path")
    if host is not None and not ("." in host or ":" in host or host == "localhost"):
        if host != host.lower():
            return None
        host, path = None, f"{host}/{path}"
    return ImageRef(host, path, match.group("tag"), match.group("digest"))


#: Docker Official Images this table knows, by repository name.
OFFICIAL = ("alpine", "golang", "debian", "ubuntu", "busybox")
_DEBIAN_RELEASES = {"buster": 10, "bullseye": 11, "bookworm": 12, "trixie": 13, "forky": 14}
_UBUNTU_CODENAMES = ("focal", "jammy", "noble", "oracular", "plucky", "questing")
#: Debian moved tzdata out of the required set during trixie's development: not assumed.
_LAST_DEBIAN_WITH_TZDATA = 12


def lookup(reference: str) -> BaseImage | None:
    """The facts for an image reference as written in FROM, or None if unknown.

    Docker Official Images are recognised on Docker Hub (`alpine`, `library/alpine`) and on
    any other registry by their last path component (a mirror such as
    `registry.example:5000/mirror/alpine`); a Docker Hub user's `someone/alpine` is not.
    """
    if reference.strip().lower() == "scratch":
        return SCRATCH
    ref = parse_image_ref(reference)
    if ref is None:
        return None
    if ref.path.startswith("distroless/") or "/distroless/" in ref.path:
        return _distroless(ref)
    if ref.path.endswith("chainguard/static"):
        glibc = (ref.tag or "").endswith("glibc")
        return CHAINGUARD_STATIC._replace(libc=Libc.GLIBC) if glibc else CHAINGUARD_STATIC
    official = ref.path in (ref.name, f"library/{ref.name}") or not ref.on_docker_hub
    if not official:
        return None
    tag = ref.tag or ""
    if ref.name == "golang":
        return _golang(tag)
    if ref.name == "alpine":
        return ALPINE
    if ref.name == "debian":
        return _debian(tag)
    if ref.name == "ubuntu":
        return UBUNTU
    if ref.name == "busybox":
        return BUSYBOX
    return None


def _golang(tag: str) -> BaseImage | None:
    if "windowsservercore" in tag or "nanoserver" in tag:
        return None  # Windows images: outside what this table describes
    return GOLANG_ALPINE if "alpine" in tag else GOLANG_DEBIAN


def _debian(tag: str) -> BaseImage:
    release = debian_release(tag)
    if release is None:
        return DEBIAN
    return DEBIAN._replace(zoneinfo=True if release <= _LAST_DEBIAN_WITH_TZDATA else None)


def debian_release(tag: str) -> int | None:
    """The Debian major release a tag names (`12`, `12.5-slim`, `bookworm-slim`), if any."""
    match = re.match(r"(\d+)(?:[.-]|$)", tag)
    if match:
        return int(match.group(1))
    return _DEBIAN_RELEASES.get(tag.split("-", 1)[0])


def _distroless(ref: ImageRef) -> BaseImage | None:
    flavour = ref.name.split("-", 1)[0]
    facts = {
        "static": DISTROLESS_STATIC,
        "base": DISTROLESS_BASE,
        "cc": DISTROLESS_CC,
    }.get(flavour)
    if facts is None:
        return None  # java, python3, nodejs...: language runtimes, not for Go
    tag = ref.tag or "latest"
    if "nonroot" in tag:
        facts = facts._replace(name=f"{facts.name} (nonroot)", uid=NONROOT_UID)
    if "debug" in tag:
        # busybox lives in /busybox (on PATH, with wget); there is still no /bin/sh.
        facts = facts._replace(name=f"{facts.name} (debug)", wget=True)
    return facts


def floating_tag(reference: str, facts: BaseImage | None) -> str | None:
    """Why this reference can change between builds, or None when it is pinned.

    A digest always pins. Unknown images are judged only on `:latest` or no tag.
    """
    if reference.strip().lower() == "scratch":
        return None
    ref = parse_image_ref(reference)
    if ref is None or ref.digest:
        return None
    tag = ref.tag
    if tag is None:
        return "no tag, so it means :latest"
    if tag == "latest" or tag.startswith("latest-"):
        return f":{tag} moves with every release"
    if facts is None:
        return None
    if facts.pinning is Pinning.DIGEST:
        return f":{tag} is rebuilt in place; only a digest pins {facts.name}"
    if facts.pinning is Pinning.REPOSITORY:
        if not re.search(r"-debian\d+$", ref.name):
            return (
                f"{ref.path} follows the newest Debian release; name one, e.g. {ref.name}-debian12"
            )
        return None
    if facts.pinning is Pinning.RELEASE:
        if ref.name == "debian" and debian_release(tag) is not None:
            return None
        if ref.name == "ubuntu" and (
            re.match(r"\d{2}\.\d{2}", tag) or tag.split("-", 1)[0] in _UBUNTU_CODENAMES
        ):
            return None
        return f":{tag} names no release"
    if facts.pinning is Pinning.MINOR:
        version = _leading_version(tag)
        if version is None:
            return f":{tag} names no version"
        if "." not in version and not re.fullmatch(r"\d{8}", version):
            return f":{tag} names only the major version {version}"
    return None


def _leading_version(tag: str) -> str | None:
    """The version a tag starts with: `1.27` in `1.27-alpine3.24`, `3.24` in `3.24.1`."""
    match = re.match(r"v?(\d+(?:\.\d+)*)", tag)
    return match.group(1) if match else None
