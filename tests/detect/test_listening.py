"""Whether a program listens, and the port candidates with their origins and best guess."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaffold_go_docker.detect import MainFacts, Origin, PortSource, detect
from scaffold_go_docker.detect.gosource import GoSyntaxError, read_declarations, read_header
from scaffold_go_docker.detect.listening import listens_name, may_listen, may_name_port, scan_file
from scaffold_go_docker.detect.scanner import ScanError, tokenize
from scaffold_go_docker.detect.versionvars import is_version_name, may_declare_version

from .conftest import FIXTURES, WriteModule

GO_MOD = "module example.com/app\n\ngo 1.22\n"


def facts(write_module: WriteModule, main_body: str, imports: str, **files: str) -> MainFacts:
    """The facts of a root main package: `func main() { main_body }` with the imports."""
    main = f"package main\n\nimport (\n{imports}\n)\n\nfunc main() {{\n{main_body}\n}}\n"
    root = write_module({"go.mod": GO_MOD, "main.go": main, **files})
    return detect(root).for_main(".")


def ports(facts: MainFacts) -> list[tuple[int, str, str]]:
    return [(p.port, p.source.name, str(p.origin)) for p in facts.ports]


# -- the fixtures, one program per way of naming a port ---------------------------------------


@pytest.mark.parametrize(
    ("package", "port", "host", "source", "origin"),
    [
        ("./cmd/flagint", 9000, "", PortSource.FLAG_DEFAULT, "cmd/flagint/main.go:12"),
        ("./cmd/flagstring", 5678, "", PortSource.FLAG_DEFAULT, "cmd/flagstring/main.go:12"),
        ("./cmd/flagvar", 8080, "", PortSource.FLAG_DEFAULT, "cmd/flagvar/main.go:13"),
        ("./cmd/loopback", 8081, "127.0.0.1", PortSource.FLAG_DEFAULT, "cmd/loopback/main.go:11"),
        ("./cmd/netlisten", 8082, "", PortSource.LISTEN_CALL, "cmd/netlisten/main.go:10"),
        ("./cmd/envport", 3000, "", PortSource.ENV_DEFAULT, "cmd/envport/main.go:12"),
    ],
)
def test_each_way_of_naming_a_port_is_read_with_its_origin(
    package: str, port: int, host: str, source: PortSource, origin: str
) -> None:
    best = detect(FIXTURES / "ports").for_main(package).port
    assert best is not None
    assert (best.port, best.host, best.source, str(best.origin)) == (port, host, source, origin)


def test_a_flag_for_a_timeout_is_not_a_port() -> None:
    facts = detect(FIXTURES / "ports").for_main("./cmd/flagstring")
    assert [p.port for p in facts.ports] == [5678]


def test_a_cli_that_only_calls_out_listens_on_nothing() -> None:
    facts = detect(FIXTURES / "ports").for_main("./cmd/cli")
    assert (facts.listens, facts.ports, facts.port) == (False, (), None)


def test_a_worker_listens_on_nothing_while_its_sibling_server_does() -> None:
    detection = detect(FIXTURES / "cmdlayout")
    assert not detection.for_main("./cmd/worker").listens
    api = detection.for_main("./cmd/api")
    assert api.listens
    assert api.port is not None
    assert (api.port.port, api.port.source, str(api.port.origin)) == (
        9000,
        PortSource.ADDR_FIELD,
        "internal/server/server.go:16",
    )


def test_a_udp_listener_says_udp() -> None:
    best = detect(FIXTURES / "ports").for_main("./cmd/udp").port
    assert best is not None
    assert (best.port, best.protocol) == (5353, "udp")


def test_a_loopback_default_is_reported() -> None:
    facts = detect(FIXTURES / "ports").for_main("./cmd/loopback")
    assert [(p.host, p.port) for p in facts.loopback_listens] == [("127.0.0.1", 8081)]
    assert detect(FIXTURES / "ports").for_main("./cmd/flagvar").loopback_listens == ()


# -- one behaviour each, on small programs ------------------------------------------------------


def test_a_listen_and_serve_literal(write_module: WriteModule) -> None:
    found = facts(write_module, '\thttp.ListenAndServe(":8443", nil)', '\t"net/http"')
    assert ports(found) == [(8443, "LISTEN_CALL", "main.go:8")]
    assert [(c.call, str(c.origin)) for c in found.listen_calls] == [
        ("http.ListenAndServe", "main.go:8")
    ]


def test_a_port_env_default_assigned_when_empty(write_module: WriteModule) -> None:
    body = (
        '\tport, ok := os.LookupEnv("HTTP_PORT")\n\tif !ok {\n\t\tport = "8181"\n\t}\n'
        '\thttp.ListenAndServe(":"+port, nil)'
    )
    found = facts(write_module, body, '\t"net/http"\n\t"os"')
    assert ports(found) == [(8181, "ENV_DEFAULT", "main.go:11")]


def test_a_port_env_default_through_a_helper(write_module: WriteModule) -> None:
    helper = (
        'package main\n\nimport "os"\n\nfunc getenv(name, fallback string) string {\n'
        '\tif value := os.Getenv(name); value != "" {\n\t\treturn value\n\t}\n'
        "\treturn fallback\n}\n"
    )
    body = '\thttp.ListenAndServe(":"+getenv("PORT", "7000"), nil)'
    found = facts(write_module, body, '\t"net/http"', **{"env.go": helper})
    assert ports(found)[0] == (7000, "ENV_DEFAULT", "main.go:8")


def test_an_env_default_outranks_a_literal(write_module: WriteModule) -> None:
    body = (
        '\tgo http.ListenAndServe(":9100", metrics)\n'
        '\tport := cmp.Or(os.Getenv("PORT"), "8000")\n'
        '\thttp.ListenAndServe(":"+port, nil)'
    )
    found = facts(write_module, body, '\t"cmp"\n\t"net/http"\n\t"os"')
    assert [p.port for p in found.ports] == [8000, 9100]


def test_the_addr_of_a_client_config_is_not_a_listen_address(write_module: WriteModule) -> None:
    body = (
        '\trdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})\n'
        '\tsrv := &http.Server{Addr: "127.0.0.1:8080", Handler: api(rdb)}\n'
        '\tcfg := Config{Addr: ":7000"}\n'
        "\tsrv.ListenAndServe()"
    )
    imports = '\t"net/http"\n\n\t"github.com/redis/go-redis/v9"'
    found = facts(write_module, body, imports)
    assert [(p.port, p.host, p.source.name) for p in found.ports] == [
        (7000, "", "ADDR_FIELD"),
        (8080, "127.0.0.1", "ADDR_FIELD"),
    ]


def test_client_flags_are_not_listen_ports(write_module: WriteModule) -> None:
    body = (
        '\tflag.Int("db-port", 5432, "database port")\n'
        '\tflag.String("redis-addr", "localhost:6379", "redis")\n'
        '\tflag.String("http-addr", ":8088", "listen here")'
    )
    found = facts(write_module, body, '\t"flag"')
    assert [p.port for p in found.ports] == [8088]


def test_pflag_shorthand_definers(write_module: WriteModule) -> None:
    stub = (
        "package main\n\ntype flagSet struct{}\n\n"
        "func (flagSet) IntVarP(p *int, name, short string, value int, usage string) {}\n\n"
        "var flags flagSet\n\nvar port int\n"
    )
    body = '\tflags.IntVarP(&port, "port", "p", 6060, "port")'
    found = facts(write_module, body, "", **{"flags.go": stub})
    assert ports(found) == [(6060, "FLAG_DEFAULT", "main.go:8")]


def test_a_port_named_constant(write_module: WriteModule) -> None:
    found = facts(
        write_module,
        "\tgo http.ListenAndServe(addr(), nil)",
        '\t"net/http"',
        **{
            "port.go": "package main\n\nconst defaultPort = 8765\n\n"
            'func addr() string { return ":8765" }\n'
        },
    )
    assert [(p.port, p.source.name) for p in found.ports] == [
        (8765, "PORT_VALUE"),
        (8765, "ADDRESS_LITERAL"),
    ]


def test_a_framework_run_with_an_address(write_module: WriteModule) -> None:
    stub = "package main\n\ntype engine struct{}\n\nfunc (engine) Run(addr string) {}\n"
    found = facts(write_module, '\tengine{}.Run(":4000")', "", **{"engine.go": stub})
    assert found.listens
    assert ports(found) == [(4000, "LISTEN_CALL", "main.go:8")]


def test_run_without_an_address_or_framework_is_not_listening(write_module: WriteModule) -> None:
    stub = "package main\n\ntype job struct{}\n\nfunc (job) Run() {}\n"
    found = facts(write_module, "\tjob{}.Run()", "", **{"job.go": stub})
    assert not found.listens


def test_a_loopback_candidate_is_never_the_best_guess_over_a_reachable_one(
    write_module: WriteModule,
) -> None:
    body = '\tgo http.ListenAndServe("localhost:6060", nil)\n\thttp.ListenAndServe(":8080", nil)'
    found = facts(write_module, body, '\t"net/http"')
    assert found.port is not None
    assert found.port.port == 8080
    assert [p.port for p in found.loopback_listens] == [6060]


def test_the_main_package_outranks_its_dependencies(write_module: WriteModule) -> None:
    lib = 'package lib\n\nimport "net/http"\n\nfunc Serve() { http.ListenAndServe(":9001", nil) }\n'
    body = '\tgo lib.Serve()\n\thttp.ListenAndServe(":9002", nil)'
    found = facts(
        write_module, body, '\t"net/http"\n\n\t"example.com/app/lib"', **{"lib/lib.go": lib}
    )
    assert [(p.port, p.package) for p in found.ports] == [
        (9002, "example.com/app"),
        (9001, "example.com/app/lib"),
    ]


# -- the quick tests that decide which files are read ----------------------------------------


def _go_files(goroot_sample: list[Path]) -> list[Path]:
    return [*goroot_sample, *sorted(FIXTURES.rglob("*.go"))]


def test_files_the_quick_test_skips_hold_nothing_but_port_named_values(
    goroot_sample: list[Path],
) -> None:
    skipped = 0
    for path in _go_files(goroot_sample):
        text = path.read_text()
        try:
            header = read_header(text)
            tokens = tokenize(text)
        except (GoSyntaxError, ScanError):
            continue
        scan = scan_file(tokens, header, "p", lambda line: Origin("f", line))
        lowered = text.lower()
        if not may_listen(text, header):
            skipped += 1
            assert scan.calls == [], path
            assert {c.source for c in scan.candidates} <= {PortSource.PORT_VALUE}, path
        if not may_name_port(lowered):
            assert not [c for c in scan.candidates if c.source is PortSource.PORT_VALUE], path
    assert skipped > 100


def test_files_the_quick_test_skips_declare_no_version_variable(
    goroot_sample: list[Path],
) -> None:
    for path in _go_files(goroot_sample):
        text = path.read_text()
        if may_declare_version(text):
            continue
        try:
            values = read_declarations(tokenize(text)).values
        except ScanError:
            continue
        names = [name for spec in values if spec.keyword == "var" for name in spec.names]
        assert not [name for name in names if is_version_name(name)], path


LISTEN_WORDS = [
    "http", ".", "ListenAndServe", "(", ")", '":8080"', ",", "nil", "\n", "port", ":=", "=",
    "os", "Getenv", '"PORT"', "{", "}", "Addr", ":", "flag", "Int", '"port"', "9000", "if",
    '""', "==", "Run", "Start", "cmp", "Or", "&", "net", "Listen", '"tcp"', "srv", "[", "]",
]  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.sampled_from(LISTEN_WORDS), max_size=60).map(" ".join))
def test_scanning_any_token_soup_never_fails(text: str) -> None:
    header = read_header('package main\n\nimport (\n\t"net"\n\t"net/http"\n)\n')
    try:
        tokens = tokenize(text)
    except ScanError:
        return
    scan = scan_file(tokens, header, "p", lambda line: Origin("f", line))
    assert all(0 < candidate.port < 65536 for candidate in scan.candidates)


def test_a_log_field_named_like_a_flag_is_not_a_port(write_module: WriteModule) -> None:
    """`zap.Int("http_version", 2)` builds a log field: no flag, and no port either way."""
    body = '\tzap.Int("http_version", 2)\n\tzap.Int("port", 3)\n\tflag.Int("port", 9000, "")'
    stub = "package zap\n\nfunc Int(key string, value int) int { return value }\n"
    found = facts(write_module, body, '\t"flag"\n\n\t"example.com/app/zap"', **{"zap/zap.go": stub})
    assert [p.port for p in found.ports] == [9000]


@pytest.mark.parametrize(
    ("name", "listens"),
    [
        ("port", True),
        ("http", True),
        ("httpAddr", True),
        ("web.listen-address", True),
        ("LISTEN_ADDR", True),
        ("port-number", True),
        ("http_version", False),
        ("listenTimeout", False),
        ("https-redirect", False),
        ("db-port", False),
    ],
)
def test_the_last_word_of_a_name_says_whether_it_holds_a_listen_address(
    name: str, listens: bool
) -> None:
    assert listens_name(name) is listens
