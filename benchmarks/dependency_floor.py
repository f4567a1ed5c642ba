"""The least a `new` built on the declared dependencies can cost: their imports and one use each.

    python benchmarks/dependency_floor.py APP

A one-command typer app that validates a one-field pydantic model and renders a one-line
Jinja2 template into APP/Dockerfile. It runs with the switches the tool's own start-up uses
(pydantic plugins off, the garbage collector paused over the imports), so its time is what
`scaffold-go-docker new` would take if all of its own work cost nothing. bench_new.py runs
it beside the tool and cookiecutter, so the target can be read against it.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
gc.disable()
import jinja2  # noqa: E402 (after the switches above, as the tool's start-up does)
import typer  # noqa: E402
from pydantic import BaseModel, Field  # noqa: E402

gc.freeze()
gc.enable()


class Options(BaseModel):
    app_name: str = Field(min_length=1, description="Name of the app.")


def new(app: str) -> None:
    options = Options(app_name=app)
    text = jinja2.Template('FROM scratch\nENTRYPOINT ["/{{ o.app_name }}"]\n').render(o=options)
    target = Path(options.app_name)
    target.mkdir()
    (target / "Dockerfile").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    typer.run(new)
