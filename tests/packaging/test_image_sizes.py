"""Every image size the README, the docs and the interview quote is one from the table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scaffold_go_docker.facts.image_sizes import IMAGE_SIZES
from scaffold_go_docker.i18n import gettext_for
from scaffold_go_docker.inputs.interview import describe_variant
from scaffold_go_docker.options import Variant
from scaffold_go_docker.options.enums import Lang

REPO = Path(__file__).resolve().parents[2]
# A size as the documents quote it; `约` is how the Chinese README once wrote `~`.
SIZE = re.compile(r"(?:~|约 ?)?\d+(?:\.\d+)? ?(?:[KMG]i?B)")
LABELS = {size.label for size in IMAGE_SIZES.values()}


@pytest.mark.parametrize("document", ["README.md", "README.zh-CN.md", "docs/variants.md"])
def test_each_size_a_document_quotes_is_the_tables(document: str) -> None:
    quoted = SIZE.findall((REPO / document).read_text(encoding="utf-8"))
    assert quoted, "the document quotes no size at all"
    # Sizes of files inside images (zoneinfo, CA bundles) are KB; images are MB.
    assert {size for size in quoted if "KB" not in size} <= LABELS


@pytest.mark.parametrize("lang", list(Lang))
def test_the_interview_quotes_the_tables_sizes(lang: Lang) -> None:
    _ = gettext_for(lang)
    quoted = {size for v in Variant for size in SIZE.findall(describe_variant(v, _))}
    assert quoted
    assert quoted <= LABELS
