"""Does a program listen, and on which port? Read from literals in its source.

Evidence, from strongest: the default of a PORT-like environment variable, a flag default
(`flag.Int("port", 9000, ...)`), an address passed to a listen call
(`http.ListenAndServe(":8080", h)`, `net.Listen("tcp", ":8081")`), an `Addr:` field, a bare
":3000" literal, and a port-named value (`const defaultPort = 8080`). Only tokens are read,
so comments and the insides of other strings never count.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from scaffold_go_docker.detect.gosource import Header, Import
from scaffold_go_docker.detect.records import ListenCall, Origin, PortCandidate, PortSource
from scaffold_go_docker.detect.scanner import (
    COMMENT,
    IDENT,
    INT,
    OP,
    SEMI,
    STRING,
    Token,
    string_value,
)

#: Calls that open a listening socket whatever the receiver.
_LISTEN_CALLS = frozenset(
    {"ListenAndServe", "ListenAndServeTLS", "ListenTCP", "ListenUDP", "ListenPacket"}
)
#: Names that listen when the file uses the net packages or a server framework, or when
#: they are given an address literal.
_NET_CALLS = frozenset({"Listen", "Serve", "ServeTLS", "ListenTLS"})
#: Framework entry points (gin's Run, echo's Start, hertz's Spin): only with a framework
#: import or an address literal, since the names are common.
_FRAMEWORK_CALLS = frozenset({"Run", "RunTLS", "Start", "StartTLS", "Spin"})
_UDP_CALLS = frozenset({"ListenUDP", "ListenPacket"})
_NET_PACKAGES = frozenset({"net", "net/http", "crypto/tls"})
#: Modules whose servers are started by the calls above.
SERVER_FRAMEWORKS = (
    "github.com/gin-gonic/gin",
    "github.com/labstack/echo",
    "github.com/gofiber/fiber",
    "github.com/kataras/iris",
    "github.com/beego/beego",
    "github.com/cloudwego/hertz",
    "github.com/valyala/fasthttp",
    "google.golang.org/grpc",
)
#: flag / pflag definers: argument index of the name and of the default value.
_FLAG_DEFINERS = {
    **{name: (0, 1) for name in ("String", "Int", "Int64", "Uint", "Uint64")},
    **{name: (1, 2) for name in ("StringVar", "IntVar", "Int64Var", "UintVar", "Uint64Var")},
    **{name: (0, 2) for name in ("StringP", "IntP", "Int64P", "UintP", "Uint64P")},
    **{name: (1, 3) for name in ("StringVarP", "IntVarP", "Int64VarP", "UintVarP", "Uint64VarP")},
}
#: Packages whose definers above define flags; `zap.Int("port", 2)` is a log field.
_FLAG_PACKAGES = frozenset({"flag", "github.com/spf13/pflag"})
_ENV_READERS = frozenset({"Getenv", "LookupEnv"})
#: Words of a name (of a flag, environment variable, field or variable) for a listen address,
#: alone or after a qualifier ("httpPort", "web.listen-address", "LISTEN_ADDR")...
_LISTEN_WORDS = frozenset({"port", "addr", "address", "listen", "bind", "http", "https"})
_LISTEN_WORD = re.compile(
    r"(?:http|https|web|listen|bind|server|srv|api|grpc|metrics|admin|debug|health|app|"
    r"service|public|internal|local|tcp|udp)?(?:port|addr|address)"
)
#: ... unless a word says it is the address of something the program connects to.
_CLIENT_WORDS = frozenset(
    "db database sql postgres pg mysql redis mongo mongodb smtp mail upstream remote target "  # noqa: SIM905
    "backend proxy client peer kafka amqp nats dial broker endpoint url uri dsn".split()
)
_NAME_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_ADDR_FIELDS = frozenset({"Addr", "Address", "ListenAddr", "ListenAddress", "BindAddr", "HTTPAddr"})
_ADDRESS = re.compile(r"(\[[0-9A-Fa-f:.]*\]|[A-Za-z0-9.-]*):([0-9]{1,5})")
_WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "[::]"})


@dataclass
class ListenScan:
    """What one file says about listening."""

    calls: list[ListenCall]
    candidates: list[PortCandidate]


def _words(name: str) -> list[str]:
    """The words of a name: camelCase, snake_case, kebab-case and dotted parts."""
    return [word.lower() for word in _NAME_WORD.findall(name)]


def _is_client(name: str) -> bool:
    return any(word in _CLIENT_WORDS for word in _words(name))


def _listen_word(word: str) -> bool:
    return word in _LISTEN_WORDS or bool(_LISTEN_WORD.fullmatch(word))


def listens_name(name: str) -> bool:
    """Whether a name says it holds a listen address or port ("port", "httpAddr", ...).

    The last word decides ("web.listen-address", "http"; "port number" too): "http_version"
    and "listenTimeout" hold something else.
    """
    words = _words(name)
    if any(word in _CLIENT_WORDS for word in words):
        return False
    while len(words) > 1 and words[-1] in ("number", "num", "no"):
        words = words[:-1]
    return bool(words) and _listen_word(words[-1])


#: What a file must contain for scan_file to find anything in it but a port-named value,
#: whatever its imports: a call that always listens, an address literal, a flag definer given
#: a listen-like name, a listen-like environment name, an Addr field. Each is a quick search
#: for a literal start (several times faster than one alternation), then, for some, an
#: exact one where the quick one hits ("15:04:05" is no address).
_EVIDENCE: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = tuple(
    (re.compile(quick), None if exact is None else re.compile(exact))
    for quick, exact in (
        (r"ListenAndServe|ListenTCP|ListenUDP|ListenPacket", None),
        (r":[0-9]{1,5}[\"`]", r"[\"`](?:\[[0-9A-Fa-f:.]*\]|[A-Za-z0-9.-]*):[0-9]{1,5}[\"`]"),
        (
            r"\.(?:String|Int|Int64|Uint|Uint64)(?:Var)?P?\([^)]*?[\"`][^\"`\n]*"
            r"(?i:port|addr|listen|bind|http)",
            None,
        ),
        (r"\"[A-Z0-9_]*(?:PORT|ADDR|LISTEN|BIND|HTTP)[A-Z0-9_]*\"", None),
        (r"Addr(?:ess)?\s*[:=]", None),
    )
)
_NET_EVIDENCE = (re.compile(r"Listen(?:TLS)?\s*\("), re.compile(r"Serve(?:TLS)?\s*\("))
_FRAMEWORK_EVIDENCE = (
    re.compile(r"Run(?:TLS)?\s*\("),
    re.compile(r"Start(?:TLS)?\s*\("),
    re.compile(r"Spin\s*\("),
)


def may_listen(text: str, header: Header) -> bool:
    """A quick test on a file's text: False only if scan_file can find nothing in it but
    port-named values (which count only in packages that listen: see the detector)."""
    for quick, exact in _EVIDENCE:
        if quick.search(text) and (exact is None or exact.search(text)):
            return True
    net = any(evidence.search(text) for evidence in _NET_EVIDENCE)
    framework_call = any(evidence.search(text) for evidence in _FRAMEWORK_EVIDENCE)
    if not (net or framework_call):
        return False
    imported = {imported.path for imported in header.imports}
    framework = _uses_framework(imported)
    return (net and (framework or bool(imported & _NET_PACKAGES))) or (framework_call and framework)


def may_name_port(lowered_text: str) -> bool:
    """A quick test on a file's lower-cased text: may it name a port or address?"""
    return (
        lowered_text.count("port") > lowered_text.count("import")
        or "addr" in lowered_text
        or "listen" in lowered_text
        or "bind" in lowered_text
    )


