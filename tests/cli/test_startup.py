"""The one-shot start-up: pydantic plugins are off and their discovery costs nothing,
yet pydantic behaves exactly as its own loader would. Each case runs in a fresh process,
since this one has long since imported pydantic's real loader."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import clean_environ

SWITCH = "PYDANTIC_DISABLE_PLUGINS"

# Imports the CLI as the console entry point does, then reports on pydantic's plugin loader.
PROBE = """
import json, os, sys
from scaffold_go_docker.cli.startup import one_shot_imports
with one_shot_imports():
    import scaffold_go_docker.cli.app
from scaffold_go_docker.options import Options
Options.resolve({"app_name": "demo"})
step = sys.argv[1] if len(sys.argv) > 1 else ""
if step == "re-enable":
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = ""
from pydantic.plugin._loader import get_plugins
plugins = list(get_plugins())
if step == "other-name":
    from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP
    plugins.append(PYDANTIC_ENTRY_POINT_GROUP)
loader = type(sys.modules["pydantic.plugin._loader"]).__name__
print(json.dumps({
    "switch": os.environ.get("PYDANTIC_DISABLE_PLUGINS"),
    "loader": loader,
    "plugins": [str(plugin) for plugin in plugins],
    "metadata_imported": "importlib.metadata" in sys.modules,
}))
"""


def _probe(switch: str | None, step: str = "") -> dict[str, object]:
    env = clean_environ()
    env.pop(SWITCH, None)
    if switch is not None:
        env[SWITCH] = switch
    done = subprocess.run(
        [sys.executable, "-c", PROBE, step],
        env=env, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_plugins_are_disabled_unless_the_user_says_otherwise() -> None:
    assert _probe(None)["switch"] == "__all__"


@pytest.mark.parametrize("switch", [None, "__all__", "1", "true"])
def test_with_plugins_disabled_the_model_builds_without_importing_importlib_metadata(
    switch: str | None,
) -> None:
    report = _probe(switch)

    assert report["loader"] == "_NoPluginsLoader"
    assert report["plugins"] == []
    assert report["metadata_imported"] is False


@pytest.mark.parametrize("switch", ["", "some-plugin", "false"])
def test_a_user_who_enables_plugins_gets_pydantics_own_loader(switch: str) -> None:
    report = _probe(switch)

    assert report["switch"] == switch
    assert report["loader"] == "module"
    assert report["metadata_imported"] is True


def test_plugins_re_enabled_at_run_time_are_looked_up_by_the_real_loader() -> None:
    report = _probe(None, "re-enable")

    assert report["loader"] == "module"  # the real loader has replaced the stand-in
    assert report["metadata_imported"] is True


def test_any_other_name_of_the_loader_comes_from_the_real_one() -> None:
    report = _probe(None, "other-name")

    assert report["plugins"] == ["pydantic"]
    assert report["loader"] == "module"
