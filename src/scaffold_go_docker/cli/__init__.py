"""The command-line interface; `main` is the console entry point."""

from __future__ import annotations


def main() -> None:
    """Run the CLI (`scaffold_go_docker.cli.app.main`) with a start-up tuned for one shot.

    Importing typer, pydantic and the options model allocates many objects and frees
    almost none, so the cyclic garbage collector would run dozens of times for nothing:
    it is paused while the CLI imports, and what was imported is frozen out of later
    collections. Measured with benchmarks/bench_new.py: about a tenth of a run.
    """
    import gc

    gc.disable()
    try:
        from scaffold_go_docker.cli.app import main as run
    finally:
        gc.freeze()
        gc.enable()
    run()
