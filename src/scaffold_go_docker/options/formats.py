"""The accepted forms of text options: each validator beside the sentence that describes it.

Every string that reaches a template passes one of these, so no option can inject a
Dockerfile instruction, a shell command or a YAML structure.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from collections.abc import Callable, Iterable
from typing import Annotated, NamedTuple, get_args

from pydantic import AfterValidator, BeforeValidator

from scaffold_go_docker.errors import excerpt
from scaffold_go_docker.facts.base_images import parse_image_ref
from scaffold_go_docker.options import versions
from scaffold_go_docker.options.naming import flag, negated_flag

# Patterns, compiled on first use by re's own cache: a run pays only for those it checks.
_APP_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_PATH_ELEMENT = r"[A-Za-z0-9._~-]+"
_GO_VERSION = r"1\.(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2}))?"
_ALPINE_VERSION = r"3\.[0-9]{1,3}"
_GOPRIVATE = r"[A-Za-z0-9._~*?/\[\]-]+(,[A-Za-z0-9._~*?/\[\]-]+)*"
# No `$`: the URL lands in a LABEL, where the Dockerfile would expand it as a variable.
_URL = r"https?://[A-Za-z0-9._~:/?#@!&()*+,;=%-]+"

MAX_APP_NAME = 64
MAX_MODULE_PATH = 255
MAX_IMAGE_REF = 255
#: The longest comma-separated list (GOPRIVATE patterns, GOPROXY URLs, build tags, platforms).
MAX_LIST = 1024


def check_app_name(value: str) -> str:
    """The app name's own validation (the CLI checks it before anything else)."""
    return APP_NAME.check(value)


