"""The accepted forms of text options: each validator beside the sentence that describes it.

Every string that reaches a template passes one of these, so no option can inject a
Dockerfile instruction, a shell command or a YAML structure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Annotated, NamedTuple, get_args

from pydantic import AfterValidator

from scaffold_go_docker.options import versions

# Patterns, compiled on first use by re's own cache: a run pays only for those it checks.
_APP_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_PATH_ELEMENT = r"[A-Za-z0-9._~-]+"
_GO_VERSION = r"1\.(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2}))?"
_ALPINE_VERSION = r"3\.[0-9]{1,3}"
# A Docker image reference (name, optional registry port, tag and/or digest); no spaces or quotes.
_IMAGE_REF = (
    r"[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?::[0-9]{1,5})?"
    r"(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*"
    r"(?::(?P<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
    r"(?:@sha256:(?P<digest>[a-f0-9]{64}))?"
)
_GOPRIVATE = r"[A-Za-z0-9._~*?/\[\]-]+(,[A-Za-z0-9._~*?/\[\]-]+)*"
# No `$`: the URL lands in a LABEL, where the Dockerfile would expand it as a variable.
_URL = r"https?://[A-Za-z0-9._~:/?#@!&()*+,;=%-]+"

MAX_APP_NAME = 64
MAX_MODULE_PATH = 255
MAX_IMAGE_REF = 255


def check_app_name(value: str) -> str:
    """The app name's own validation (the CLI checks it before anything else)."""
    if not value:
        raise ValueError("must not be empty")
    if len(value) > MAX_APP_NAME:
        raise ValueError(f"must be at most {MAX_APP_NAME} characters")
    if not re.fullmatch(_APP_NAME, value) or ".." in value or value.endswith("."):
        raise ValueError(
            f"{value!r} is not usable as a directory and Go module path element: use letters, "
            "digits, '.', '_' and '-', starting with a letter or digit"
        )
    return value


def _check_module_path(value: str) -> str:
    if not value or len(value) > MAX_MODULE_PATH:
        raise ValueError(f"must be 1 to {MAX_MODULE_PATH} characters")
    for element in value.split("/"):
        if (
            not re.fullmatch(_PATH_ELEMENT, element)
            or element.startswith(".")
            or element.endswith(".")
            or ".." in element
        ):
            raise ValueError(
                f"{value!r} is not a Go module path: each '/'-separated element uses letters, "
                "digits, '.', '_', '~' and '-', and neither starts nor ends with '.'"
            )
    return value


def _check_go_version(value: str) -> str:
    match = re.fullmatch(_GO_VERSION, value)
    if not match:
        raise ValueError(f"{value!r} is not a Go release: write 1.N or 1.N.P, e.g. 1.27")
    if int(match.group(1)) < versions.MIN_GO_MINOR:
        raise ValueError(
            f"{value!r} is too old: the sample app needs Go 1.{versions.MIN_GO_MINOR}+"
        )
    return value


def _check_alpine_version(value: str) -> str:
    if not re.fullmatch(_ALPINE_VERSION, value):
        raise ValueError(f"{value!r} is not an Alpine minor release: write 3.N, e.g. 3.24")
    return value


def _check_image_ref(value: str) -> str:
    match = re.fullmatch(_IMAGE_REF, value) if len(value) <= MAX_IMAGE_REF else None
    if not match:
        raise ValueError(f"{value!r} is not an image reference like registry/name:tag")
    if not match.group("tag") and not match.group("digest"):
        raise ValueError(f"{value!r} has no tag: pin a version, e.g. name:1.2 (hadolint DL3006)")
    if match.group("tag") == "latest" and not match.group("digest"):
        raise ValueError(f"{value!r} uses :latest: pin a version instead (hadolint DL3007)")
    return value


def _check_goprivate(value: str) -> str:
    if not re.fullmatch(_GOPRIVATE, value):
        raise ValueError(
            f"{value!r} is not a GOPRIVATE list: comma-separated module path patterns, "
            "e.g. github.com/acme/*"
        )
    return value


def _check_url(value: str) -> str:
    if not re.fullmatch(_URL, value) or len(value) > MAX_MODULE_PATH:
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value


class TextFormat(NamedTuple):
    """A text option's validator and the sentence the reference gives for it."""

    check: Callable[[str], str]
    described: str


APP_NAME = TextFormat(
    check_app_name,
    "letters, digits, `.`, `_`, `-`; starts with a letter or digit, no `..`, does not end "
    f"with `.`; at most {MAX_APP_NAME} characters",
)
MODULE_PATH = TextFormat(
    _check_module_path,
    "a Go module path: `/`-separated elements of letters, digits, `.`, `_`, `~`, `-`, none "
    f"starting or ending with `.`; at most {MAX_MODULE_PATH} characters",
)
GO_VERSION = TextFormat(
    _check_go_version, f"`1.N` or `1.N.P`, at least `1.{versions.MIN_GO_MINOR}`"
)
ALPINE_VERSION = TextFormat(_check_alpine_version, "an Alpine minor release, `3.N`")
IMAGE_REF = TextFormat(
    _check_image_ref,
    f"an image reference `[registry/]name:tag` or `...@sha256:...` (at most {MAX_IMAGE_REF} "
    "characters); a tag or digest is required and `:latest` is refused",
)
GOPRIVATE = TextFormat(
    _check_goprivate,
    "comma-separated module path patterns, e.g. `github.com/acme/*,gitlab.acme.io`",
)
URL = TextFormat(_check_url, "an `http://` or `https://` URL")


# Each TextFormat rides along as metadata, so the reference finds every field's sentence.
AppName = Annotated[str, AfterValidator(APP_NAME.check), APP_NAME]
ModulePath = Annotated[str, AfterValidator(MODULE_PATH.check), MODULE_PATH]
GoVersion = Annotated[str, AfterValidator(GO_VERSION.check), GO_VERSION]
AlpineVersion = Annotated[str, AfterValidator(ALPINE_VERSION.check), ALPINE_VERSION]
ImageRef = Annotated[str, AfterValidator(IMAGE_REF.check), IMAGE_REF]
GoPrivate = Annotated[str, AfterValidator(GOPRIVATE.check), GOPRIVATE]
Url = Annotated[str, AfterValidator(URL.check), URL]


def text_format(annotation: object, metadata: Iterable[object] = ()) -> TextFormat | None:
    """The TextFormat a field's annotation carries (also inside `X | None`), if any."""
    for item in (*metadata, *get_args(annotation)):
        if isinstance(item, TextFormat):
            return item
        found = text_format(item) if get_args(item) else None
        if found:
            return found
    return None
