"""Start-up tuning for a one-shot process: skip work whose result the run never uses.

Measured with benchmarks/bench_new.py, `new APP --no-input` spends most of its time
importing typer, pydantic and jinja2; what can be saved around those imports is saved here.
"""

from __future__ import annotations

import gc
import os
import sys
import types
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

_PLUGINS_SWITCH = "PYDANTIC_DISABLE_PLUGINS"
# The values for which pydantic's own loader returns no plugins at all.
_ALL_PLUGINS_DISABLED = ("__all__", "1", "true")
_LOADER = "pydantic.plugin._loader"
# Whether `one_shot_imports` put the switch into this process's environment (the user had
# not set it), so that programs this process starts do not inherit it.
_switch_set_here = False


@contextmanager
def one_shot_imports() -> Iterator[None]:
    """Import the CLI inside this block.

    - pydantic plugins are disabled unless the user says otherwise: this CLI runs none.
    - pydantic's plugin loader is replaced by one that answers "no plugins" without
      importing importlib.metadata (see `_NoPluginsLoader`).
    - The cyclic garbage collector is paused: the imports allocate many objects and free
      almost none, so collections during them find nothing. What was imported is then
      frozen out of later collections.
    """
    global _switch_set_here
    if _PLUGINS_SWITCH not in os.environ:
        os.environ[_PLUGINS_SWITCH] = "__all__"
        _switch_set_here = True
    if os.environ[_PLUGINS_SWITCH] in _ALL_PLUGINS_DISABLED:
        sys.modules.setdefault(_LOADER, _NoPluginsLoader(_LOADER))
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def child_environment() -> dict[str, str]:
    """The environment for a program this process starts (docker, buildah, ...).

    The user's environment as it was: without the pydantic switch when the start-up set it,
    which would otherwise reach a Python program the child runs in turn.
    """
    env = dict(os.environ)
    if _switch_set_here and env.get(_PLUGINS_SWITCH) == "__all__":
        del env[_PLUGINS_SWITCH]
    return env


class _NoPluginsLoader(types.ModuleType):
    """Stands in for pydantic's plugin loader while plugins are disabled.

    pydantic imports its loader on the first model build, and the loader imports
    importlib.metadata at its top, about 15 ms on these machines, even when plugins are
    disabled and the loader will return none. This answers as the loader does when
    plugins are disabled; anything else (plugins re-enabled at run time, any other name)
    is handed to the real loader, imported then.
    """

    def get_plugins(self) -> Iterable[Any]:
        if os.environ.get(_PLUGINS_SWITCH) in _ALL_PLUGINS_DISABLED:
            return ()
        return self._real().get_plugins()  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probes for __path__ and the like
            raise AttributeError(name)
        return getattr(self._real(), name)

    def _real(self) -> types.ModuleType:
        import importlib

        if sys.modules.get(_LOADER) is self:
            del sys.modules[_LOADER]
        return importlib.import_module(_LOADER)
