"""The command-line interface; `main` is the console entry point."""

from __future__ import annotations


def main() -> None:
    """Run the CLI (`scaffold_go_docker.cli.app.main`), imported with a one-shot start-up."""
    from scaffold_go_docker.cli.startup import one_shot_imports

    with one_shot_imports():
        from scaffold_go_docker.cli.app import main as run
    run()
