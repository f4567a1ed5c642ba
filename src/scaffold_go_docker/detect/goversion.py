"""Go versions as the go command reads and orders them (`internal/gover`).

"1.22" (a language version) sorts before "1.22rc1", which sorts before "1.22.0". The newest
released Go minor is the project's pinned GO_VERSION: a module asking for a newer one cannot
be built by any image there is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

#: The go directive's form (golang.org/x/mod/modfile.GoVersionRE).
_GO_DIRECTIVE = re.compile(r"([1-9][0-9]*)\.(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?")
#: Pre-release kinds in the order Go sorts them after "" (a release).
_KINDS = {"": 0, "alpha": 1, "beta": 2, "rc": 3}


@total_ordering
@dataclass(frozen=True, slots=True)
class GoVersion:
    """A Go version such as "1.22", "1.23.4" or "1.24rc1" (no "go" prefix)."""

    text: str
    major: int
    minor: int
    #: None for a language version ("1.22") or a pre-release ("1.22rc1").
    patch: int | None
    kind: str = ""
    pre: int = 0

    @classmethod
    def parse(cls, text: str) -> GoVersion | None:
        """The version of a go directive ("1.N", "1.N.P", "1.Nrc1"), or None if malformed."""
        match = _GO_DIRECTIVE.fullmatch(text)
        if match is None:
            return None
        major, minor, patch, pre = match.groups()
        kind, number = "", 0
        if pre is not None:
            kind = pre.rstrip("0123456789")
            number = int(pre[len(kind) :])
            if kind not in _KINDS:
                return None
        return cls(
            text, int(major), int(minor), None if patch is None else int(patch), kind, number
        )

    @classmethod
    def from_toolchain(cls, name: str) -> GoVersion | None:
        """The version of a toolchain name ("go1.25.1", "go1.25.1-custom"); None otherwise."""
        if not name.startswith("go") or "/" in name or "\\" in name:
            return None
        return cls.parse(re.split(r"[ \t-]", name[2:], maxsplit=1)[0])

    @property
    def lang(self) -> str:
        """The language version, "1.N"."""
        return f"{self.major}.{self.minor}"

    def _key(self) -> tuple[int, int, int, int, int]:
        # gover: a missing patch sorts first ("1.21" < "1.21rc1" < "1.21.0"), except that
        # before Go 1.21 "1.N" meant "1.N.0".
        patch = self.patch
        if patch is None and self.kind == "" and (self.major, self.minor) < (1, 21):
            patch = 0
        return (self.major, self.minor, -1 if patch is None else patch, _KINDS[self.kind], self.pre)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, GoVersion):
            return NotImplemented
        return self._key() < other._key()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GoVersion):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __str__(self) -> str:
        return self.text


def newest_known_minor() -> GoVersion:
    """The newest released Go minor this version of the tool knows (options.versions)."""
    from scaffold_go_docker.options.versions import GO_VERSION

    known = GoVersion.parse(GO_VERSION)
    if known is None:  # pragma: no cover - a broken pin is a programming error
        raise ValueError(f"GO_VERSION {GO_VERSION!r} is not a Go version")
    return known


def is_released(version: GoVersion, newest: GoVersion) -> bool:
    """Whether some released Go (one no newer than the `newest` minor) is that version."""
    return version.major == 1 and version.minor <= newest.minor