def _uses_framework(imported: set[str]) -> bool:
    return any(
        path == framework or path.startswith(framework + "/")
        for path in imported
        for framework in SERVER_FRAMEWORKS
    )


def parse_port(token: Token) -> tuple[str, int] | None:
    """(host, port) of a literal that names a port or a host:port; None otherwise."""
    if token.kind == INT:
        text = token.text.replace("_", "")
        return ("", int(text)) if text.isdigit() and 0 < int(text) < 65536 else None
    if token.kind != STRING:
        return None
    value = string_value(token.text)
    if value is None:
        return None
    if value.isdigit():
        port = int(value)
        return ("", port) if 0 < port < 65536 else None
    match = _ADDRESS.fullmatch(value)
    if match is None:
        return None
    port = int(match.group(2))
    return (match.group(1), port) if 0 < port < 65536 else None


def scan_file(
    tokens: list[Token], header: Header, package: str, origin: Callable[[int], Origin]
) -> ListenScan:
    """Listen calls and port candidates in one file's tokens."""
    code = [token for token in tokens if token.kind != COMMENT]
    scan = _FileScan(code, header, package, origin)
    scan.run()
    return ListenScan(scan.calls, scan.candidates)


class _FileScan:
    def __init__(
        self, code: list[Token], header: Header, package: str, origin: Callable[[int], Origin]
    ) -> None:
        self.code = code
        self.package = package
        self.origin = origin
        imported = {imported.path for imported in header.imports}
        #: Names of imported packages that define no flags (`zap`, `strconv`, ...).
        self.other_packages = {
            _package_name(each) for each in header.imports if each.path not in _FLAG_PACKAGES
        }
        self.uses_net = bool(imported & _NET_PACKAGES)
        self.uses_framework = _uses_framework(imported)
        self.calls: list[ListenCall] = []
        self.candidates: list[PortCandidate] = []
        #: Literal tokens already taken as a candidate (by position).
        self.used: set[int] = set()

    def add(
        self, index: int, source: PortSource, protocol: str = "tcp", loose: bool = False
    ) -> None:
        """A candidate from the literal at `index`, unless already taken. `loose` sources
        (bare literals) take only ports with no host or a wildcard host."""
        if index in self.used or index >= len(self.code):
            return
        token = self.code[index]
        parsed = parse_port(token)
        if parsed is None:
            return
        host, port = parsed
        if loose and host not in _WILDCARD_HOSTS:
            return
        if loose and token.kind == STRING and ":" not in (string_value(token.text) or ""):
            return  # "8080" alone is a port only where a name or a call says so
        self.used.add(index)
        self.candidates.append(
            PortCandidate(
                port, host, protocol, token.text, source, self.package, self.origin(token.line)
            )
        )

    def run(self) -> None:
        code = self.code
        for index, token in enumerate(code):
            if token.kind == IDENT and index + 1 < len(code) and code[index + 1].text == "(":
                self.call(index)
        for index, token in enumerate(code):
            if token.kind == IDENT and index + 1 < len(code):
                self.named_value(index)
        for index, token in enumerate(code):
            if token.kind == STRING:
                self.add(index, PortSource.ADDRESS_LITERAL, loose=True)

    def call(self, index: int) -> None:
        code = self.code
        name = code[index].text
        qualified = name
        if index >= 2 and code[index - 1].text == "." and code[index - 2].kind == IDENT:
            qualified = f"{code[index - 2].text}.{name}"
        args = _arguments(code, index + 1)
        literal_args = [arg[0] for arg in args if len(arg) == 1]
        has_address = any(_is_address(code[position]) for position in literal_args)
        listens = (
            name in _LISTEN_CALLS
            or (name in _NET_CALLS and (self.uses_net or self.uses_framework or has_address))
            or (name in _FRAMEWORK_CALLS and (self.uses_framework or has_address))
        )
        if listens:
            self.calls.append(ListenCall(qualified, self.package, self.origin(code[index].line)))
            protocol = "udp" if name in _UDP_CALLS else "tcp"
            for position in literal_args:
                value = string_value(code[position].text) if code[position].kind == STRING else None
                if value is not None and value.startswith("udp"):
                    protocol = "udp"
            for position in literal_args:
                if code[position].kind == STRING:
                    self.add(position, PortSource.LISTEN_CALL, protocol)
            return
        if name in _FLAG_DEFINERS:
            if qualified != name and code[index - 2].text in self.other_packages:
                return  # zap.Int, strconv... : not a flag set
            name_at, value_at = _FLAG_DEFINERS[name]
            if len(args) > value_at and len(args[name_at]) == 1 and len(args[value_at]) == 1:
                flag = (
                    string_value(code[args[name_at][0]].text)
                    if code[args[name_at][0]].kind == STRING
                    else None
                )
                if flag is not None and listens_name(flag):
                    self.add(args[value_at][0], PortSource.FLAG_DEFAULT)
            return
        if name in _ENV_READERS and len(args) == 1 and len(args[0]) == 1:
            self.env_read(index, args[0][0])
            return
        # A helper such as getenv("PORT", "8080"): an environment name, then a default.
        if len(args) >= 2 and len(args[0]) == 1 and code[args[0][0]].kind == STRING:
            variable = string_value(code[args[0][0]].text) or ""
            if _is_env_name(variable) and len(args[1]) == 1:
                self.add(args[1][0], PortSource.ENV_DEFAULT)

    def env_read(self, index: int, name_index: int) -> None:
        """os.Getenv("PORT"): the default is a literal beside it in an enclosing call
        (cmp.Or), or what the variable it was stored in is set to when it is empty."""
        code = self.code
        variable = string_value(code[name_index].text) if code[name_index].kind == STRING else None
        if variable is None or not _is_env_name(variable):
            return
        start = index - 2 if index >= 2 and code[index - 1].text == "." else index
        # cmp.Or(os.Getenv("PORT"), "8080") and the like.
        enclosing = _enclosing_call_arguments(code, start)
        if enclosing is not None:
            for arg in enclosing:
                if len(arg) == 1 and arg[0] > index:
                    self.add(arg[0], PortSource.ENV_DEFAULT)
            return
        # port := os.Getenv("PORT") ... port = "8080"
        target = _assigned_name(code, start)
        if target is None:
            return
        depth = 0
        for position in range(_statement_end(code, index), min(len(code), index + 400)):
            token = code[position]
            if token.text in "({[" and token.kind == OP:
                depth += 1
            elif token.text in ")}]" and token.kind == OP:
                depth -= 1
                if depth < 0:
                    return  # the end of the function or block that declared it
            elif (
                token.kind == IDENT
                and token.text == target
                and position + 2 < len(code)
                and code[position + 1].text == "="
                and (position + 3 >= len(code) or code[position + 3].kind == SEMI)
            ):
                self.add(position + 2, PortSource.ENV_DEFAULT)

    def named_value(self, index: int) -> None:
        """`Addr: ":9000"` and `srv.Addr = ":9000"` (of a server), `port := "8080"`,
        `const defaultPort = 8080`."""
        code = self.code
        name = code[index].text
        following = code[index + 1].text
        if following not in {":", "=", ":="} or index + 2 >= len(code):
            return
        value_index = index + 2
        if value_index + 1 < len(code) and code[value_index + 1].text not in {
            ",",
            "}",
            ";",
            "\n",
            ")",
        }:
            return  # the value is an expression, not a lone literal
        if name in _ADDR_FIELDS:
            if following == ":" and _in_composite(code, index):
                owner = _composite_type(code, index)
            elif following == "=" and index >= 2 and code[index - 1].text == ".":
                owner = code[index - 2].text
            else:
                return
            # The Addr of a server is its listen address; of anything else (redis.Options,
            # a client config) only when it names no host.
            trusted = "server" in owner.lower() or "listen" in owner.lower()
            if not _is_client(owner):
                self.add(value_index, PortSource.ADDR_FIELD, loose=not trusted)
        elif (
            following in {"=", ":="}
            and listens_name(name)
            and (index == 0 or code[index - 1].text != ".")
        ):
            self.add(value_index, PortSource.PORT_VALUE)


