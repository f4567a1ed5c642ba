"""Text clean-up shared by every rendered file."""

from __future__ import annotations

import re

# Parser directives and linter pragmas (hadolint's, our audit's) are instructions to tools,
# not explanations.
_KEPT_COMMENTS = re.compile(r"#\s*(syntax|escape|check)=|#\s*hadolint |#\s*scaffold-go-docker ")
_BLANK_RUN = re.compile(r"\n{3,}")


def drop_comments(text: str) -> str:
    """Remove explanatory full-line comments, keeping directives and hadolint pragmas."""
    kept = [
        line
        for line in text.split("\n")
        if not line.lstrip().startswith("#") or _KEPT_COMMENTS.match(line.lstrip())
    ]
    return "\n".join(kept)


def tidy(text: str) -> str:
    """`\\n` line endings, no trailing spaces, single blank lines, exactly one final newline."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    joined = _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")
    return joined + "\n"
