"""Read a generated Dockerfile the way a builder does, with BuildKit's own parser.

`go_build_of` extracts the builder stage's `go build` RUN line: its cache mounts, the
environment the shell runs it with (ARG values after --build-arg and platform defaults,
ENV), the `NAME=value` assignments before `go`, and the expanded argv. `runtime_stage_of`
extracts what the final stage is made of. Nothing of the build command is written here:
it all comes from the Dockerfile text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import dockerfile

from .shell_words import expand_word, parse_simple_command

BUILDER_STAGE = "builder"
HOST_PLATFORM = "linux/amd64"


@dataclass(frozen=True)
class Platform:
    """A --platform value such as linux/arm/v7."""

    os: str
    arch: str
    variant: str = ""

    @classmethod
    def parse(cls, text: str) -> Platform:
        os_, arch, *variant = text.split("/")
        return cls(os_, arch, variant[0] if variant else "")

    def __str__(self) -> str:
        return "/".join(part for part in (self.os, self.arch, self.variant) if part)

    def args(self, prefix: str) -> dict[str, str]:
        """BuildKit's automatic platform ARGs, e.g. TARGETOS, TARGETARCH, TARGETVARIANT."""
        return {
            f"{prefix}PLATFORM": str(self),
            f"{prefix}OS": self.os,
            f"{prefix}ARCH": self.arch,
            f"{prefix}VARIANT": self.variant,
        }


@dataclass(frozen=True)
class Stage:
    name: str | None
    base: str
    from_flags: tuple[str, ...]
    commands: tuple[Any, ...]


@dataclass(frozen=True)
class GoBuild:
    """The builder stage's `go build` step, expanded for one set of build args."""

    command: str
    mounts: list[dict[str, str]]
    stage_env: dict[str, str]
    assignments: dict[str, str]
    argv: list[str]
    workdir: str

    @property
    def env(self) -> dict[str, str]:
        """What the go process sees: the stage's ARG/ENV values, then the assignments."""
        return {**self.stage_env, **self.assignments}

    @property
    def output(self) -> str:
        return self.argv[self.argv.index("-o") + 1]


@dataclass(frozen=True)
class RuntimeStage:
    base: str
    copies: list[tuple[str, str]]
    copy_flags: list[tuple[str, ...]]
    env: dict[str, str]
    user: str | None
    expose: list[str]
    entrypoint: list[str]
    healthcheck: list[str] | None
    other: list[str] = field(default_factory=list)


def stages_of(text: str) -> tuple[list[Any], list[Stage]]:
    """The global instructions before the first FROM, and each stage."""
    commands = list(dockerfile.parse_string(text))
    first_from = next(i for i, c in enumerate(commands) if c.cmd.upper() == "FROM")
    stages: list[Stage] = []
    current: list[Any] = []
    header: Any = None
    for command in [*commands[first_from:], None]:
        if command is None or command.cmd.upper() == "FROM":
            if header is not None:
                value = header.value
                name = value[2] if len(value) == 3 and value[1].upper() == "AS" else None
                stages.append(Stage(name, value[0], header.flags, tuple(current)))
            header, current = command, []
        else:
            current.append(command)
    return commands[:first_from], stages


def _stage(stages: Sequence[Stage], name: str) -> Stage:
    for stage in stages:
        if stage.name == name:
            return stage
    raise AssertionError(f"no stage named {name!r}")


