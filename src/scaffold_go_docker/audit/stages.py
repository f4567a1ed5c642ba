"""Instructions -> build stages: what each is built on, its variables, copies and go builds."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import NamedTuple

from scaffold_go_docker.audit.parse import Instruction
from scaffold_go_docker.audit.shell import (
    GoInvocation,
    go_invocations,
    installed_packages,
    script_of,
    simple_commands,
)
from scaffold_go_docker.facts.base_images import BaseImage, Libc, lookup

#: BuildKit sets these for every build; a stage sees them only after `ARG NAME`.
PLATFORM_ARGS = frozenset(
    f"{kind}{part}"
    for kind in ("TARGET", "BUILD")
    for part in ("PLATFORM", "OS", "ARCH", "VARIANT")
)
#: Packages that bring a C compiler into an image.
C_COMPILER_PACKAGES = frozenset(
    {"gcc", "g++", "clang", "build-base", "build-essential", "musl-gcc", "cc"}
)
#: Markers for a value the file does not determine (a build argument without default).
UNKNOWN = None
_VARIABLE = re.compile(
    r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?P<op>[^}]*)\}|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))"
)

Variables = Mapping[str, str | None]


def expand(text: str, variables: Variables) -> str | None:
    """`$VAR`, `${VAR}`, `${VAR:-default}` replaced from `variables`; None if one is unknown.

    Other operators (`${VAR#v}`, ...) give None unless the variable is unset and empty
    is what they give.
    """
    unknown = False

    def replace(match: re.Match[str]) -> str:
        nonlocal unknown
        name = match.group("braced") or match.group("bare")
        op = match.group("op") or ""
        value = variables.get(name)
        if op.startswith((":-", "-")):
            default = op.split("-", 1)[1]
            if value is None and name not in variables:
                return default
            if value == "" and op.startswith(":-"):
                return default
        elif op.startswith((":+", "+")):
            if name in variables and value is None:
                unknown = True
                return ""
            return op.split("+", 1)[1] if value else ""
        elif op:
            unknown = True
            return ""
        if value is None:
            unknown = True
            return ""
        return value

    result = _VARIABLE.sub(replace, text)
    return None if unknown else result


def unquote(value: str) -> str:
    """A Dockerfile ENV/ARG value without its quotes and escapes."""
    try:
        words = _split_words(value)
    except ValueError:
        return value
    return " ".join(words) if words else ""


def _split_words(value: str) -> list[str]:
    import shlex

    lexer = shlex.shlex(value, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    return list(lexer)


class CopyStep(NamedTuple):
    instruction: Instruction
    #: The stage copied from, or None for the build context or an image.
    from_stage: Stage | None
    #: The image copied from (`COPY --from=alpine:3.20 ...`), or None.
    from_image: str | None
    sources: tuple[str, ...]
    #: The destination, made absolute against WORKDIR.
    destination: str


class GoBuild(NamedTuple):
    """A go command with the variables it sees (stage ENV/ARG, then inline)."""

    stage: Stage
    invocation: GoInvocation
    env: Variables

    @property
    def instruction(self) -> Instruction:
        return self.invocation.instruction

    @property
    def flags(self) -> tuple[str, ...]:
        """GOFLAGS first, then the command's own arguments."""
        goflags = self.env.get("GOFLAGS") or ""
        return (*unquote(goflags).split(), *self.invocation.args)

    def value(self, name: str) -> str | None:
        raw = self.env.get(name)
        return None if raw is None else expand(unquote(raw), self.env)


