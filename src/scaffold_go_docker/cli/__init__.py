"""The command-line interface; `main` is the console entry point."""

from __future__ import annotations


def main() -> None:
    """Run the CLI (`scaffold_go_docker.cli.app.main`), imported with a one-shot start-up.

    SIGINT and SIGTERM are handled before anything else is imported, so an interrupt at
    any moment ends the run with one line and 130 or 143 (0 once the files are written).
    """
    from scaffold_go_docker import interrupts

    interrupts.install()
    try:
        from scaffold_go_docker.cli.startup import one_shot_imports

        with one_shot_imports():
            from scaffold_go_docker.cli.app import main as run
        run()
    except SystemExit:
        interrupts.finishing()
        raise
    except interrupts.Interrupted as interrupted:
        interrupts.exit_interrupted(interrupted)
