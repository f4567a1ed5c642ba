"""Start-up for a one-shot process: skip work whose result the run never uses.

Measured with benchmarks/bench_new.py, `new APP --no-input` spends most of its time
importing typer, pydantic and jinja2; what can be saved around those imports through
public switches is saved here.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

#: pydantic's documented switch; this CLI runs no pydantic plugins, and looking for them
#: scans every installed distribution.
PLUGINS_SWITCH = "PYDANTIC_DISABLE_PLUGINS"
_set_here = False


@contextmanager
def one_shot_imports() -> Iterator[None]:
    """Import the CLI inside this block.

    - pydantic plugins are disabled unless the user says otherwise.
    - The cyclic garbage collector is paused: the imports allocate many objects and free
      almost none, so collections during them find nothing. What was imported is then
      frozen out of later collections.
    """
    global _set_here
    if PLUGINS_SWITCH not in os.environ:
        os.environ[PLUGINS_SWITCH] = "__all__"
        _set_here = True
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def child_environment() -> dict[str, str]:
    """The environment for programs the tool runs: without what it set for itself."""
    environment = dict(os.environ)
    if _set_here:
        environment.pop(PLUGINS_SWITCH, None)
    return environment