class Stage:
    """One FROM and the instructions up to the next."""

    def __init__(
        self,
        index: int,
        from_instruction: Instruction,
        global_args: Variables,
        earlier: list[Stage],
    ) -> None:
        self.index = index
        self.from_instruction = from_instruction
        args = from_instruction.args
        self.reference = args[0] if args else ""
        self.name = args[2].lower() if len(args) == 3 else None
        self.platform = from_instruction.flag("platform")
        self.instructions: list[Instruction] = []
        self.global_args = global_args
        expanded = expand(self.reference, global_args)
        self.parent = find_stage(earlier, expanded) if expanded is not None else None
        #: The image reference with build arguments' defaults applied, None for a stage
        #: or a reference that depends on an argument without default.
        self.image = None if self.parent is not None else expanded
        self.root_facts: BaseImage | None = (
            self.parent.root_facts
            if self.parent is not None
            else lookup(expanded)
            if expanded
            else None
        )

    def __repr__(self) -> str:
        return f"Stage({self.index}, {self.name!r}, {self.reference!r})"

    @property
    def label(self) -> str:
        return f"stage '{self.name}'" if self.name else f"stage {self.index}"

    @property
    def line(self) -> int:
        return self.from_instruction.line

    @property
    def on_build_platform(self) -> bool:
        return bool(self.platform) and "BUILDPLATFORM" in (self.platform or "")

    def chain(self) -> list[Stage]:
        """The stages this one is built on, root first, then itself."""
        stages = [self]
        while stages[0].parent is not None:
            stages.insert(0, stages[0].parent)
        return stages

    def chain_instructions(self) -> Iterator[tuple[Stage, Instruction]]:
        for stage in self.chain():
            for instruction in stage.instructions:
                yield stage, instruction

    def last(self, keyword: str) -> Instruction | None:
        """The last `keyword` instruction in effect (inherited from parent stages)."""
        found = None
        for _, instruction in self.chain_instructions():
            if instruction.keyword == keyword:
                found = instruction
        return found

    # Variables.

    def variables_before(self, instruction: Instruction | None) -> dict[str, str | None]:
        """ENV of the stages below, then this stage's ARG and ENV before `instruction`."""
        variables: dict[str, str | None] = {}
        for stage in self.chain():
            args: dict[str, str | None] = {}
            for each in stage.instructions:
                if stage is self and each is instruction:
                    break
                if each.keyword == "ARG":
                    for name, value in _arg_pairs(each, self.global_args):
                        args[name] = value
                        variables[name] = value
                elif each.keyword == "ENV":
                    scope = {**variables, **args}
                    for name, value in _env_pairs(each):
                        expanded = expand(value, scope)
                        variables[name] = expanded
                        scope[name] = expanded
            if stage is not self:
                # ARGs end with their stage; ENV is inherited.
                for name in args:
                    if not _set_by_env(stage, name):
                        variables.pop(name, None)
        return variables

    def declares_arg(self, name: str, before: Instruction | None = None) -> bool:
        for instruction in self.instructions:
            if instruction is before:
                return False
            if instruction.keyword == "ARG" and any(
                declared == name for declared, _ in _arg_pairs(instruction, {})
            ):
                return True
        return False

    # What the stage does.

    @cached_property
    def packages(self) -> set[str]:
        """Packages installed here and in the stages below."""
        packages: set[str] = set()
        for _, instruction in self.chain_instructions():
            if instruction.keyword == "RUN":
                packages |= installed_packages(instruction)
        return packages

    @property
    def c_compiler(self) -> bool | None:
        if self.packages & C_COMPILER_PACKAGES:
            return True
        return None if self.root_facts is None else self.root_facts.c_compiler

    @property
    def libc(self) -> Libc | None:
        return None if self.root_facts is None else self.root_facts.libc

    @cached_property
    def go_builds(self) -> list[GoBuild]:
        """The go commands of this stage's own RUNs, with the variables each sees."""
        builds = []
        for instruction in self.instructions:
            if instruction.keyword != "RUN":
                continue
            invocations = go_invocations(instruction)
            if not invocations:
                continue
            before = self.variables_before(instruction)
            for invocation in invocations:
                env = {**before, **invocation.env}
                builds.append(GoBuild(self, invocation, env))
        return builds

    def workdir_before(self, instruction: Instruction | None) -> str:
        workdir = "/"
        for stage, each in self.chain_instructions():
            if stage is self and each is instruction:
                break
            if each.keyword == "WORKDIR" and each.args:
                workdir = posixpath.normpath(posixpath.join(workdir, each.args[0]))
        return workdir

    def copies(self, stages: list[Stage]) -> list[CopyStep]:
        """COPY/ADD of this stage and the stages below, sources resolved."""
        steps = []
        for stage, instruction in self.chain_instructions():
            if instruction.keyword not in ("COPY", "ADD") or len(instruction.args) < 1:
                continue
            source_ref = instruction.flag("from")
            from_stage = find_stage(stages[: stage.index], source_ref) if source_ref else None
            from_image = source_ref if source_ref and from_stage is None else None
            args = instruction.args
            sources = args[:-1] if len(args) > 1 else ()
            destination = args[-1]
            workdir = stage.workdir_before(instruction)
            absolute = posixpath.join(workdir, destination)
            if destination.endswith("/") and not absolute.endswith("/"):
                absolute += "/"
            steps.append(CopyStep(instruction, from_stage, from_image, sources, absolute))
        return steps

    def context_copy_dirs(self) -> list[str]:
        """Where this stage (and those below) copied the whole build context."""
        return [
            posixpath.normpath(step.destination)
            for step in self.copies([])
            if step.from_stage is None
            and step.from_image is None
            and any(is_whole_context(source) for source in step.sources)
        ]

    def scripts(self) -> Iterator[tuple[Instruction, str]]:
        for _, instruction in self.chain_instructions():
            if instruction.keyword == "RUN":
                yield instruction, script_of(instruction)

    def runs_program(self, program: str) -> bool:
        return any(
            command.program == program
            for _, script in self.scripts()
            for command in simple_commands(script)
        )