def _package_name(imported: Import) -> str:
    """The name a file calls an imported package by: its alias, else (as Go's own name is
    not in the import) the path's last element without a major version (`.../v2`, `.v3`)."""
    if imported.name not in (None, "_", "."):
        return str(imported.name)
    parts = imported.path.split("/")
    last = parts[-2] if len(parts) > 1 and re.fullmatch(r"v[0-9]+", parts[-1]) else parts[-1]
    return re.sub(r"\.v[0-9]+$", "", last).replace("-", "_")


def _is_env_name(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z0-9_]+", name)) and listens_name(name)


def _arguments(code: list[Token], open_index: int) -> list[list[int]]:
    """The token positions of each argument of the call whose "(" is at open_index."""
    args: list[list[int]] = [[]]
    depth = 0
    for position in range(open_index, len(code)):
        token = code[position]
        if token.kind == OP and token.text in "([{":
            depth += 1
            if depth == 1:
                continue
        elif token.kind == OP and token.text in ")]}":
            depth -= 1
            if depth == 0:
                break
        if depth == 1 and token.kind == OP and token.text == ",":
            args.append([])
        elif depth == 1 and token.kind == SEMI:
            continue  # a newline after a trailing comma
        else:
            args[-1].append(position)
    return [arg for arg in args if arg]