def _check_app_name(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    if not re.fullmatch(_APP_NAME, value) or ".." in value or value.endswith("."):
        raise ValueError(
            f"{excerpt(value)} is not usable as a directory and Go module path element: "
            "use letters, digits, '.', '_' and '-', starting with a letter or digit"
        )
    return value


def _check_module_path(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    for element in value.split("/"):
        if (
            not re.fullmatch(_PATH_ELEMENT, element)
            or element.startswith(".")
            or element.endswith(".")
            or ".." in element
        ):
            raise ValueError(
                f"{excerpt(value)} is not a Go module path: each '/'-separated element uses "
                "letters, digits, '.', '_', '~' and '-', and neither starts nor ends with '.'"
            )
    problem = _go_refuses(value)
    if problem:
        raise ValueError(f"{excerpt(value)} is not a module path Go can build: {problem}")
    return value


def _go_refuses(path: str) -> str | None:
    """Why the go command refuses `path` as a module's path, for a path of valid elements."""
    from scaffold_go_docker.facts import go
    from scaffold_go_docker.facts.go_std import STANDARD_PACKAGES

    if path in go.RESERVED_MODULE_PATHS:
        return "the go command reserves the name"
    if path in STANDARD_PACKAGES:
        return "a standard library package has that path"
    for element in path.split("/"):
        if element[0] in "-~":
            return f"the element {excerpt(element)} starts with {element[0]!r}"
        if re.fullmatch(go.WINDOWS_RESERVED_ELEMENT, element):
            return f"the element {excerpt(element)} is a Windows device name"
        if re.fullmatch(go.SHORT_NAME_ELEMENT, element):
            return f"the element {excerpt(element)} ends in '~' and digits"
    return None


def _check_go_version(value: str) -> str:
    match = re.fullmatch(_GO_VERSION, value)
    if not match:
        raise ValueError(f"{excerpt(value)} is not a Go release: write 1.N or 1.N.P, e.g. 1.27")
    return value


def minor_of(version: str) -> int:
    """`1.27.3` → 27; `3.24` → 24."""
    return int(version.split(".")[1])


def _check_alpine_version(value: str) -> str:
    if not re.fullmatch(_ALPINE_VERSION, value):
        raise ValueError(f"{excerpt(value)} is not an Alpine minor release: write 3.N, e.g. 3.24")
    return value


def _check_image_ref(value: str) -> str:
    reference = parse_image_ref(value)
    if reference is None or value != value.strip():
        raise ValueError(f"{excerpt(value)} is not an image reference like registry/name:tag")
    if not reference.tag and not reference.digest:
        raise ValueError(
            f"{excerpt(value)} has no tag: pin a version, e.g. name:1.2 (hadolint DL3006)"
        )
    if reference.tag == "latest" and not reference.digest:
        raise ValueError(f"{excerpt(value)} uses :latest: pin a version instead (hadolint DL3007)")
    return value


def _check_goprivate(value: str) -> str:
    if not re.fullmatch(_GOPRIVATE, value):
        raise ValueError(
            f"{excerpt(value)} is not a GOPRIVATE list: comma-separated module path patterns, "
            "e.g. github.com/acme/*"
        )
    return value


def _check_url(value: str) -> str:
    if not re.fullmatch(_URL, value):
        raise ValueError(f"{excerpt(value)} is not an http(s) URL")
    return value


class TextFormat(NamedTuple):
    """A text option's validator, its longest value, and the sentence the reference gives
    for it. `check` refuses a value over `max_length` before it looks at its form, so no
    pattern runs over megabytes and no message quotes them."""

    form: Callable[[str], str]
    about: str
    max_length: int

    def check(self, value: str) -> str:
        if len(value) > self.max_length:
            raise ValueError(f"{excerpt(value)} is too long: at most {self.max_length} characters")
        return self.form(value)

    @property
    def described(self) -> str:
        return f"{self.about}; at most {self.max_length} characters"


APP_NAME = TextFormat(
    _check_app_name,
    "letters, digits, `.`, `_`, `-`; starts with a letter or digit, no `..`, does not end with `.`",
    MAX_APP_NAME,
)
MODULE_PATH = TextFormat(
    _check_module_path,
    "a Go module path: `/`-separated elements of letters, digits, `.`, `_`, `~`, `-`, each "
    "starting with a letter, digit or `_`, none ending with `.` or `~` and digits, none a "
    "Windows device name (`con`, `aux`, `nul`, `lpt1`, ...); not a standard library package's "
    "path (`fmt`, `net/http`) nor one the go command reserves (`go`, `std`, `cmd`, `all`, "
    "`tool`, `work`, `toolchain`, `C`)",
    MAX_MODULE_PATH,
)
GO_VERSION = TextFormat(
    _check_go_version,
    f"`1.N` or `1.N.P`; `new` writes a sample app that needs at least `1.{versions.MIN_GO_MINOR}`",
    16,
)
ALPINE_VERSION = TextFormat(_check_alpine_version, "an Alpine minor release, `3.N`", 8)
IMAGE_REF = TextFormat(
    _check_image_ref,
    "an image reference `[registry/]name:tag` or `...@sha256:...`; a tag or digest is "
    "required and `:latest` is refused",
    MAX_IMAGE_REF,
)
GOPRIVATE = TextFormat(
    _check_goprivate,
    "comma-separated module path patterns, e.g. `github.com/acme/*,gitlab.acme.io`",
    MAX_LIST,
)
URL = TextFormat(_check_url, "an `http://` or `https://` URL", MAX_MODULE_PATH)


# Each TextFormat rides along as metadata, so the reference finds every field's sentence.
AppName = Annotated[str, AfterValidator(APP_NAME.check), APP_NAME]
ModulePath = Annotated[str, AfterValidator(MODULE_PATH.check), MODULE_PATH]
GoVersion = Annotated[str, AfterValidator(GO_VERSION.check), GO_VERSION]
AlpineVersion = Annotated[str, AfterValidator(ALPINE_VERSION.check), ALPINE_VERSION]
ImageRef = Annotated[str, AfterValidator(IMAGE_REF.check), IMAGE_REF]
GoPrivate = Annotated[str, AfterValidator(GOPRIVATE.check), GOPRIVATE]
Url = Annotated[str, AfterValidator(URL.check), URL]


def text_format(annotation: object, metadata: Iterable[object] = ()) -> TextFormat | None:
    """The TextFormat a field's annotation carries (also inside `X | None`), if any."""
    for item in (*metadata, *get_args(annotation)):
        if isinstance(item, TextFormat):
            return item
        found = text_format(item) if get_args(item) else None
        if found:
            return found
    return None


# Linker flags the tool can quote safely inside its one -ldflags="..." argument: bare tokens,
# or a single-quoted `name=value` after -X (which may refer to build args as ${NAME}).
_LDFLAG_TOKEN = r"[A-Za-z0-9_./=:,+@-]+"
_LDFLAG_QUOTED = r"'(?:[A-Za-z0-9 _./=:,+@%-]|\$\{[A-Za-z_][A-Za-z0-9_]*\})*'"
MAX_LDFLAGS = 1024
#: Linker flags the tool writes itself, and the option that controls each.
TOOL_LDFLAGS = {"-s": "strip", "-w": "strip"}


def ldflag_tokens(value: str) -> list[str]:
    """`value` split into linker arguments as Go's flag parser splits -ldflags."""
    return re.findall(rf"{_LDFLAG_QUOTED}|{_LDFLAG_TOKEN}", value)


def _check_ldflags(value: str) -> str:
    words = re.fullmatch(rf" *(?:(?:{_LDFLAG_QUOTED}|{_LDFLAG_TOKEN}) *)+", value)
    if not words:
        raise ValueError(
            f"{excerpt(value)} is not a list of linker flags the Dockerfile can quote: use "
            "letters, digits and -_./=:,+@, and single quotes around an -X name=value with spaces"
        )
    tokens = ldflag_tokens(value)
    for index, token in enumerate(tokens):
        if token in TOOL_LDFLAGS:
            raise ValueError(
                f"{token} is written by the tool: {flag(TOOL_LDFLAGS[token])} / "
                f"{negated_flag(TOOL_LDFLAGS[token])} controls it"
            )
        after_x = index > 0 and tokens[index - 1] == "-X"
        if token.startswith("'") and not after_x:
            raise ValueError(f"{token} is quoted: only the name=value after -X may be")
        if after_x and "=" not in token:
            raise ValueError(f"-X {token}: write -X importpath.name=value")
    if tokens[-1] == "-X":
        raise ValueError("-X needs importpath.name=value after it")
    return value


def stamped_names(value: str) -> list[str]:
    """The variables `-X name=value` flags in `value` set, e.g. ["main.version"]."""
    tokens = ldflag_tokens(value)
    return [
        token.strip("'").split("=", 1)[0]
        for previous, token in itertools.pairwise(tokens)
        if previous == "-X"
    ]


_TAG = r"[A-Za-z0-9_.]+"


def _check_tags(value: str) -> str:
    if not re.fullmatch(rf"{_TAG}(,{_TAG})*", value):
        raise ValueError(
            f"{excerpt(value)} is not a list of build tags: comma-separated names of letters, "
            "digits, '_' and '.', e.g. netgo,osusergo"
        )
    if len(set(value.split(","))) != value.count(",") + 1:
        raise ValueError(f"{excerpt(value)} names a tag twice")
    return value


def split_list(value: str | None) -> tuple[str, ...]:
    """A comma-separated option as its entries."""
    return tuple(value.split(",")) if value else ()


LINKER_FLAGS = TextFormat(
    _check_ldflags,
    "linker flags separated by spaces: tokens of letters, digits and `-_./=:,+@`; after `-X` "
    'a `name=value` may be single-quoted (spaces, `%`, `${NAME}` build args inside); no `"`, '
    "`\\`, `$(`, backquote, `;`, `&`, `|` or newline; `-s`/`-w` are refused (they are "
    "`strip`'s)",
    MAX_LDFLAGS,
)
BUILD_TAGS = TextFormat(_check_tags, "comma-separated build tags, e.g. `netgo,osusergo`", MAX_LIST)
LinkerFlags = Annotated[str, AfterValidator(LINKER_FLAGS.check), LINKER_FLAGS]
BuildTags = Annotated[str, AfterValidator(BUILD_TAGS.check), BUILD_TAGS]


_ZONE = r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*"


@functools.cache
def _zones() -> frozenset[str]:
    import zoneinfo  # only a run given a time zone pays for the scan

    return frozenset(zoneinfo.available_timezones())


def _check_timezone(value: str) -> str:
    if not re.fullmatch(_ZONE, value):
        raise ValueError(f"{excerpt(value)} is not a time-zone name like Asia/Shanghai")
    if value not in _zones():
        close = difflib.get_close_matches(value, _zones(), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise ValueError(f"{excerpt(value)} is not an IANA time zone{hint}")
    return value


# A GOPROXY list: URLs, `direct` or `off`, separated by `,` (next on 404/410) or `|` (next
# on any error). No `$`, quotes or spaces: the value lands in an ARG line.
_PROXY = rf"(?:direct|off|{_URL})"


def _check_goproxy(value: str) -> str:
    if not re.fullmatch(rf"{_PROXY}(?:[,|]{_PROXY})*", value):
        raise ValueError(
            f"{excerpt(value)} is not a GOPROXY list: http(s) URLs, direct or off, separated by "
            "',' or '|', e.g. https://goproxy.cn,direct"
        )
    return value


_HOST = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*"


def _check_gosumdb(value: str) -> str:
    # off; a database name (a host), optionally +hash+key; optionally its URL after a space.
    form = rf"off|{_HOST}(?:\+[0-9a-f]{{8}}\+[A-Za-z0-9+/=]+)?(?: {_URL})?"
    if not re.fullmatch(form, value):
        raise ValueError(
            f"{excerpt(value)} is not a GOSUMDB value: off, or a checksum database name such as "
            "sum.golang.google.cn (with +hash+key and a URL after a space if it needs them)"
        )
    return value


def _check_host(value: str) -> str:
    if not re.fullmatch(rf"{_HOST}(?::[0-9]{{1,5}})?", value):
        raise ValueError(
            f"{excerpt(value)} is not a host name: write it without scheme or path, e.g. "
            "mirrors.aliyun.com"
        )
    return value


TIMEZONE = TextFormat(_check_timezone, "an IANA time-zone name, e.g. `Asia/Shanghai`, `UTC`", 64)
GOPROXY = TextFormat(
    _check_goproxy,
    "http(s) URLs, `direct` or `off`, separated by `,` or `|`, e.g. `https://goproxy.cn,direct`",
    MAX_LIST,
)
GOSUMDB = TextFormat(
    _check_gosumdb,
    "`off`, or a checksum database name such as `sum.golang.google.cn` (optionally "
    "`+hash+key`, and its URL after a space)",
    MAX_MODULE_PATH,
)
HOST_NAME = TextFormat(_check_host, "a host name (optionally `:port`), no scheme or path", 253)
TimeZone = Annotated[str, AfterValidator(TIMEZONE.check), TIMEZONE]
GoProxy = Annotated[str, AfterValidator(GOPROXY.check), GOPROXY]
GoSumDb = Annotated[str, AfterValidator(GOSUMDB.check), GOSUMDB]
HostName = Annotated[str, AfterValidator(HOST_NAME.check), HOST_NAME]


# Lists: a tuple option takes a list (config file, answers file) or, as text (a flag, an
# environment variable), one entry per flag given or comma-separated entries; a command
# line is one text split like a shell.


def _comma_split(value: object) -> object:
    if isinstance(value, str):
        return tuple(entry for entry in value.split(",") if entry) if value else ()
    return tuple(value) if isinstance(value, list) else value  # strict mode takes no list


def _shell_split(value: object) -> object:
    if isinstance(value, str):
        import shlex

        try:
            return tuple(shlex.split(value))
        except ValueError as error:
            raise ValueError(f"{value!r} cannot be split like a shell: {error}") from None
    return tuple(value) if isinstance(value, list) else value


def _unique(value: tuple[str, ...]) -> tuple[str, ...]:
    seen = [entry for index, entry in enumerate(value) if entry in value[:index]]
    if seen:
        raise ValueError(f"{seen[0]!r} is listed twice")
    return value


_ELEMENT = r"[A-Za-z0-9_~+@-][A-Za-z0-9._~+@-]*"
MAX_PATH = 255
#: The longest ENV entry or CMD argument.
MAX_WORD = 4096


def _check_package_path(value: str) -> str:
    if len(value) > MAX_PATH or not (
        value == "." or re.fullmatch(rf"\./{_ELEMENT}(/{_ELEMENT})*", value)
    ):
        raise ValueError(
            f"{value!r} is not a main package path: write . or ./dir/sub (e.g. ./cmd/api), "
            "relative to the module, without .. or a trailing /"
        )
    return value


def _check_relative_dir(value: str) -> str:
    if len(value) > MAX_PATH or not (
        value == "." or re.fullmatch(rf"{_ELEMENT}(/{_ELEMENT})*", value)
    ):
        raise ValueError(
            f"{value!r} is not a directory relative to the build context: write . or dir/sub, "
            "without ./, .. or a trailing /"
        )
    return value


#: An environment variable's name, and a Go identifier (ASCII): the same form.
_IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"


def _check_env_entry(value: str) -> str:
    key, equals, text = value.partition("=")
    if not equals or not re.fullmatch(_IDENTIFIER, key):
        raise ValueError(
            f"{value!r} is not KEY=VALUE with a KEY of letters, digits and '_' (not first a digit)"
        )
    if len(value) > MAX_WORD or not text.isprintable():
        raise ValueError(f"{value!r}: the value must be printable text on one line")
    if text.endswith("\\") or '\\"' in text:
        # BuildKit reads the escaped form, hadolint does not (`"...\\\\"` is an error to it).
        raise ValueError(f'{value!r}: a backslash may not end the value or come before a "')
    return value


def env_key(entry: str) -> str:
    """`KEY=VALUE` → `KEY`."""
    return entry.split("=", 1)[0]


def _check_env_list(value: tuple[str, ...]) -> tuple[str, ...]:
    keys = [env_key(entry) for entry in value]
    twice = [key for index, key in enumerate(keys) if key in keys[:index]]
    if twice:
        raise ValueError(f"{twice[0]} is set twice")
    return value


def _check_absolute_dir(value: str) -> str:
    if len(value) > MAX_PATH or value == "/" or not re.fullmatch(rf"(/{_ELEMENT})+", value):
        raise ValueError(
            f"{value!r} is not a clean absolute directory like /var/lib/app: no ., .., //, "
            "trailing / or spaces"
        )
    return value


def _check_go_variable(value: str) -> str:
    package, dot, name = value.rpartition(".")
    if (
        not dot
        or not re.fullmatch(_IDENTIFIER, name)
        or len(value) > MAX_PATH
        or not (package == "main" or re.fullmatch(rf"{_ELEMENT}(/{_ELEMENT})*", package))
    ):
        raise ValueError(
            f"{value!r} is not a Go -X target: write importpath.name, e.g. main.version or "
            "example.com/m/internal/build.Version"
        )
    return value


_HTTP_PATH = r"/[A-Za-z0-9._~!&()*+,;=:@%/?-]*"


def _check_http_path(value: str) -> str:
    if len(value) > MAX_PATH or not re.fullmatch(_HTTP_PATH, value):
        raise ValueError(
            f"{value!r} is not an HTTP path: start with / and use URL characters, e.g. /healthz"
        )
    return value


def _check_command_word(value: str) -> str:
    if len(value) > 4096 or not value.isprintable():
        raise ValueError(f"{value!r}: an argument must be printable text on one line")
    return value


_KEEP = r"[A-Za-z0-9_~+@*?\[\]-][A-Za-z0-9._~+@*?\[\]-]*"


def _check_context_path(value: str) -> str:
    if len(value) > MAX_PATH or not re.fullmatch(rf"{_KEEP}(/{_KEEP})*", value):
        raise ValueError(
            f"{value!r} is not a path in the build context: dir/file or a glob like "
            "templates/*.html, without ./, .., a leading / or spaces"
        )
    return value


PACKAGE_PATH = TextFormat(
    _check_package_path,
    "a main package path relative to the module: `.` or `./dir/sub` (e.g. `./cmd/api`); "
    "its last element names the binary",
    MAX_PATH,
)
RELATIVE_DIR = TextFormat(
    _check_relative_dir,
    "a directory relative to the build context: `.` or `dir/sub`, no `./`, `..` or trailing `/`",
    MAX_PATH,
)
ENV_ENTRY = TextFormat(
    _check_env_entry,
    "`KEY=VALUE`: a KEY of letters, digits and `_` (not first a digit), a value of printable "
    "characters (quoted in the Dockerfile: nothing in it is expanded) in which no backslash "
    'ends the value or comes before a `"`',
    MAX_WORD,
)
ABSOLUTE_DIR = TextFormat(
    _check_absolute_dir, "a clean absolute directory such as `/var/lib/app`", MAX_PATH
)
GO_VARIABLE = TextFormat(
    _check_go_variable,
    "a Go `-X` target `importpath.name`, e.g. `main.version` or "
    "`example.com/m/internal/build.Version`",
    MAX_PATH,
)
HTTP_PATH = TextFormat(
    _check_http_path, "an HTTP path starting with `/`, e.g. `/healthz`", MAX_PATH
)
COMMAND_WORD = TextFormat(
    _check_command_word,
    "arguments of printable characters, split like a shell from one text "
    "(`serve -addr=:8080`), or a list",
    MAX_WORD,
)
CONTEXT_PATH = TextFormat(
    _check_context_path,
    "a path or glob in the build context (`static`, `templates/*.html`), no `./` or `..`",
    MAX_PATH,
)

PackagePath = Annotated[str, AfterValidator(PACKAGE_PATH.check), PACKAGE_PATH]
RelativeDir = Annotated[str, AfterValidator(RELATIVE_DIR.check), RELATIVE_DIR]
EnvEntry = Annotated[str, AfterValidator(ENV_ENTRY.check), ENV_ENTRY]
AbsoluteDir = Annotated[str, AfterValidator(ABSOLUTE_DIR.check), ABSOLUTE_DIR]
GoVariable = Annotated[str, AfterValidator(GO_VARIABLE.check), GO_VARIABLE]
HttpPath = Annotated[str, AfterValidator(HTTP_PATH.check), HTTP_PATH]
CommandWord = Annotated[str, AfterValidator(COMMAND_WORD.check), COMMAND_WORD]
ContextPath = Annotated[str, AfterValidator(CONTEXT_PATH.check), CONTEXT_PATH]


class ListForm(NamedTuple):
    """How a list option is written as text: `repeat`s its flag (entries also
    comma-separated in its variable), or is one text split like a shell."""

    repeat: bool
    described: str


COMMA_LIST = ListForm(
    True,
    "repeat the flag for each entry; in the environment variable, separate entries with `,`",
)
SHELL_WORDS = ListForm(False, "one text split like a shell: `'serve --addr :8080'`")

PackagePaths = Annotated[
    tuple[PackagePath, ...],
    BeforeValidator(_comma_split),
    AfterValidator(_unique),
    COMMA_LIST,
]
RelativeDirs = Annotated[
    tuple[RelativeDir, ...], BeforeValidator(_comma_split), AfterValidator(_unique), COMMA_LIST
]
EnvEntries = Annotated[
    tuple[EnvEntry, ...], BeforeValidator(_comma_split), AfterValidator(_check_env_list), COMMA_LIST
]
AbsoluteDirs = Annotated[
    tuple[AbsoluteDir, ...], BeforeValidator(_comma_split), AfterValidator(_unique), COMMA_LIST
]
ContextPaths = Annotated[
    tuple[ContextPath, ...], BeforeValidator(_comma_split), AfterValidator(_unique), COMMA_LIST
]
CommandWords = Annotated[tuple[CommandWord, ...], BeforeValidator(_shell_split), SHELL_WORDS]


def list_form(metadata: Iterable[object]) -> ListForm | None:
    """The ListForm a list field's metadata carries, if any."""
    return next((item for item in metadata if isinstance(item, ListForm)), None)