def _global_args(globals_: Sequence[Any], build_args: Mapping[str, str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for command in globals_:
        if command.cmd.upper() == "ARG":
            for declaration in command.value:
                name, has_default, default = declaration.partition("=")
                if name in build_args:
                    values[name] = build_args[name]
                elif has_default:
                    values[name] = expand_word(default, values)
    return values


def stage_env_at(
    text: str,
    stage_name: str,
    upto: Any,
    build_args: Mapping[str, str],
    platform: Platform,
) -> dict[str, str]:
    """The ARG and ENV values in effect in a stage just before the command `upto`.

    Follows BuildKit: a stage sees only the ARGs it declares; a declaration without a value
    takes the --build-arg, else the global ARG's default, else the automatic platform ARG.
    """
    globals_, stages = stages_of(text)
    global_values = _global_args(globals_, build_args)
    automatic = {**Platform.parse(HOST_PLATFORM).args("BUILD"), **platform.args("TARGET")}
    env: dict[str, str] = {}
    for command in _stage(stages, stage_name).commands:
        if command.start_line == upto.start_line:
            return env
        kind = command.cmd.upper()
        if kind == "ARG":
            for declaration in command.value:
                name, has_default, default = declaration.partition("=")
                if name in build_args:
                    env[name] = build_args[name]
                elif has_default:
                    env[name] = expand_word(default, env)
                elif name in global_values:
                    env[name] = global_values[name]
                elif name in automatic:
                    env[name] = automatic[name]
        elif kind == "ENV":
            pairs = command.value
            for name, value in zip(pairs[::2], pairs[1::2], strict=True):
                env[name] = expand_word(value, env)
    raise AssertionError(f"command {upto!r} is not in stage {stage_name!r}")


def _mount(flag: str) -> dict[str, str]:
    options = flag.removeprefix("--mount=")
    return dict(item.partition("=")[::2] for item in options.split(","))


def go_build_of(
    text: str,
    build_args: Mapping[str, str] | None = None,
    platform: Platform | str = HOST_PLATFORM,
) -> GoBuild:
    """The builder stage's single `go build` RUN line, expanded as its shell would."""
    platform = Platform.parse(platform) if isinstance(platform, str) else platform
    _, stages = stages_of(text)
    builder = _stage(stages, BUILDER_STAGE)
    # The service's build writes into /out; the health-check probe's is built apart.
    runs = [
        c
        for c in builder.commands
        if c.cmd.upper() == "RUN" and "go build" in c.value[0] and " -o /out/" in c.value[0]
    ]
    assert len(runs) == 1, f"expected one `go build` RUN in the builder, got {runs}"
    (run,) = runs
    assert not run.json, "the go build RUN is expected in shell form"
    env = stage_env_at(text, BUILDER_STAGE, run, build_args or {}, platform)
    unknown_flags = [f for f in run.flags if not f.startswith("--mount=")]
    assert not unknown_flags, f"unexpected RUN flags {unknown_flags}"
    command = parse_simple_command(run.value[0], env)
    assert command.argv[:2] == ["go", "build"], f"not a go build: {command.argv}"
    workdirs = [
        c.value[0]
        for c in builder.commands
        if c.cmd.upper() == "WORKDIR" and c.start_line < run.start_line
    ]
    return GoBuild(
        command=run.value[0],
        mounts=[_mount(flag) for flag in run.flags],
        stage_env=env,
        assignments=command.assignments,
        argv=command.argv,
        workdir=workdirs[-1] if workdirs else "/",
    )


def staging_commands(text: str, marker: str = "/rootfs") -> list[str]:
    """The builder's RUN lines that stage files for the runtime stage under `marker`."""
    _, stages = stages_of(text)
    builder = _stage(stages, BUILDER_STAGE)
    return [c.value[0] for c in builder.commands if c.cmd.upper() == "RUN" and marker in c.original]


def runtime_stage_of(text: str) -> RuntimeStage:
    """The final stage: what it copies from the builder and how it runs."""
    _, stages = stages_of(text)
    final = stages[-1]
    env: dict[str, str] = {}
    copies: list[tuple[str, str]] = []
    copy_flags: list[tuple[str, ...]] = []
    user: str | None = None
    expose: list[str] = []
    entrypoint: list[str] = []
    healthcheck: list[str] | None = None
    other: list[str] = []
    for command in final.commands:
        kind = command.cmd.upper()
        if kind == "COPY":
            assert f"--from={BUILDER_STAGE}" in command.flags, command.original
            *sources, target = command.value
            copies += [(source, target) for source in sources]
            copy_flags.append(tuple(f for f in command.flags if f != f"--from={BUILDER_STAGE}"))
        elif kind == "ENV":
            pairs = command.value
            for name, value in zip(pairs[::2], pairs[1::2], strict=True):
                env[name] = expand_word(value, env)
        elif kind == "USER":
            user = expand_word(command.value[0], env)
        elif kind == "EXPOSE":
            expose += list(command.value)
        elif kind == "ENTRYPOINT":
            assert command.json, "ENTRYPOINT must be in exec form"
            entrypoint = list(command.value)
        elif kind == "HEALTHCHECK":
            assert command.json, f"HEALTHCHECK must be in exec form: {command.original}"
            assert command.value[0] == "CMD", command.original
            healthcheck = list(command.value[1:])
        elif kind not in ("ARG", "LABEL"):
            other.append(command.original)
    return RuntimeStage(
        base=final.base,
        copies=copies,
        copy_flags=copy_flags,
        env=env,
        user=user,
        expose=expose,
        entrypoint=entrypoint,
        healthcheck=healthcheck,
        other=other,
    )
