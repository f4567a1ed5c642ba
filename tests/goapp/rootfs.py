"""Assemble a runtime stage as files in an otherwise empty root, and run programs in it."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .dockerfile_build import RuntimeStage

#: The PATH Docker and BuildKit give a container whose image sets none.
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def stage_rootfs(commands: list[str], staging: Path, env: Mapping[str, str]) -> None:
    """Run the builder's staging RUN lines with their /rootfs moved to `staging`."""
    for command in commands:
        subprocess.run(
            ["/bin/sh", "-c", command.replace("/rootfs", str(staging))],
            env={"PATH": "/usr/bin:/bin", **env},
            cwd=staging,
            check=True,
            timeout=30,
        )


def assemble(root: Path, stage: RuntimeStage, builder_files: Mapping[str, Path]) -> None:
    """Copy into `root` exactly what the stage's COPY --from=builder lines bring.

    `builder_files` maps each builder path the stage copies to the host file or directory
    standing in for it; a COPY of anything else is an error. As with COPY, a source
    directory's contents land in the target, and files belong to root.
    """
    assert not stage.other, f"the runtime stage does more than copy: {stage.other}"
    assert all(not flags for flags in stage.copy_flags), stage.copy_flags
    for source, target in stage.copies:
        if source not in builder_files:
            raise AssertionError(f"the runtime stage copies {source}, unknown to this test")
        host = builder_files[source]
        destination = root / target.lstrip("/")
        if host.is_dir():
            shutil.copytree(host, destination, symlinks=True, dirs_exist_ok=True)
        else:
            if target.endswith("/"):
                destination = destination / Path(source).name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(host, destination)


def user_spec(stage: RuntimeStage) -> tuple[int, int]:
    """The stage's USER as numeric (uid, gid); root when it sets none."""
    if stage.user is None:
        return 0, 0
    uid, _, gid = stage.user.partition(":")
    assert uid.isdigit(), f"USER {stage.user} has no numeric uid"
    assert gid.isdigit(), f"USER {stage.user} has no numeric gid"
    return int(uid), int(gid)


def container_env(stage: RuntimeStage, **extra: str) -> dict[str, str]:
    """The environment a container of this stage starts with."""
    return {"PATH": DEFAULT_PATH, "HOME": "/", **stage.env, **extra}


def command_in_root(root: Path, stage: RuntimeStage, argv: list[str]) -> list[str]:
    """`argv` run with `root` as / and the stage's USER, with no supplementary groups."""
    uid, gid = user_spec(stage)
    return ["chroot", f"--userspec={uid}:{gid}", "--groups=", str(root), *argv]


def run_in_root(
    root: Path, stage: RuntimeStage, argv: list[str], **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command_in_root(root, stage, argv),
        env=container_env(stage, **env),
        capture_output=True,
        text=True,
        timeout=30,
    )


@contextmanager
def started_in_root(
    root: Path, stage: RuntimeStage, argv: list[str], *, pid1: bool = False, **env: str
) -> Iterator[subprocess.Popen[str]]:
    """A long-running process in the root; killed on exit if still running.

    With `pid1`, it runs as PID 1 of a new PID namespace (a child of the returned `unshare`).
    """
    namespace = ["unshare", "--pid", "--fork", "--kill-child"] if pid1 else []
    process = subprocess.Popen(
        [*namespace, *command_in_root(root, stage, argv)],
        env=container_env(stage, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def distroless_like_base(root: Path, ca_bundle: Path, zoneinfo: Path) -> None:
    """What distroless static brings: nonroot (65532) in passwd, CA bundle, zoneinfo, /tmp."""
    (root / "etc/ssl/certs").mkdir(parents=True)
    (root / "etc/passwd").write_text(
        "root:x:0:0:root:/root:/sbin/nologin\n"
        "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"
        "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n"
    )
    (root / "etc/group").write_text("root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n")
    shutil.copy2(ca_bundle, root / "etc/ssl/certs/ca-certificates.crt")
    shutil.copytree(zoneinfo, root / "usr/share/zoneinfo", symlinks=True)
    (root / "tmp").mkdir(mode=0o1777)
    (root / "tmp").chmod(0o1777)
    home = root / "home/nonroot"
    home.mkdir(parents=True)
    os.chown(home, 65532, 65532)
