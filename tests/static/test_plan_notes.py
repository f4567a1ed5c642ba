"""How a plan's summary lines wrap: words and paths whole, within the width where they fit."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scaffold_go_docker.plan_notes import wrapped

_WORDS = st.lists(
    st.text(st.sampled_from("abcxyz/._:-"), min_size=1, max_size=60), min_size=1, max_size=12
)


def test_a_long_value_puts_its_note_on_the_next_line_not_in_a_narrow_column() -> None:
    head = "  dockerignore_keep=modules/caddyhttp/fileserver/browse.html  "
    lines = wrapped(head, "(modules/caddyhttp/fileserver/browse.go:49, //go:embed)", 80)

    assert lines == [
        "  dockerignore_keep=modules/caddyhttp/fileserver/browse.html",
        "      (modules/caddyhttp/fileserver/browse.go:49, //go:embed)",
    ]


@given(
    head=st.sampled_from(["  detected   ", "  port=8080  ", "  x=" + "y" * 70 + "  "]),
    words=_WORDS,
    width=st.integers(1, 120),
)
def test_every_word_stays_whole_and_lines_fit_where_words_do(
    head: str, words: list[str], width: int
) -> None:
    lines = wrapped(head, " ".join(words), width)

    assert " ".join(" ".join(lines).split()) == " ".join([*head.split(), *words])
    for line in lines[1:]:
        assert len(line) <= max(width, 40) or len(line.split()) == 1, line


def test_a_short_note_stays_beside_a_long_value() -> None:
    head = "  module_path=github.com/prometheus/node_exporter  "

    assert wrapped(head, "(go.mod:1)", 80) == [head + "(go.mod:1)"]
