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

        # Imports run whole: a signal meanwhile takes effect once they are done (~0.1 s),
        # as pydantic-core turns one raised while it builds a validator into a Rust panic.
        with interrupts.deferred(), one_shot_imports():
            from scaffold_go_docker.cli.app import main as run
        run()
    except SystemExit:
        interrupts.finishing()
        raise
    except BaseException as error:
        # A library may turn the interrupt into an error of its own: the signal decides.
        interrupted = error if isinstance(error, interrupts.Interrupted) else interrupts.raised()
        if interrupted is None:
            raise
        interrupts.exit_interrupted(interrupted)
