"""Every text option has a longest value, refused before its form is checked."""

from __future__ import annotations

import pytest

from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.options import Options
from scaffold_go_docker.options.formats import text_format

TEXT_FIELDS = {
    name: form
    for name, info in Options.model_fields.items()
    if (form := text_format(info.annotation, info.metadata)) is not None
}


def test_every_string_option_has_a_text_format() -> None:
    strings = {
        name
        for name, info in Options.model_fields.items()
        if "str" in str(info.annotation) and "Enum" not in str(info.annotation)
    }

    assert strings <= set(TEXT_FIELDS)


@pytest.mark.parametrize("field", sorted(TEXT_FIELDS))
def test_a_value_one_over_the_limit_is_refused_in_a_short_line(field: str) -> None:
    limit = TEXT_FIELDS[field].max_length
    choices = {"app_name": "svc", field: "a" * (limit + 1)}

    with pytest.raises(InvalidOptionsError) as refused:
        Options.resolve(choices)

    message = str(refused.value)
    assert f"too long: at most {limit} characters" in message
    assert len(message) < 200, message


def test_goprivate_of_a_megabyte_is_refused() -> None:
    with pytest.raises(InvalidOptionsError, match=r"goprivate.*at most 1024 characters"):
        Options.resolve({"app_name": "svc", "goprivate": "example.com/a," * 80_000})