def _enclosing_call_arguments(code: list[Token], start: int) -> list[list[int]] | None:
    """If the expression at `start` is an argument of a call, that call's arguments."""
    depth = 0
    for position in range(start - 1, max(start - 200, -1), -1):
        token = code[position]
        if token.kind == OP and token.text in ")]}":
            depth += 1
        elif token.kind == OP and token.text in "([{":
            if depth == 0:
                if token.text == "(" and position > 0 and code[position - 1].kind == IDENT:
                    return _arguments(code, position)
                return None
            depth -= 1
        elif token.kind == SEMI and depth == 0:
            return None
    return None


def _assigned_name(code: list[Token], start: int) -> str | None:
    """`name := <start>` or `name = <start>` (or `name, ok := ...`): the name."""
    if start < 2 or code[start - 1].text not in {":=", "="}:
        return None
    if start >= 4 and code[start - 3].text == "," and code[start - 4].kind == IDENT:
        return code[start - 4].text  # value, ok := os.LookupEnv(...)
    if code[start - 2].kind == IDENT:
        return code[start - 2].text
    return None


def _statement_end(code: list[Token], index: int) -> int:
    for position in range(index, len(code)):
        if code[position].kind == SEMI:
            return position + 1
    return len(code)


def _in_composite(code: list[Token], index: int) -> bool:
    """Whether `name:` at index is a key in a composite literal (after "{" or ",")."""
    return index > 0 and code[index - 1].text in {"{", ","}


def _composite_type(code: list[Token], index: int) -> str:
    """The type of the composite literal whose key is at `index` ("http.Server"), or ""."""
    depth = 0
    for position in range(index - 1, max(index - 2000, -1), -1):
        token = code[position]
        if token.kind != OP:
            continue
        if token.text in ")]}":
            depth += 1
        elif token.text in "([{":
            if depth == 0:
                if token.text != "{":
                    return ""
                parts: list[str] = []
                before = position - 1
                while before >= 0 and (code[before].kind == IDENT or code[before].text == "."):
                    parts.append(code[before].text)
                    before -= 1
                return "".join(reversed(parts))
            depth -= 1
    return ""


def _is_address(token: Token) -> bool:
    value = string_value(token.text) if token.kind == STRING else None
    return value is not None and _ADDRESS.fullmatch(value) is not None