def is_whole_context(source: str) -> bool:
    """`.`, `./`, `*`, `./*`: the whole build context."""
    return source.rstrip("/") in (".", "", "*", "./*") or source == "./"


def _arg_pairs(
    instruction: Instruction, global_args: Variables
) -> Iterator[tuple[str, str | None]]:
    for word in instruction.args:
        name, sep, default = word.partition("=")
        if sep:
            yield name, expand(unquote(default), global_args)
        elif name in PLATFORM_ARGS:
            yield name, f"${{{name}}}"  # set by BuildKit; kept symbolic
        else:
            yield name, global_args.get(name)


def _env_pairs(instruction: Instruction) -> Iterator[tuple[str, str]]:
    args = instruction.args
    for index in range(0, len(args) - 1, 2):
        yield args[index], unquote(args[index + 1])


def _set_by_env(stage: Stage, name: str) -> bool:
    return any(
        instruction.keyword == "ENV" and any(key == name for key, _ in _env_pairs(instruction))
        for instruction in stage.instructions
    )


def find_stage(stages: list[Stage], reference: str | None) -> Stage | None:
    """The earlier stage a FROM or `--from` names (by name or index), or None."""
    if not reference:
        return None
    wanted = reference.lower()
    for stage in stages:
        if stage.name == wanted:
            return stage
    if wanted.isdigit() and int(wanted) < len(stages):
        return stages[int(wanted)]
    return None


class Build(NamedTuple):
    """A Dockerfile's global build arguments and its stages."""

    global_args: dict[str, str | None]
    stages: list[Stage]

    @property
    def final(self) -> Stage | None:
        """The stage a plain `docker build` produces: the last one."""
        return self.stages[-1] if self.stages else None


def build_stages(instructions: tuple[Instruction, ...]) -> Build:
    global_args: dict[str, str | None] = {}
    stages: list[Stage] = []
    for instruction in instructions:
        if instruction.keyword == "FROM":
            stages.append(Stage(len(stages), instruction, dict(global_args), stages))
        elif not stages:
            if instruction.keyword == "ARG":
                for name, value in _arg_pairs(instruction, global_args):
                    global_args[name] = value
        else:
            stages[-1].instructions.append(instruction)
    return Build(global_args, stages)
