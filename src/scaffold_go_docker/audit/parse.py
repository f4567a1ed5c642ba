"""Dockerfile text -> instructions, with BuildKit's own parser (the `dockerfile` package).

The parser reports a syntax error without a line and gives up on the whole file; here the
failing line is found, reported, blanked out, and the rest is parsed again, so one bad
instruction never leaves the rest of the file unchecked.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import dockerfile

#: Instructions BuildKit knows; the parser accepts any word, the build does not.
KNOWN_INSTRUCTIONS = frozenset(keyword.upper() for keyword in dockerfile.all_cmds())
#: Give up re-parsing after this many syntax errors in one file.
_MAX_SYNTAX_ERRORS = 20
_SUPPRESSION = re.compile(
    r"#\s*scaffold-go-docker\s+(?P<scope>global\s+)?ignore\s*=\s*"
    r"(?P<rules>\w+(?:\s*,\s*\w+)*)(?:\s+(?P<reason>\S.*))?$"
)
_RULE_ID = re.compile(r"[A-Z]+[0-9]+")


class Instruction(NamedTuple):
    """One instruction as BuildKit parsed it; lines are 1-based."""

    keyword: str
    args: tuple[str, ...]
    flags: tuple[str, ...]
    json: bool
    original: str
    line: int
    end_line: int
    heredocs: tuple[str, ...]

    def flag(self, name: str) -> str | None:
        """The value of `--name=value` (the last one given), or None."""
        values = self.flag_values(name)
        return values[-1] if values else None

    def flag_values(self, name: str) -> list[str]:
        prefix = f"--{name}="
        return [flag[len(prefix) :] for flag in self.flags if flag.startswith(prefix)]


class SyntaxProblem(NamedTuple):
    line: int
    message: str


class ParsedDockerfile(NamedTuple):
    instructions: tuple[Instruction, ...]
    problems: tuple[SyntaxProblem, ...]
    #: The source lines, for comments (suppressions) and columns.
    lines: tuple[str, ...]


def parse_dockerfile(text: str) -> ParsedDockerfile:
    """Instructions and syntax problems of a Dockerfile's text. Never raises for bad input."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    work = list(lines)
    problems: list[SyntaxProblem] = []
    commands: tuple[dockerfile.Command, ...] = ()
    for _ in range(_MAX_SYNTAX_ERRORS):
        try:
            commands = dockerfile.parse_string("\n".join(work) + "\n")
            break
        except dockerfile.GoParseError as error:
            message = str(error)
            if message == "file with no instructions":
                if not problems:
                    problems.append(SyntaxProblem(1, "the file holds no instructions"))
                break
            first, end = _failing_instruction(work)
            problems.append(SyntaxProblem(first + 1, message))
            # An unterminated heredoc swallows the rest of the file, as BuildKit reads it.
            for index in range(first, len(work) if "heredoc" in message else end):
                work[index] = ""
    instructions = tuple(_instruction(command) for command in commands)
    problems += _unbuildable(instructions)
    if len(problems) > _MAX_SYNTAX_ERRORS:
        problems.sort()
        last = problems[_MAX_SYNTAX_ERRORS - 1]
        more = len(problems) - _MAX_SYNTAX_ERRORS
        problems[_MAX_SYNTAX_ERRORS - 1] = last._replace(
            message=f"{last.message} (and {more} more problems: is this a Dockerfile?)"
        )
        del problems[_MAX_SYNTAX_ERRORS:]
    return ParsedDockerfile(
        instructions=tuple(i for i in instructions if i.keyword in KNOWN_INSTRUCTIONS),
        problems=tuple(sorted(problems)),
        lines=tuple(lines),
    )


def _instruction(command: dockerfile.Command) -> Instruction:
    return Instruction(
        keyword=command.cmd.upper(),
        args=tuple(command.value),
        flags=tuple(command.flags),
        json=bool(command.json),
        original=command.original,
        line=command.start_line,
        end_line=command.end_line,
        heredocs=tuple(heredoc.content for heredoc in command.heredocs),
    )


def _parses(lines: list[str]) -> bool:
    try:
        dockerfile.parse_string("\n".join(lines) + "\n")
    except dockerfile.GoParseError as error:
        return str(error) == "file with no instructions"
    return True


_ESCAPE_DIRECTIVE = re.compile(r"#\s*escape\s*=\s*(\S)")
_HEREDOC = re.compile(r"<<(-?)[\"']?([A-Za-z0-9_.-]+)[\"']?")


