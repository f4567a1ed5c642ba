"""A build context that holds a `.git` directory builds, whether or not the builder has git.

Go's default `-buildvcs=auto` runs git when it sees `.git`, and fails ("error obtaining VCS
status") where git refuses the directory (incomplete, or owned by another user); older Go
also failed where git was missing. The generated Dockerfiles pass -buildvcs=false. Here
`.git` is taken out of .dockerignore so that it really is in the context.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from realbuild.realbuild_support import BaseImages, Case, ImageCache, free_port

pytestmark = pytest.mark.realbuild


@pytest.fixture(scope="module")
def builder_without_git(images: ImageCache, base_images: BaseImages) -> Iterator[str]:
    """The local golang image with git removed, as golang:alpine comes."""
    tag = f"localhost/sgd-golang-nogit:test-{os.getpid()}"
    images.engine.derive_image(base_images.builder, "rm -f /usr/bin/git", tag)
    yield tag
    images.engine.remove_images([tag])


def with_git_directory(project: Path) -> None:
    """Make the project a repository with one commit, and let .git into the build context."""
    ignore = project / ".dockerignore"
    ignore.write_text(
        "".join(line for line in ignore.read_text().splitlines(True) if line.strip() != ".git")
    )
    if shutil.which("git"):
        git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t"]
        subprocess.run([*git, "init", "-q"], check=True)
        subprocess.run([*git, "add", "."], check=True)
        subprocess.run([*git, "commit", "-q", "-m", "init"], check=True)
    else:  # the smallest directory Go takes for a repository
        (project / ".git").mkdir()
        (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")


def with_git_directory_git_refuses(project: Path) -> None:
    """A .git with a HEAD but no objects: git exits 128 on it (as on a foreign-owned one)."""
    with_git_directory(project)
    shutil.rmtree(project / ".git")
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")


def without_buildvcs_false(project: Path) -> None:
    """The control: the refused .git with Go's default -buildvcs=auto."""
    with_git_directory_git_refuses(project)
    dockerfile = project / "Dockerfile"
    dockerfile.write_text(dockerfile.read_text().replace(" -buildvcs=false", ""))


def git_case(case_id: str, builder_image: str, prepare: object = with_git_directory) -> Case:
    assert callable(prepare)
    return Case(
        case_id,
        {
            "app_name": "hello",
            "variant": "enterprise",
            "builder": "debian",
            "base": "scratch",
            "port": free_port(case_id),
            "builder_image": builder_image,
        },
        prepare,
    )


def test_context_with_git_directory_builds_where_git_is_installed(
    images: ImageCache, base_images: BaseImages
) -> None:
    built = images.build(git_case("dotgit-with-git", base_images.builder))
    assert (built.project / ".git").is_dir()
    assert ".git" not in (built.project / ".dockerignore").read_text().split()


def test_context_with_git_directory_builds_without_git(
    images: ImageCache, builder_without_git: str
) -> None:
    built = images.build(git_case("dotgit-without-git", builder_without_git))
    assert (built.project / ".git").is_dir()
    assert "-buildvcs=false" in built.dockerfile


def test_context_with_a_git_directory_git_refuses_builds(
    images: ImageCache, base_images: BaseImages
) -> None:
    built = images.build(
        git_case("dotgit-refused", base_images.builder, with_git_directory_git_refuses)
    )
    assert "-buildvcs=false" in built.dockerfile


def test_without_buildvcs_false_a_git_directory_git_refuses_fails_the_build(
    images: ImageCache, base_images: BaseImages
) -> None:
    """The control: .git really reaches the build, and the flag is what saves it."""
    ok, log = images.attempt(
        git_case("dotgit-control", base_images.builder, without_buildvcs_false)
    )
    assert not ok
    assert "error obtaining VCS status" in log.read_text()
