"""Real builds: generated projects built with buildah on local base images, then run.

No registry is reachable here or on CI, so the golang and distroless images are local
stand-ins built by images/build_base_images.sh (its comments give the recipe). Only a missing
buildah skips these tests; missing base images are built.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import venv_tool

from realbuild.realbuild_support import (
    BASE_IMAGES_SCRIPT,
    PROBE_SOURCE,
    STORAGE_CONF,
    BaseImages,
    ImageCache,
)


@pytest.fixture(scope="session")
def buildah() -> str:
    found = shutil.which("buildah")
    if found is None:
        pytest.skip("buildah is not installed (apt-get install buildah): no real builds here")
    return found


@pytest.fixture(scope="session")
def storage_conf(buildah: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Points every buildah call of the session, ours and verify's, at the vfs store."""
    conf = tmp_path_factory.mktemp("containers") / "storage.conf"
    conf.write_text(STORAGE_CONF)
    previous = os.environ.get("CONTAINERS_STORAGE_CONF")
    os.environ["CONTAINERS_STORAGE_CONF"] = str(conf)
    yield conf
    if previous is None:
        os.environ.pop("CONTAINERS_STORAGE_CONF", None)
    else:
        os.environ["CONTAINERS_STORAGE_CONF"] = previous


@pytest.fixture(scope="session")
def base_images(storage_conf: Path) -> BaseImages:
    """The local golang and distroless images: the script builds them or finds them current."""
    go = venv_tool("go")
    env = {**os.environ, "PATH": f"{go.parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        [str(BASE_IMAGES_SCRIPT)], env=env, capture_output=True, text=True, timeout=1200
    )
    if done.returncode != 0:
        pytest.fail(f"{BASE_IMAGES_SCRIPT.name} failed:\n{done.stderr[-3000:]}")
    builder, distroless = done.stdout.split()[-2:]
    return BaseImages(builder=builder, distroless=distroless)


@pytest.fixture(scope="session")
def probe_binary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A static helper that checks time zones, the CA bundle and /tmp from inside an image."""
    out = tmp_path_factory.mktemp("probe") / "probe"
    env = {**os.environ, "CGO_ENABLED": "0", "GOFLAGS": "", "GOTOOLCHAIN": "local"}
    subprocess.run(
        [str(venv_tool("go")), "build", "-o", str(out), PROBE_SOURCE.name],
        env=env,
        check=True,
        capture_output=True,
        cwd=PROBE_SOURCE.parent,
        timeout=300,
    )
    return out


@pytest.fixture(scope="session")
def images(
    base_images: BaseImages, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ImageCache]:
    """Builds each case once per session; removes the images afterwards (vfs copies add up)."""
    cache = ImageCache(tmp_path_factory.mktemp("realbuild"))
    yield cache
    for tag in cache.tags:
        subprocess.run(["buildah", "rmi", tag], capture_output=True, check=False)
