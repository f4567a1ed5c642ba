"""Option combinations to render: a fixed matrix over every choice, and hypothesis strategies."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.options import (
    Base,
    Builder,
    CgoLink,
    Lang,
    Options,
    PrivateAuth,
    TzdataSource,
    Variant,
)
from scaffold_go_docker.options.formats import APP_NAME, MODULE_PATH, TextFormat

APP = "my-go-app"
MIRROR_BUILDER = "registry.internal:5000/mirror/golang:1.27.3-alpine3.24"
MIRROR_RUNTIME = "registry.internal:5000/mirror/alpine:3.24@sha256:" + "ab" * 32
GOPRIVATE = "github.com/acme/*,*.corp.example"
DIGEST = "@sha256:" + "0f" * 32


@dataclass(frozen=True)
class Case:
    """A named set of choices that the model accepts."""

    name: str
    choices: Mapping[str, Any]

    @property
    def options(self) -> Options:
        return Options.resolve(self.choices)


def accepted(choices: Mapping[str, Any]) -> Options | None:
    try:
        return Options.resolve(choices)
    except InvalidOptionsError:
        return None


def _matrix() -> list[Case]:
    """Every base x builder x BuildKit/cross x tzdata source, with the remaining choices
    (variant, private auth, image overrides, comments, language) rotated so each value
    appears."""
    cases = []
    build_modes = [(True, True), (True, False), (False, False)]
    variants = [Variant.BETTER, Variant.PRO, Variant.ENTERPRISE]
    auths = list(PrivateAuth)
    combos = itertools.product(Base, Builder, build_modes, TzdataSource)
    for index, (base, builder, (buildkit, cross), tz_source) in enumerate(combos):
        if base is Base.GOLANG:
            continue
        # Different strides, so that no two rotated choices always travel together.
        variant = variants[index % 3]
        auth = auths[index // 3 % 3] if buildkit else PrivateAuth.NONE
        choices: dict[str, Any] = {
            "app_name": APP,
            "variant": variant.value,
            "base": base.value,
            "builder": builder.value,
            "buildkit": buildkit,
            "cross_compile": cross,
            "tzdata": tz_source is not TzdataSource.AUTO or index % 2 == 0,
            "tzdata_source": tz_source.value,
            "private_auth": auth.value,
            "comments": index % 5 != 0,
            "lang": Lang.ZH.value if index % 7 in (2, 5) else Lang.EN.value,
        }
        if auth is not PrivateAuth.NONE:
            choices.update(goprivate=GOPRIVATE, git=True)
        if index % 4 == 1:
            choices.update(builder_image=MIRROR_BUILDER, runtime_image=MIRROR_RUNTIME)
        if accepted(choices) is None:
            continue
        name = "-".join(
            [
                variant.value,
                f"base_{base.value}",
                f"builder_{builder.value}",
                "buildkit" if buildkit else "classic",
                "cross" if cross else "native",
                f"tz_{tz_source.value}" if choices["tzdata"] else "no_tz",
                f"auth_{auth.value}",
                *(["mirror"] if "builder_image" in choices else []),
                *([] if choices["comments"] else ["no_comments"]),
                *(["zh"] if choices["lang"] == Lang.ZH else []),
            ]
        )
        cases.append(Case(name, choices))
    return cases


#: Choices the rotation above does not reach on its own.
_EXTRA = [
    Case("cgo-alpine", {"app_name": APP, "variant": "better", "cgo": True}),
    Case(
        "cgo-debian-scratchless",
        {"app_name": APP, "variant": "enterprise", "cgo": True, "cross_compile": False},
    ),
    Case(
        "scratch-hardened",
        {
            "app_name": APP,
            "variant": "pro",
            "ca_certificates": True,
            "tzdata": True,
            "passwd_entry": True,
            "writable_tmp": True,
        },
    ),
    Case("scratch-as-root", {"app_name": APP, "variant": "pro", "non_root": False}),
    Case("alpine-passwd-only", {"app_name": APP, "variant": "better", "passwd_entry": True}),
    Case(
        "labels-source-url-no-stamp",
        {
            "app_name": APP,
            "variant": "enterprise",
            "version_stamp": False,
            "source_url": "https://git.example.com/acme/svc",
        },
    ),
    Case("stamp-without-labels", {"app_name": APP, "variant": "better", "version_stamp": True}),
    Case(
        "module-on-a-host",
        {"app_name": "svc", "variant": "enterprise", "module_path": "github.com/acme/svc"},
    ),
    Case("digest-pinned-runtime", {"app_name": APP, "runtime_image": "alpine:3.24" + DIGEST}),
    Case(
        "distroless-named-user",
        {"app_name": APP, "variant": "pro", "base": "distroless", "passwd_entry": True},
    ),
    Case("bad-on-a-mirror", {"app_name": APP, "variant": "bad", "builder_image": MIRROR_BUILDER}),
    Case(
        "build-flags",
        {
            "app_name": APP,
            "variant": "pro",
            "version_stamp": False,
            "ldflags": "-X main.version=1.2.3 -X 'main.commit=a b' -extldflags -static",
            "tags": "netgo,osusergo,timetzdata",
            "tzdata": True,
        },
    ),
    Case(
        "other-platforms-cross",
        {"app_name": APP, "variant": "enterprise", "platforms": "linux/arm/v6,linux/386"},
    ),
    Case(
        "other-platforms-emulated",
        {"app_name": APP, "variant": "better", "platforms": "linux/amd64,linux/s390x"},
    ),
    Case("air-gapped", {"app_name": APP, "variant": "pro", "syntax_line": False}),
    Case(
        "tutorial-readers",
        {
            "app_name": APP,
            "timezone": "Asia/Shanghai",
            "goproxy": "https://goproxy.cn,direct",
            "gosumdb": "sum.golang.google.cn",
            "apk_mirror": "mirrors.aliyun.com",
        },
    ),
    Case(
        "time-zone-on-scratch",
        {"app_name": APP, "variant": "pro", "timezone": "Asia/Shanghai", "goproxy": "off"},
    ),
    Case(
        "mirrored-frontend",
        {"app_name": APP, "syntax_image": "registry.internal:5000/docker/dockerfile:1"},
    ),
    Case(
        "other-port-uid-go",
        {"app_name": "Svc_2", "port": 443, "uid": 4242, "go_version": "1.26.1"},
    ),
]

#: An existing module (`init`): each adopted-module option in the variants where it works.
ADOPTED = {"app_name": "svc", "module_path": "example.com/acme/svc/v2", "source_module": True}
_ADOPTED = [
    Case(
        "adopted-cmd-layout-alpine-path-check",
        {
            **ADOPTED,
            "variant": "enterprise",
            "main_packages": ["./cmd/api"],
            "healthcheck_path": "/healthz",
            "port": 3000,
            "version_var": "main.version",
            "commit_var": "example.com/acme/svc/v2/internal/build.Commit",
            # A word ending in a backslash: hadolint misreads `"\\\\"]` (exec_form).
            "cmd": ["serve", "--addr", "0.0.0.0:3000", "--sep", "\\"],
            "env": ["MODE=prod", 'GREETING=say "hi" to $USER \\o/'],
        },
    ),
    Case(
        "adopted-vendored-scratch-probe",
        {
            **ADOPTED,
            "variant": "pro",
            "vendor": True,
            "healthcheck_path": "/-/ready?full=1",
            "writable_dirs": ["/var/lib/svc", "/tmp/cache"],
        },
    ),
    Case(
        "adopted-vendored-classic",
        {**ADOPTED, "variant": "better", "vendor": True, "buildkit": False},
    ),
    Case(
        "adopted-targets-distroless",
        {
            **ADOPTED,
            "variant": "pro",
            "base": "distroless",
            "main_packages": ["./cmd/api", "./cmd/worker", "."],
            "healthcheck_path": "/healthz",
            "cmd": ["--verbose"],
        },
    ),
    Case(
        "adopted-one-image",
        {
            **ADOPTED,
            "variant": "enterprise",
            "main_packages": ["./cmd/api", "./cmd/worker"],
            "one_image": True,
            "writable_dirs": ["/var/lib/svc"],
        },
    ),
    Case(
        "adopted-workspace",
        {
            **ADOPTED,
            "variant": "enterprise",
            "module_dir": "api",
            "workspace_modules": ["api", "libs/x", "."],
        },
    ),
    Case("adopted-cli-tool", {**ADOPTED, "variant": "pro", "listens": False}),
    Case(
        "adopted-cgo-static-scratch",
        {**ADOPTED, "variant": "pro", "cgo": True, "cgo_link": "static"},
    ),
    Case(
        "adopted-cgo-distroless-base",
        {
            **ADOPTED,
            "variant": "pro",
            "cgo": True,
            "builder": "debian",
            "healthcheck_path": "/healthz",
            "writable_dirs": ["/data"],
        },
    ),
    Case(
        "adopted-cgo-debian-slim",
        {
            **ADOPTED,
            "variant": "enterprise",
            "cgo": True,
            "builder": "debian",
            "base": "debian",
            "writable_dirs": ["/data"],
            "healthcheck_path": "/healthz",
        },
    ),
    Case("adopted-bad", {**ADOPTED, "variant": "bad", "main_packages": ["./cmd/svc"]}),
    Case("adopted-old-go", {**ADOPTED, "go_version": "1.16", "variant": "better"}),
]

MATRIX: list[Case] = _matrix() + _EXTRA + _ADOPTED
#: Each variant's defaults, in English, then in Chinese.
VARIANT_DEFAULTS = [Case(v.value, {"app_name": APP, "variant": v.value}) for v in Variant] + [
    Case(f"{v.value}-zh", {"app_name": APP, "variant": v.value, "lang": Lang.ZH.value})
    for v in Variant
]


# Hypothesis: any combination of choices, kept when the model accepts it.


def _valid(form: TextFormat) -> Callable[[str], bool]:
    def check(value: str) -> bool:
        try:
            form.check(value)
        except ValueError:
            return False
        return True

    return check


# An app name is also the module path when none is given: `fmt` or `con` is not one.
app_names = (
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,30}", fullmatch=True)
    .filter(_valid(APP_NAME))
    .filter(_valid(MODULE_PATH))
)
module_paths = st.one_of(
    app_names,
    st.from_regex(r"[a-z0-9]{1,8}\.(com|io|example)/[a-z0-9_~-]{1,10}(/v[0-9])?", fullmatch=True),
).filter(_valid(MODULE_PATH))
go_versions = st.from_regex(r"1\.(2[2-9]|3[0-9])(\.(0|[1-9][0-9]?))?", fullmatch=True)
image_refs = st.sampled_from(
    [MIRROR_BUILDER, MIRROR_RUNTIME, "golang:1.27-bookworm", "alpine:3.23", "busybox" + DIGEST]
)
goprivates = st.sampled_from(
    [GOPRIVATE, "gitlab.example.com/team", "*.corp.example", "github.com/a/b,github.com/c/*"]
)
source_urls = st.sampled_from(["https://github.com/acme/svc", "http://git.example:8080/x?y=1"])
_bare_tokens = st.from_regex(r"-[a-z]{1,8}(=[A-Za-z0-9_./:,+@-]{1,12})?", fullmatch=True).filter(
    lambda token: token not in ("-s", "-w", "-X")
)
_stamps = st.builds(
    lambda name, value, quoted: f"-X '{name}={value}'" if quoted else f"-X {name}={value}",
    st.sampled_from(["main.builtBy", "main.date", "example.com/acme/svc/internal/v.Version"]),
    st.from_regex(r"[A-Za-z0-9_.:+@-]{1,12}", fullmatch=True),
    st.booleans(),
)
_spaced_stamp = st.from_regex(r"[A-Za-z0-9 _.:%-]{1,12}", fullmatch=True).map(
    lambda value: f"-X 'main.builtBy={value}'"
)
ldflags = st.lists(st.one_of(_bare_tokens, _stamps, _spaced_stamp), min_size=1, max_size=4).map(
    " ".join
)
build_tags = st.lists(
    st.from_regex(r"[A-Za-z0-9_.]{1,10}", fullmatch=True), min_size=1, max_size=4, unique=True
).map(",".join)
platform_lists = st.lists(
    st.sampled_from(["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6", "linux/386",
                     "linux/ppc64le", "linux/s390x", "linux/riscv64"]),
    min_size=1, max_size=4, unique=True,
).map(",".join)  # fmt: skip
timezones = st.sampled_from(["Asia/Shanghai", "UTC", "Europe/Berlin", "America/New_York"])
goproxies = st.sampled_from(
    ["https://goproxy.cn,direct", "https://goproxy.io|https://proxy.golang.org,direct", "off"]
)
gosumdbs = st.sampled_from(
    [
        "sum.golang.google.cn",
        "off",
        "sum.example.com+ce6e7565+AY5qEHUk/qmHc https://sum.example.com",
    ]
)
apk_mirrors = st.sampled_from(["mirrors.aliyun.com", "mirror.example:8443"])
syntax_images = st.sampled_from(
    ["registry.internal:5000/docker/dockerfile:1", "docker/dockerfile:1.9@sha256:" + "c" * 64]
)


# An existing module's options (`init`): any value the forms accept, quoting included.
_printable = st.text(
    st.characters(blacklist_categories=["Cc", "Cs", "Cf", "Zl", "Zp", "Co", "Cn"]), max_size=12
).filter(str.isprintable)
main_package_lists = st.lists(
    st.sampled_from([".", "./cmd/api", "./cmd/worker", "./tools/gen.v2", "./cmd/Api_2"]),
    min_size=1,
    max_size=3,
    unique=True,
)
workspace_lists = st.lists(st.sampled_from([".", "api", "libs/x"]), max_size=3, unique=True)
env_lists = st.lists(
    st.tuples(st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True), _printable),
    max_size=3,
    unique_by=lambda pair: pair[0],
).map(lambda pairs: [f"{key}={value}" for key, value in pairs])
command_lists = st.lists(_printable, max_size=3)
go_variables = st.sampled_from(
    ["main.version", "main.Commit", "example.com/acme/svc/internal/build.Version"]
)


def _enum(kind: type[Any]) -> st.SearchStrategy[str]:
    return st.sampled_from([member.value for member in kind])


OPTIONAL_CHOICES: dict[str, st.SearchStrategy[Any]] = {
    "module_path": module_paths,
    "go_version": go_versions,
    "port": st.integers(1, 65535),
    "builder": _enum(Builder),
    "base": _enum(Base).filter(lambda base: base != Base.GOLANG.value),
    "uid": st.integers(1, 2_147_483_647),
    "tzdata_source": _enum(TzdataSource),
    "private_auth": _enum(PrivateAuth),
    "goprivate": goprivates,
    "source_url": source_urls,
    "alpine_version": st.from_regex(r"3\.(1[5-9]|2[0-9])", fullmatch=True),
    "builder_image": image_refs,
    "runtime_image": image_refs,
    "timezone": timezones,
    "goproxy": goproxies,
    "gosumdb": gosumdbs,
    "apk_mirror": apk_mirrors,
    "ldflags": ldflags,
    "tags": build_tags,
    "platforms": platform_lists,
    "syntax_image": syntax_images,
    "lang": _enum(Lang),
    "cgo_link": _enum(CgoLink),
    "main_packages": main_package_lists,
    "module_dir": st.sampled_from([".", "api"]),
    "workspace_modules": workspace_lists,
    "healthcheck_path": st.sampled_from(["/healthz", "/-/ready?full=1"]),
    "cmd": command_lists,
    "env": env_lists,
    "version_var": go_variables,
    "commit_var": go_variables,
    "writable_dirs": st.lists(
        st.sampled_from(["/var/lib/app", "/data", "/srv/cache.d"]), max_size=2, unique=True
    ),
    "dockerignore_keep": st.lists(
        st.sampled_from(["static", "templates/*.html", "dist/assets"]), max_size=2, unique=True
    ),
    **{
        name: st.booleans()
        for name in (
            "git",
            "ca_certificates",
            "tzdata",
            "non_root",
            "passwd_entry",
            "writable_tmp",
            "strip",
            "trimpath",
            "cgo",
            "buildkit",
            "syntax_line",
            "cross_compile",
            "healthcheck",
            "version_stamp",
            "labels",
            "comments",
            "compose",
            "ci_workflow",
            "source_module",
            "one_image",
            "vendor",
            "listens",
        )
    },
}

#: Raw choices; many combinations are rightly rejected, so tests filter with `accepted`.
any_choices = st.fixed_dictionaries(
    {"app_name": app_names, "variant": _enum(Variant)}, optional=OPTIONAL_CHOICES
)
#: Any Go release of the modules era: render and init take them all (new's sample app needs
#: 1.22+), and a Dockerfile for an old Go must use no flag it lacks.
any_go_versions = st.from_regex(r"1\.(1[1-9]|[23][0-9])(\.(0|[1-9][0-9]?))?", fullmatch=True)
any_render_choices = st.fixed_dictionaries(
    {"app_name": app_names, "variant": _enum(Variant)},
    optional={**OPTIONAL_CHOICES, "go_version": any_go_versions},
)
