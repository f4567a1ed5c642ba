"""The options model as a specification: defaults, presets, and every value it must refuse."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.options import PRESETS, Base, Options, Variant, versions
from scaffold_go_docker.options.defaults import DEFAULT_PORT, DISTROLESS_UID
from scaffold_go_docker.options.naming import flag
from scaffold_go_docker.options.rules import RULES, CombinationError, Rule

from .cases import APP, GOPRIVATE, OPTIONAL_CHOICES, any_choices

STRING_FIELDS = [
    "app_name",
    "module_path",
    "go_version",
    "source_url",
    "goprivate",
    "alpine_version",
    "builder_image",
    "runtime_image",
    "ldflags",
    "tags",
    "platforms",
    "syntax_image",
    "timezone",
    "goproxy",
    "gosumdb",
    "apk_mirror",
    "module_dir",
    "healthcheck_path",
    "version_var",
    "commit_var",
]
#: List options whose entries take no quoting: a valid entry each.
PLAIN_LIST_ENTRIES = {
    "main_packages": "./cmd/api",
    "workspace_modules": "libs/x",
    "writable_dirs": "/var/lib/app",
    "dockerignore_keep": "templates/*.html",
}
#: List options written quoted (ENV) or as JSON (CMD): any printable text.
QUOTED_LIST_FIELDS = ("env", "cmd")


def resolve(**choices: Any) -> Options:
    return Options.resolve({"app_name": APP, **choices})


def on(options: Options, *names: str) -> dict[str, Any]:
    return {name: getattr(options, name) for name in names}


def rejection(**choices: Any) -> str:
    """The one-line message for choices the model must refuse."""
    with pytest.raises(InvalidOptionsError) as caught:
        resolve(**choices)
    message = str(caught.value)
    assert len(message.splitlines()) == 1, message
    return message


# Defaults and presets


def test_defaults_are_enterprise_on_the_pinned_go_and_port_8080() -> None:
    options = Options.resolve({"app_name": "svc"})
    assert options.variant is Variant.ENTERPRISE
    assert options.go_version == versions.GO_VERSION == "1.27"
    assert options.port == DEFAULT_PORT == 8080
    assert options.module_path == "svc"


def test_module_path_defaults_to_the_app_name_even_with_a_variant() -> None:
    assert resolve(variant="pro").module_path == APP


def test_bad_preset_is_the_seeds_single_stage_compiler_image() -> None:
    o = resolve(variant="bad")
    assert (o.base, o.multi_stage, o.non_root, o.buildkit) == (Base.GOLANG, False, False, False)
    assert o.runtime_image_ref is None


def test_better_preset_is_multi_stage_alpine_with_build_caches() -> None:
    o = resolve(variant="better")
    assert (o.builder.value, o.base.value) == ("alpine", "alpine")
    assert on(o, "buildkit", "non_root") == {"buildkit": True, "non_root": True}
    assert on(o, "cgo", "strip", "ca_certificates", "tzdata") == dict.fromkeys(
        ("cgo", "strip", "ca_certificates", "tzdata"), False
    )


def test_pro_preset_is_a_static_stripped_binary_on_scratch() -> None:
    o = resolve(variant="pro")
    assert o.base is Base.SCRATCH
    wanted = ("strip", "trimpath", "cross_compile", "healthcheck", "non_root")
    assert on(o, *wanted) == dict.fromkeys(wanted, True)
    assert not o.cgo


def test_enterprise_preset_is_the_seeds_final_template() -> None:
    o = resolve(variant="enterprise")
    assert o.base is Base.ALPINE
    wanted = ("git", "ca_certificates", "tzdata", "non_root", "passwd_entry", "strip", "labels")
    assert on(o, *wanted, "version_stamp", "healthcheck") == dict.fromkeys(
        (*wanted, "version_stamp", "healthcheck"), True
    )


@pytest.mark.parametrize("variant", [v.value for v in Variant])
def test_a_variant_resolves_to_its_preset(variant: str) -> None:
    options = resolve(variant=variant)
    for name, value in PRESETS[Variant(variant)].items():
        assert getattr(options, name) == value, name


@pytest.mark.parametrize(
    ("variant", "override"),
    [
        ("pro", {"base": "alpine"}),
        ("pro", {"strip": False}),
        ("enterprise", {"tzdata": False}),
        ("better", {"port": 9090, "uid": 2000}),
        ("enterprise", {"go_version": "1.26.2"}),
    ],
)
def test_an_explicit_option_overrides_the_preset(variant: str, override: dict[str, Any]) -> None:
    options = resolve(variant=variant, **override)
    for name, value in override.items():
        assert getattr(options, name) == value


def test_distroless_implies_its_certificates_tzdata_and_nonroot_uid() -> None:
    o = resolve(variant="pro", base="distroless")
    assert on(o, "ca_certificates", "tzdata") == {"ca_certificates": True, "tzdata": True}
    assert o.uid == DISTROLESS_UID


def test_unset_choices_passed_as_none_take_the_preset() -> None:
    assert resolve(variant="pro", strip=None, port=None) == resolve(variant="pro")


def test_unknown_option_is_named() -> None:
    assert rejection(colour="red") == "unknown option 'colour'"


def test_missing_app_name_is_named() -> None:
    with pytest.raises(InvalidOptionsError, match="--app-name is required"):
        Options.resolve({})


# The rule table: every rule refuses its example, naming only what was given.


def _flags_named(text: str) -> set[str]:
    return {match.removeprefix("--no-").removeprefix("--") for match in FLAG.findall(text)}


FLAG = re.compile(r"--[a-z][a-z-]*")


def _subject(message: str) -> str:
    """The part of a rejection that names the options at fault (before the reason)."""
    return message.split(": ", 1)[0]


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_each_rule_refuses_its_example_naming_only_the_options_given(rule: Rule) -> None:
    with pytest.raises(CombinationError) as caught:
        resolve(**rule.example)

    assert caught.value.problems[0].rule is rule
    message = str(caught.value)
    assert len(message.splitlines()) == 1, message
    given = {flag(name).removeprefix("--") for name in rule.example}
    assert _flags_named(_subject(message)) <= given, message


def test_rule_ids_are_unique_and_every_field_a_rule_reads_is_an_option() -> None:
    assert len({rule.id for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert set(rule.fields) <= set(Options.model_fields), rule.id
        assert set(rule.subject_fields()) <= set(rule.fields), rule.id


@given(any_choices)
@settings(max_examples=300, deadline=None)
def test_a_rejection_names_as_flags_only_options_that_were_given(choices: dict[str, Any]) -> None:
    message = _combination_error(choices)
    if message is not None:
        named = _flags_named(_subject(message))
        assert named <= {flag(name).removeprefix("--") for name in choices}, message


def _combination_error(choices: dict[str, Any]) -> str | None:
    """The message for values that cannot combine; None if they can (or one is malformed)."""
    try:
        Options.resolve(choices)
    except CombinationError as error:
        return str(error)
    except InvalidOptionsError:
        return None
    return None


#: Single values that cannot stand alone: golang means the bad variant, credentials need
#: GOPRIVATE naming the private modules, an apk mirror needs a stage that runs apk add; an
#: existing module's layout (packages, vendor/, go.work) needs `source_module`, one image
#: several packages.
_INCOMPLETE = {("base", "golang"), ("private_auth", "netrc"), ("private_auth", "ssh")}
_NEEDS_MORE = {
    "apk_mirror",
    "main_packages",
    "vendor",
    "workspace_modules",
    "module_dir",
    "one_image",
}


@given(
    variant=st.sampled_from([Variant.BETTER, Variant.PRO, Variant.ENTERPRISE]),
    field=st.sampled_from(sorted(OPTIONAL_CHOICES)),
    data=st.data(),
)
@settings(max_examples=400, deadline=None)
def test_one_explicit_choice_is_never_refused_because_of_a_preset(
    variant: Variant, field: str, data: st.DataObject
) -> None:
    value = data.draw(OPTIONAL_CHOICES[field], label=field)
    assume(field not in _NEEDS_MORE)
    assume(isinstance(value, list) or (field, value) not in _INCOMPLETE)
    options = resolve(variant=variant.value, **{field: value})
    got = getattr(options, field)
    assert got == (tuple(value) if isinstance(value, list) else value) or got.value == value


@pytest.mark.parametrize(
    ("given", "followed"),
    [
        ({"variant": "pro", "buildkit": False}, {"cross_compile": False, "base": Base.SCRATCH}),
        ({"variant": "pro", "cgo": True}, {"base": Base.ALPINE, "cross_compile": False}),
        ({"variant": "pro", "tzdata_source": "package"}, {"base": Base.ALPINE, "tzdata": True}),
        ({"variant": "enterprise", "non_root": False}, {"passwd_entry": False}),
        ({"base": "distroless", "uid": 4242}, {"passwd_entry": False, "tzdata": True}),
        ({"variant": "better", "goprivate": GOPRIVATE}, {"git": True}),
        ({"variant": "better", "source_url": "https://github.com/acme/svc"}, {"labels": True}),
    ],
)
def test_a_default_that_depends_on_a_given_option_follows_it(
    given: dict[str, Any], followed: dict[str, Any]
) -> None:
    assert on(resolve(**given), *followed) == followed


def test_a_follower_never_overrides_an_explicit_value() -> None:
    message = rejection(variant="pro", buildkit=False, cross_compile=True)
    assert _subject(message) == "--cross-compile with --no-buildkit"


def test_the_pro_variant_without_buildkit_is_a_classic_native_pro_dockerfile() -> None:
    options = resolve(variant="pro", buildkit=False)
    assert (options.variant, options.buildkit, options.cross_compile) == (Variant.PRO, False, False)
    assert on(options, "strip", "trimpath", "healthcheck") == dict.fromkeys(
        ("strip", "trimpath", "healthcheck"), True
    )


def test_a_preset_value_in_a_rejection_is_named_as_the_presets() -> None:
    message = rejection(base="debian", cgo=True)
    assert "builder alpine (the enterprise preset)" in message
    assert "--builder" not in _subject(message)


def test_goprivate_on_the_debian_builder_uses_its_git() -> None:
    assert resolve(goprivate=GOPRIVATE, git=False, builder="debian").goprivate == GOPRIVATE


# Single values


@pytest.mark.parametrize(
    "name",
    [
        "a/b",
        "..",
        "a..b",
        "app.",
        ".hidden",
        "-flag",
        "my app",
        "tab\tname",
        "line\nname",
        "bell\x07",
        "nul\x00",
        "",
        "x" * 65,
    ],
)
def test_app_name_must_be_a_directory_and_module_path_element(name: str) -> None:
    assert rejection(app_name=name).startswith("--app-name: ")


@pytest.mark.parametrize("name", ["a", "my-go-app", "Svc_2", "api.v2", "x" * 64])
def test_app_name_accepts_plain_names(name: str) -> None:
    assert resolve(app_name=name).app_name == name


@pytest.mark.parametrize("version", ["1.27", "1.27.3", "1.22", "1.30.0"])
def test_go_version_is_1_n_or_1_n_p(version: str) -> None:
    assert resolve(go_version=version).go_version == version


@pytest.mark.parametrize(
    "version", ["1", "1.27.3.1", "v1.27", "1.027", "2.0", "1.27rc1", " 1.27", "latest"]
)
def test_go_version_rejects_anything_else(version: str) -> None:
    assert rejection(go_version=version).startswith("--go-version: ")


def test_an_older_go_is_any_go_the_dockerfile_alone_builds_with() -> None:
    assert resolve(go_version="1.21").builder_image_ref.startswith("golang:1.21-")


_NEWEST_GO = int(versions.GO_VERSION.split(".")[1])


@pytest.mark.parametrize(
    ("choices", "warned"),
    [
        ({"go_version": "1.99"}, ["Go 1.99 is newer than the newest release this tool knows"]),
        ({"alpine_version": "3.99"}, ["Alpine 3.99 is newer"]),
        ({"go_version": versions.GO_VERSION}, []),
        ({"go_version": f"1.{_NEWEST_GO - 1}.4"}, []),
        (
            {"go_version": f"1.{_NEWEST_GO - 2}"},
            [f"Go 1.{_NEWEST_GO - 2} gets no security fixes any more"],
        ),
        ({"go_version": "1.15"}, ["Go 1.15 gets no security fixes any more"]),
    ],
)
def test_a_version_newer_than_the_tool_knows_or_out_of_support_is_used_with_a_warning(
    choices: dict[str, Any], warned: list[str]
) -> None:
    warnings = resolve(**choices).warnings
    assert len(warnings) == len(warned)
    assert all(w.startswith(prefix) for w, prefix in zip(warnings, warned, strict=True))


@pytest.mark.parametrize(
    ("choices", "warned"),
    [
        ({"port": 80}, True),
        ({"port": 1023, "base": "distroless"}, True),
        ({"port": 1024}, False),
        ({"port": 80, "variant": "bad"}, False),  # runs as root
        ({"port": 80, "non_root": False}, False),
        ({"port": 80, "source_module": True, "listens": False}, False),
    ],
)
def test_a_privileged_port_for_a_non_root_listener_is_used_with_a_warning(
    choices: dict[str, Any], warned: bool
) -> None:
    warnings = resolve(**choices).warnings
    assert any(f"port {choices['port']} is privileged" in w for w in warnings) is warned


@pytest.mark.parametrize("port", [1, 80, 65535])
def test_port_in_range_is_accepted(port: int) -> None:
    assert resolve(port=port).port == port


@pytest.mark.parametrize("port", [0, -1, 65536, "http"])
def test_port_out_of_range_is_refused(port: object) -> None:
    assert rejection(port=port).startswith("--port: ")


@pytest.mark.parametrize(
    "image",
    [
        "golang:1.27-alpine3.24",
        "registry.internal:5000/mirror/golang:1.27",
        "alpine@sha256:" + "a" * 64,
        "alpine:latest@sha256:" + "a" * 64,
    ],
)
def test_image_override_accepts_pinned_references(image: str) -> None:
    assert resolve(builder_image=image).builder_image == image


@pytest.mark.parametrize(
    ("image", "reason"),
    [
        ("golang", "has no tag"),
        ("registry.internal:5000/golang", "has no tag"),
        ("golang:latest", "uses :latest"),
        ("Golang:1.27", "is not an image reference"),
        ("golang:1.27 AS x", "is not an image reference"),
    ],
)
def test_image_override_refuses_unpinned_or_malformed(image: str, reason: str) -> None:
    for option in ("builder_image", "runtime_image"):
        message = rejection(**{option: image})
        assert message.startswith(flag(option) + ": ")
        assert reason in message


def test_alpine_version_is_a_minor_release() -> None:
    assert rejection(alpine_version="3.24.1").startswith("--alpine-version: ")


# Property tests: nothing hostile reaches a template, and every error is one line.

#: A valid value per string option, so a test that splices in one character tests only it.
VALID_STRINGS = {
    "app_name": "my-app",
    "module_path": "github.com/acme/my-app",
    "go_version": "1.27.3",
    "source_url": "https://github.com/acme/my-app",
    "goprivate": "github.com/acme/*,*.corp.example",
    "alpine_version": "3.24",
    "builder_image": "registry.internal:5000/golang:1.27-alpine3.24",
    "runtime_image": "alpine:3.24",
    "ldflags": "-X main.builtBy=ci",
    "tags": "netgo,osusergo",
    "platforms": "linux/amd64,linux/arm/v7",
    "syntax_image": "registry.internal/docker/dockerfile:1",
    "timezone": "Asia/Shanghai",
    "goproxy": "https://goproxy.cn,direct",
    "gosumdb": "sum.golang.google.cn",
    "apk_mirror": "mirrors.aliyun.com",
    "module_dir": "libs/api",
    "healthcheck_path": "/healthz?full=1",
    "version_var": "example.com/acme/svc/internal/build.Version",
    "commit_var": "main.commit",
}
#: Characters a value may hold after all: linker flags are separated by spaces.
ALLOWED = {"ldflags": {" "}}
HOSTILE_CHARACTERS = ["\n", "\r", '"', "'", "\\", "$", " ", "\t", "`", "\u2028", "é"]
HOSTILE = st.one_of(
    st.sampled_from(HOSTILE_CHARACTERS),
    st.characters(whitelist_categories=["Cc", "Cf", "Zs", "Zl", "Zp"]),
    st.characters(min_codepoint=0x80),
)


def _with_labels(field: str, value: Any) -> dict[str, Any]:
    # Each value valid alone; what makes it usable (an existing module, its workspace) too.
    contexts: dict[str, dict[str, Any]] = {
        "module_dir": {"source_module": True, "workspace_modules": [value, "."]},
        "healthcheck_path": {"source_module": True},
        "main_packages": {"source_module": True},
        "workspace_modules": {"source_module": True, "module_dir": "libs/x"},
        "writable_dirs": {},
    }
    context = contexts.get(field, {})
    return {"app_name": APP, "labels": True, "goprivate": GOPRIVATE, **context, field: value}


def _is_list(field: str) -> bool:
    return str(Options.model_fields[field].annotation).startswith("tuple")


def test_string_fields_cover_every_string_option() -> None:
    strings = {
        n for n, f in Options.model_fields.items() if "str" in str(f.annotation) and not _is_list(n)
    }
    assert set(STRING_FIELDS) == strings == set(VALID_STRINGS)


def test_list_fields_cover_every_list_option() -> None:
    lists = {n for n in Options.model_fields if _is_list(n)}
    assert lists == set(PLAIN_LIST_ENTRIES) | set(QUOTED_LIST_FIELDS)


@pytest.mark.parametrize(
    ("field", "character"),
    [(field, c) for field in PLAIN_LIST_ENTRIES for c in HOSTILE_CHARACTERS],
)
def test_each_hostile_character_is_refused_in_each_list_entry(field: str, character: str) -> None:
    valid = PLAIN_LIST_ENTRIES[field]
    assert getattr(Options.resolve(_with_labels(field, [valid])), field) == (valid,)
    middle = len(valid) // 2
    with pytest.raises(InvalidOptionsError) as caught:
        Options.resolve(_with_labels(field, [valid[:middle] + character + valid[middle:]]))
    assert str(caught.value).startswith(flag(field) + ": ")


@pytest.mark.parametrize("field", QUOTED_LIST_FIELDS)
@pytest.mark.parametrize("character", ["\n", "\r", "\t", "\x00", "\u2028", "\u200b"])
def test_quoted_list_entries_refuse_what_is_not_printable(field: str, character: str) -> None:
    entry = f"KEY=a{character}b" if field == "env" else f"a{character}b"
    with pytest.raises(InvalidOptionsError):
        Options.resolve({"app_name": APP, field: [entry]})


@pytest.mark.parametrize("entry", ["=x", "1KEY=x", "KEY", "KE-Y=x", "K EY=x"])
def test_an_environment_entry_is_key_equals_value(entry: str) -> None:
    assert "is not KEY=VALUE" in rejection(env=[entry])


def test_an_environment_key_is_set_once() -> None:
    assert "A is set twice" in rejection(env=["A=1", "B=2", "A=3"])


@pytest.mark.parametrize("field", STRING_FIELDS)
def test_the_unspliced_values_are_valid(field: str) -> None:
    options = Options.resolve(_with_labels(field, VALID_STRINGS[field]))
    assert getattr(options, field) == VALID_STRINGS[field]


@pytest.mark.parametrize(
    ("field", "character"),
    [
        (field, character)
        for field in STRING_FIELDS
        for character in HOSTILE_CHARACTERS
        if character not in ALLOWED.get(field, set())
    ],
)
def test_each_hostile_character_is_refused_in_each_string_option(
    field: str, character: str
) -> None:
    valid = VALID_STRINGS[field]
    middle = len(valid) // 2
    with pytest.raises(InvalidOptionsError):
        Options.resolve(_with_labels(field, valid[:middle] + character + valid[middle:]))


@given(field=st.sampled_from(STRING_FIELDS), data=st.data())
@settings(max_examples=300, deadline=None)
def test_hostile_characters_never_validate_in_any_string_option(
    field: str, data: st.DataObject
) -> None:
    valid = VALID_STRINGS[field]
    where = data.draw(st.integers(0, len(valid)), label="where")
    hostile = data.draw(
        HOSTILE.filter(lambda c: c not in ALLOWED.get(field, set())), label="hostile"
    )
    value = valid[:where] + hostile + valid[where:]
    with pytest.raises(InvalidOptionsError) as caught:
        Options.resolve(_with_labels(field, value))
    assert str(caught.value).startswith(flag(field) + ": ")


@given(
    st.dictionaries(
        st.sampled_from([*STRING_FIELDS, "port", "uid", "variant", "base", "strip", "nonsense"]),
        st.one_of(st.text(max_size=40), st.integers(), st.booleans(), st.none()),
        min_size=1,
    )
)
@settings(max_examples=300, deadline=None)
def test_every_error_is_a_single_line(choices: dict[str, Any]) -> None:
    message = _error_of(choices)
    assume(message is not None)
    assert message is not None
    assert len(message.splitlines()) == 1, message


def _error_of(choices: dict[str, Any]) -> str | None:
    try:
        Options.resolve(choices)
    except InvalidOptionsError as error:
        return str(error)
    return None


@pytest.mark.parametrize("value", ["C:\\", 'say \\"hi\\"'])
def test_an_environment_value_has_no_backslash_hadolint_misreads(value: str) -> None:
    assert "a backslash may not end the value" in rejection(env=[f"A={value}"])
