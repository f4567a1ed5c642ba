"""What a RUN (or CMD) runs: simple commands, the go invocations and package installs in them.

A reading, not a shell: words are split as POSIX sh would (quotes, `&&`, `;`, `|`), `$VAR`
stays as written, and `sh -c '...'` is read recursively. What cannot be read is skipped.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from scaffold_go_docker.audit.parse import Instruction

_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh"})
#: Words that run the rest of the command line as a command of its own.
_WRAPPERS = frozenset({"exec", "time", "sudo", "nice", "nohup", "command"})
_OPERATORS = frozenset({"&&", "||", ";", "|", "&", ";;", "|&"})
_HEREDOC_MARK = re.compile(r"<<-?\s*['\"]?[A-Za-z0-9_.-]+['\"]?")


class SimpleCommand(NamedTuple):
    """One command of a script: its words and the variables set for it."""

    words: tuple[str, ...]
    #: Inline `VAR=value` and `env VAR=value` prefixes, and variables exported earlier in
    #: the same script or set with `go env -w`.
    env: Mapping[str, str]

    @property
    def program(self) -> str:
        return self.words[0].rsplit("/", 1)[-1] if self.words else ""


def script_of(instruction: Instruction) -> str:
    """The shell script a RUN/CMD/ENTRYPOINT runs, heredoc bodies included."""
    if instruction.json:
        return shlex.join(instruction.args)
    text = " ".join(instruction.args)
    if not instruction.heredocs:
        return text
    command = _HEREDOC_MARK.sub("", text).strip()
    parts = command.split()
    # `RUN <<EOF` and `RUN bash <<EOF` run the body as a script; `python3 <<EOF` does not.
    if not parts or parts[0].rsplit("/", 1)[-1] in _SHELLS:
        return "\n".join([command if parts and len(parts) > 1 else "", *instruction.heredocs])
    return command


@lru_cache(maxsize=2048)
def simple_commands(script: str) -> tuple[SimpleCommand, ...]:
    """The commands of a script in order, with their environment additions.

    Several checks read the same RUN; the reading is cached (treat it as read-only).
    """
    return tuple(_read_commands(script))


def _read_commands(script: str) -> list[SimpleCommand]:
    exported: dict[str, str] = {}
    commands = []
    for words in _split(script):
        for command in _unwrap(words, exported):
            commands.append(command)
            _note_exports(command, exported)
    return commands


def _split(script: str) -> Iterator[list[str]]:
    text = re.sub(r"\\\n", " ", script)
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        yield from _split_line(stripped)


def _split_line(line: str) -> Iterator[list[str]]:
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
    lexer.whitespace_split = True
    lexer.commenters = ""
    try:
        tokens = list(lexer)
    except ValueError:  # an unbalanced quote: fall back to plain words
        tokens = re.findall(r"&&|\|\||[;|&]|[^\s;|&]+", line)
    words: list[str] = []
    for token in tokens:
        if token in _OPERATORS:
            if words:
                yield words
            words = []
        elif token not in ("(", ")", "{", "}"):
            words.append(token)
    if words:
        yield words


def _unwrap(words: list[str], exported: Mapping[str, str]) -> Iterator[SimpleCommand]:
    env = dict(exported)
    index = 0
    while index < len(words):
        word = words[index]
        if _ASSIGNMENT.match(word):
            name, _, value = word.partition("=")
            env[name] = value
        elif word == "env" or word.rsplit("/", 1)[-1] == "env":
            pass  # `env A=1 cmd`: the assignments that follow are read on the next turns
        elif word in _WRAPPERS or (word.startswith("-") and index and words[index - 1] == "env"):
            pass
        else:
            break
        index += 1
    rest = words[index:]
    if not rest:
        return
    program = rest[0].rsplit("/", 1)[-1]
    if program in _SHELLS and len(rest) >= 3 and rest[1] in ("-c", "-ec", "-ce", "-xc", "-cx"):
        for inner in simple_commands(rest[2]):
            yield SimpleCommand(inner.words, {**env, **inner.env})
        return
    yield SimpleCommand(tuple(rest), env)


def _note_exports(command: SimpleCommand, exported: dict[str, str]) -> None:
    words = command.words
    if words[0] == "export":
        for word in words[1:]:
            if _ASSIGNMENT.match(word):
                name, _, value = word.partition("=")
                exported[name] = value
    elif command.program == "go" and words[1:3] == ("env", "-w"):
        for word in words[3:]:
            if _ASSIGNMENT.match(word):
                name, _, value = word.partition("=")
                exported[name] = value


class GoInvocation(NamedTuple):
    """A `go SUBCOMMAND ...` call found in an instruction."""

    instruction: Instruction
    subcommand: str
    #: The words after the subcommand, GOFLAGS from the command's own env first.
    args: tuple[str, ...]
    #: Variables set inline or exported in the same script (not the stage's ENV/ARG).
    env: Mapping[str, str]


def go_invocations(instruction: Instruction) -> list[GoInvocation]:
    """Every `go` command a RUN instruction runs."""
    found = []
    for command in simple_commands(script_of(instruction)):
        if command.program != "go" or len(command.words) < 2:
            continue
        words = command.words[1:]
        subcommand = words[0]
        if subcommand == "mod" and len(words) > 1:
            subcommand = f"mod {words[1]}"
            words = words[1:]
        found.append(GoInvocation(instruction, subcommand, tuple(words[1:]), command.env))
    return found


def flag_values(args: Sequence[str], name: str) -> list[str]:
    """Values of a Go flag in any spelling: `-name=v`, `--name=v`, `-name v`."""
    values = []
    for index, arg in enumerate(args):
        bare = arg.lstrip("-")
        if not arg.startswith("-"):
            continue
        if bare.startswith(name + "="):
            values.append(bare[len(name) + 1 :])
        elif bare == name and index + 1 < len(args):
            values.append(args[index + 1])
    return values


def has_bool_flag(args: Sequence[str], name: str) -> bool:
    """`-name` or `-name=true` among the flags (before the package arguments)."""
    for arg in args:
        if not arg.startswith("-"):
            continue
        bare = arg.lstrip("-")
        if bare == name or bare in (f"{name}=true", f"{name}=1"):
            return True
    return False


#: Package-manager commands and the subcommand that installs.
_INSTALLERS = {
    "apk": ("add",),
    "apt-get": ("install",),
    "apt": ("install",),
    "yum": ("install",),
    "dnf": ("install",),
    "microdnf": ("install",),
    "zypper": ("install", "in"),
}


def installed_packages(instruction: Instruction) -> set[str]:
    """Names of the packages a RUN installs (`apk add`, `apt-get install`, ...), pins dropped."""
    packages: set[str] = set()
    for command in simple_commands(script_of(instruction)):
        verbs = _INSTALLERS.get(command.program)
        if not verbs:
            continue
        words = [word for word in command.words[1:] if not word.startswith("-")]
        if not words or words[0] not in verbs:
            continue
        for word in words[1:]:
            packages.add(re.split(r"[=~<>]", word, maxsplit=1)[0])
    return packages


def programs_run(instruction: Instruction) -> list[str]:
    """The programs an instruction's script runs, in order (`curl`, `wget`, ...)."""
    return [command.program for command in simple_commands(script_of(instruction))]