def instruction_ends(lines: list[str]) -> list[int]:
    """Line counts at which an instruction (or a comment or blank line) ends: the only
    places a prefix of the file can be cut without splitting a continuation or a heredoc.
    A light reading of the syntax, good enough to locate errors."""
    escape = "\\"
    for line in lines[:5]:
        match = _ESCAPE_DIRECTIVE.match(line.strip())
        if match:
            escape = match.group(1)
    ends = [0]
    index = 0
    while index < len(lines):
        first = lines[index].strip()
        markers = [] if first.startswith("#") else _HEREDOC.findall(first)
        # Continuation lines belong to the instruction; comments and blank lines inside
        # a continuation are skipped by the parser.
        continued = not first.startswith("#") and lines[index].rstrip().endswith(escape)
        while continued and index + 1 < len(lines):
            index += 1
            line = lines[index].strip()
            if line and not line.startswith("#"):
                markers += _HEREDOC.findall(line)
                continued = line.endswith(escape)
        for dash, word in markers:
            index += 1
            while index < len(lines):
                body = lines[index].strip() if dash else lines[index]
                if body == word:
                    break
                index += 1
        index += 1
        ends.append(min(index, len(lines)))
    return ends


def _failing_instruction(lines: list[str]) -> tuple[int, int]:
    """(first, end) line indexes of the first instruction that makes the file unparsable.

    Prefixes are cut only where an instruction ends, so the search can bisect: a prefix
    of whole instructions parses exactly when each of them does.
    """
    ends = instruction_ends(lines)
    good, bad = 0, len(ends) - 1  # ends[0] = 0 parses; the whole file does not
    while bad - good > 1:
        middle = (good + bad) // 2
        if _parses(lines[: ends[middle]]):
            good = middle
        else:
            bad = middle
    first = ends[good]
    while first < ends[bad] - 1 and not lines[first].strip():
        first += 1
    return first, ends[bad]


def _unbuildable(instructions: tuple[Instruction, ...]) -> list[SyntaxProblem]:
    """Instructions the parser accepts but BuildKit refuses to build."""
    problems = []
    for instruction in instructions:
        keyword = instruction.keyword
        if keyword not in KNOWN_INSTRUCTIONS:
            word = instruction.original.split(maxsplit=1)[0]
            problems.append(SyntaxProblem(instruction.line, f"unknown instruction: {word}"))
        elif keyword == "FROM" and not _from_arity_ok(instruction.args):
            problems.append(
                SyntaxProblem(instruction.line, "FROM takes an image and optionally AS name")
            )
        elif keyword in ("COPY", "ADD") and len(instruction.args) < 2 and not instruction.heredocs:
            problems.append(
                SyntaxProblem(instruction.line, f"{keyword} needs a source and a destination")
            )
    return problems


def _from_arity_ok(args: tuple[str, ...]) -> bool:
    return len(args) == 1 or (len(args) == 3 and args[1].upper() == "AS")


class Suppressions(NamedTuple):
    """Rules ignored for the whole file, and per instruction start line."""

    everywhere: frozenset[str]
    by_line: dict[int, frozenset[str]]

    def covers(self, rule: str, instruction_line: int | None) -> bool:
        if rule in self.everywhere:
            return True
        return instruction_line is not None and rule in self.by_line.get(
            instruction_line, frozenset()
        )


def suppressions(parsed: ParsedDockerfile) -> Suppressions:
    """`# scaffold-go-docker ignore=SGD111 reason` on the comment lines right above an
    instruction; `# scaffold-go-docker global ignore=...` anywhere for the whole file."""
    everywhere: set[str] = set()
    by_line: dict[int, frozenset[str]] = {}
    for line in parsed.lines:
        match = _SUPPRESSION.search(line.strip())
        if match and match.group("scope") and line.lstrip().startswith("#"):
            everywhere |= _rule_ids(match.group("rules"))
    for instruction in parsed.instructions:
        rules: set[str] = set()
        index = instruction.line - 2
        while index >= 0 and parsed.lines[index].lstrip().startswith("#"):
            match = _SUPPRESSION.search(parsed.lines[index].strip())
            if match and not match.group("scope"):
                rules |= _rule_ids(match.group("rules"))
            index -= 1
        if rules:
            by_line[instruction.line] = frozenset(rules)
    return Suppressions(frozenset(everywhere), by_line)


def _rule_ids(text: str) -> set[str]:
    return {word.upper() for word in re.split(r"[,\s]+", text) if _RULE_ID.fullmatch(word.upper())}


def column_of(
    lines: tuple[str, ...], instruction: Instruction, needle: str | None = None
) -> tuple[int, int]:
    """(line, column) of `needle` within the instruction's lines; without a needle or a
    match, where the instruction starts."""
    if needle:
        for number in range(instruction.line, min(instruction.end_line, len(lines)) + 1):
            found = lines[number - 1].find(needle)
            if found >= 0:
                return number, found + 1
    text = lines[instruction.line - 1] if 0 < instruction.line <= len(lines) else ""
    return instruction.line, len(text) - len(text.lstrip()) + 1
