"""The options model as a specification: defaults, presets, and every value it must refuse."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.options import Base, Options, Variant, preset_for, versions

from .cases import APP, GOPRIVATE

STRING_FIELDS = [
    "app_name",
    "module_path",
    "go_version",
    "source_url",
    "goprivate",
    "alpine_version",
    "builder_image",
    "runtime_image",
]


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
    assert options.port == 8080
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
    for name, value in preset_for(variant).items():
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
    assert o.uid == versions.DISTROLESS_UID


def test_unset_choices_passed_as_none_take_the_preset() -> None:
    assert resolve(variant="pro", strip=None, port=None) == resolve(variant="pro")


def test_unknown_option_is_named() -> None:
    assert rejection(colour="red") == "unknown option 'colour'"


def test_missing_app_name_is_named() -> None:
    with pytest.raises(InvalidOptionsError, match="--app-name is required"):
        Options.resolve({})


# Every cross-field rejection: one line, naming the options at fault.


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("base", "alpine"),
        ("ca_certificates", True),
        ("tzdata", True),
        ("tzdata_source", "embed"),
        ("non_root", True),
        ("passwd_entry", True),
        ("writable_tmp", True),
        ("strip", True),
        ("trimpath", True),
        ("cgo", False),
        ("buildkit", True),
        ("cross_compile", True),
        ("healthcheck", True),
        ("version_stamp", True),
        ("labels", True),
        ("goprivate", "github.com/acme/*"),
        ("private_auth", "netrc"),
        ("runtime_image", "alpine:3.24"),
    ],
)
def test_bad_variant_refuses_options_that_would_fix_it(option: str, value: Any) -> None:
    message = rejection(variant="bad", **{option: value})
    flag = "--" + option.replace("_", "-")
    assert message.startswith(f"{flag} does not apply to the bad variant")


def test_golang_base_is_only_for_the_bad_variant() -> None:
    assert "--base golang" in rejection(variant="pro", base="golang")


@pytest.mark.parametrize("base", ["scratch", "distroless"])
def test_cgo_needs_a_base_with_a_c_library(base: str) -> None:
    message = rejection(variant="pro", base=base, cgo=True, cross_compile=False)
    assert f"--cgo with --base {base}" in message


def test_cgo_from_the_debian_builder_does_not_run_on_alpine() -> None:
    message = rejection(builder="debian", base="alpine", cgo=True, cross_compile=False)
    assert "--cgo with --builder debian and --base alpine" in message


def test_cgo_cannot_cross_compile() -> None:
    assert "--cgo with --cross-compile" in rejection(cgo=True, cross_compile=True)


@pytest.mark.parametrize("missing", ["ca_certificates", "tzdata"])
def test_distroless_always_has_certificates_and_tzdata(missing: str) -> None:
    message = rejection(base="distroless", **{missing: False})
    assert "--no-ca-certificates/--no-tzdata with --base distroless" in message


def test_distroless_nonroot_cannot_run_as_root() -> None:
    assert "--no-non-root with --base distroless" in rejection(base="distroless", non_root=False)


def test_distroless_names_only_its_own_uid() -> None:
    message = rejection(base="distroless", passwd_entry=True, uid=1234)
    assert "--passwd-entry with --base distroless and --uid 1234" in message


def test_tzdata_source_needs_tzdata() -> None:
    assert "--tzdata-source embed needs --tzdata" in rejection(tzdata=False, tzdata_source="embed")


@pytest.mark.parametrize("base", ["scratch", "distroless"])
def test_tzdata_package_needs_alpine(base: str) -> None:
    message = rejection(variant="pro", base=base, tzdata=True, tzdata_source="package")
    assert f"--tzdata-source package with --base {base}" in message


def test_tzdata_copy_is_pointless_on_distroless() -> None:
    message = rejection(base="distroless", tzdata_source="copy")
    assert "--tzdata-source copy with --base distroless" in message


def test_passwd_entry_needs_a_non_root_user() -> None:
    message = rejection(variant="pro", non_root=False, passwd_entry=True)
    assert "--passwd-entry" in message
    assert "--non-root" in message


def test_cross_compile_needs_buildkit() -> None:
    assert "--cross-compile with --no-buildkit" in rejection(buildkit=False, cross_compile=True)


@pytest.mark.parametrize("auth", ["netrc", "ssh"])
def test_private_auth_needs_goprivate(auth: str) -> None:
    message = rejection(private_auth=auth)
    assert f"--private-auth {auth} needs --goprivate" in message


@pytest.mark.parametrize("auth", ["netrc", "ssh"])
def test_private_auth_needs_a_literal_host_in_goprivate(auth: str) -> None:
    message = rejection(private_auth=auth, goprivate="*.corp.example")
    assert f"--private-auth {auth} needs a host" in message
    assert "--goprivate *.corp.example" in message


@pytest.mark.parametrize("auth", ["netrc", "ssh"])
def test_private_auth_needs_buildkit_mounts(auth: str) -> None:
    message = rejection(private_auth=auth, goprivate=GOPRIVATE, buildkit=False, cross_compile=False)
    assert f"--private-auth {auth} needs BuildKit" in message
    assert "--no-buildkit" in message


def test_goprivate_on_the_alpine_builder_needs_git() -> None:
    message = rejection(goprivate=GOPRIVATE, git=False, builder="alpine")
    assert "--goprivate with --no-git" in message


def test_goprivate_on_the_debian_builder_uses_its_git() -> None:
    assert resolve(goprivate=GOPRIVATE, git=False, builder="debian").goprivate == GOPRIVATE


def test_source_url_needs_labels() -> None:
    message = rejection(variant="better", source_url="https://github.com/acme/svc")
    assert "--source-url" in message
    assert "--labels" in message


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
    "version", ["1", "1.27.3.1", "v1.27", "1.027", "2.0", "1.27rc1", "1.21", " 1.27", "latest"]
)
def test_go_version_rejects_anything_else(version: str) -> None:
    assert rejection(go_version=version).startswith("--go-version: ")


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
        assert message.startswith("--" + option.replace("_", "-") + ": ")
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
}
HOSTILE_CHARACTERS = ["\n", "\r", '"', "'", "\\", "$", " ", "\t", "`", "\u2028", "é"]
HOSTILE = st.one_of(
    st.sampled_from(HOSTILE_CHARACTERS),
    st.characters(whitelist_categories=["Cc", "Cf", "Zs", "Zl", "Zp"]),
    st.characters(min_codepoint=0x80),
)


def _with_labels(field: str, value: str) -> dict[str, Any]:
    return {"app_name": APP, "labels": True, "goprivate": GOPRIVATE, field: value}


def test_string_fields_cover_every_string_option() -> None:
    strings = {n for n, f in Options.model_fields.items() if "str" in str(f.annotation)}
    assert set(STRING_FIELDS) == strings == set(VALID_STRINGS)


@pytest.mark.parametrize("field", STRING_FIELDS)
def test_the_unspliced_values_are_valid(field: str) -> None:
    options = Options.resolve(_with_labels(field, VALID_STRINGS[field]))
    assert getattr(options, field) == VALID_STRINGS[field]


@pytest.mark.parametrize("character", HOSTILE_CHARACTERS)
@pytest.mark.parametrize("field", STRING_FIELDS)
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
    value = valid[:where] + data.draw(HOSTILE, label="hostile") + valid[where:]
    with pytest.raises(InvalidOptionsError) as caught:
        Options.resolve(_with_labels(field, value))
    assert str(caught.value).startswith("--" + field.replace("_", "-") + ": ")


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
