"""From detection to `init`'s choices: each value set as detected with where it was read,
never over a value a stronger source gave, and only what detection cannot decide asked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from scaffold_go_docker.detect import NoMainPackageError, detect
from scaffold_go_docker.detect.choices import (
    ALL_MAINS,
    Adoption,
    SeveralMainsError,
    adopt,
    looks_like_the_service,
)
from scaffold_go_docker.errors import ScaffoldError
from scaffold_go_docker.inputs.interview import Choice
from scaffold_go_docker.inputs.sources import Choices
from scaffold_go_docker.options import Options, Source

from .conftest import FIXTURES, WriteModule


class ScriptedAsker:
    """Answers menus and text questions from a script; records what was asked."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.asked: list[tuple[str, list[str], str]] = []

    def select(self, message: str, choices: Sequence[Choice], default: str) -> str:
        self.asked.append((message, [c.value for c in choices], default))
        return self.answers.pop(0)

    def confirm(self, message: str, default: bool) -> bool:
        raise AssertionError(f"nothing to confirm: {message}")

    def text(self, message: str, default: str, validate: Callable[[str], str | None]) -> str:
        self.asked.append((message, [], default))
        answer = self.answers.pop(0)
        assert validate(answer) is None
        return answer

    def tell(self, message: str) -> None:
        pass


def adopted(fixture: str | Path, *mains: str, **given: Any) -> tuple[Adoption, Choices]:
    choices = Choices()
    if mains:
        choices.set("main_packages", mains, Source.FLAG)
    for name, value in given.items():
        choices.set(name, value, Source.FLAG)
    directory = FIXTURES / fixture if isinstance(fixture, str) else fixture
    return adopt(detect(directory), choices), choices


def detected(choices: Choices) -> dict[str, tuple[Any, str]]:
    return {
        name: (choices.values[name], choices.detected[name])
        for name, source in choices.origins.items()
        if source is Source.DETECTED
    }


def test_each_detected_value_is_set_as_detected_with_the_line_it_was_read_from() -> None:
    _, choices = adopted("cmdlayout", "./cmd/api")
    found = detected(choices)
    assert found["module_path"] == ("example.com/cmdlayout", "go.mod:1")
    assert found["go_version"] == ("1.22", "go.mod:3")
    assert found["app_name"] == ("api", "cmd/api/main.go:11")
    assert found["port"] == (9000, "internal/server/server.go:16")
    assert found["listens"][0] is True
    assert found["source_module"][0] is True
    assert choices.origins["main_packages"] is Source.FLAG


def test_the_go_version_is_the_higher_of_the_go_and_toolchain_lines() -> None:
    _, choices = adopted("rootmain")
    assert detected(choices)["go_version"] == ("1.25.1", "go.mod:7")
    assert detected(choices)["app_name"][0] == "hello"


@pytest.mark.parametrize(
    ("name", "value"),
    [("port", 1234), ("go_version", "1.24"), ("app_name", "svc"), ("listens", False)],
)
def test_a_given_value_is_never_replaced_by_a_detected_one(name: str, value: Any) -> None:
    _, choices = adopted("cmdlayout", "./cmd/api", **{name: value})
    assert (choices.values[name], choices.origins[name]) == (value, Source.FLAG)
    assert name not in choices.detected


def test_several_main_packages_without_a_terminal_are_refused_naming_each_and_main() -> None:
    with pytest.raises(SeveralMainsError) as refused:
        adopted("cmdlayout")
    assert str(refused.value) == (
        "2 main packages here (./cmd/api, ./cmd/worker): choose with --main ./cmd/api "
        "(repeat --main for several binaries)"
    )


def test_several_main_packages_at_a_terminal_are_offered_in_a_menu() -> None:
    asker = ScriptedAsker("./cmd/worker")
    choices = Choices()
    adoption = adopt(detect(FIXTURES / "cmdlayout"), choices, asker)
    [(_, offered, default)] = asker.asked
    assert offered == ["./cmd/api", "./cmd/worker", "*"]
    assert default == "./cmd/api"
    assert [m.main.package for m in adoption.mains] == ["./cmd/worker"]
    assert (choices.values["main_packages"], choices.origins["main_packages"]) == (
        ("./cmd/worker",),
        Source.PROMPT,
    )


def test_the_menu_can_choose_every_main_package() -> None:
    choices = Choices()
    adopt(detect(FIXTURES / "cmdlayout"), choices, ScriptedAsker("*"))
    assert choices.values["main_packages"] == ("./cmd/api", "./cmd/worker")
    assert choices.values["app_name"] == "cmdlayout"
    assert ALL_MAINS


def test_one_main_package_is_used_without_a_question() -> None:
    asker = ScriptedAsker()
    choices = Choices()
    adopt(detect(FIXTURES / "rootmain"), choices, asker)
    assert asker.asked == []
    assert choices.values["main_packages"] == (".",)


def test_a_main_package_that_is_not_there_is_refused() -> None:
    with pytest.raises(NoMainPackageError, match=r"no main package '\./cmd/nope'"):
        adopted("cmdlayout", "./cmd/nope")


def test_a_module_without_a_main_package_is_refused(write_module: WriteModule) -> None:
    root = write_module(
        {"go.mod": "module example.com/lib\n\ngo 1.22\n", "lib.go": "package lib\n"}
    )
    with pytest.raises(NoMainPackageError, match="no main package in"):
        adopted(root)


SERVER_WITHOUT_PORT = """package main

import (
\t"net/http"
\t"os"
)

func main() { _ = http.ListenAndServe(os.Args[1], nil) }
"""


def test_a_listening_program_without_a_port_takes_the_default_and_says_so(
    write_module: WriteModule,
) -> None:
    root = write_module(
        {"go.mod": "module example.com/s\n\ngo 1.22\n", "main.go": SERVER_WITHOUT_PORT}
    )
    adoption, choices = adopted(root)
    assert "port" not in choices
    [default] = [f for f in adoption.found if f.default]
    assert (default.field, default.value, default.reason) == (
        "port",
        8080,
        "no port found in the code",
    )
    assert Options.resolve(choices.values).port == 8080


def test_a_listening_program_without_a_port_is_asked_for_one_at_a_terminal(
    write_module: WriteModule,
) -> None:
    root = write_module(
        {"go.mod": "module example.com/s\n\ngo 1.22\n", "main.go": SERVER_WITHOUT_PORT}
    )
    choices = Choices()
    asker = ScriptedAsker("7000")
    adopt(detect(root), choices, asker)
    assert asker.asked[0][2] == "8080"
    assert (choices.values["port"], choices.origins["port"]) == (7000, Source.PROMPT)


def test_a_program_that_listens_on_nothing_is_detected_as_not_listening() -> None:
    _, choices = adopted("ports", "./cmd/cli")
    assert choices.values["listens"] is False
    assert "port" not in choices


def test_a_loopback_default_address_warns_and_names_cmd_and_env() -> None:
    adoption, _ = adopted("ports", "./cmd/loopback")
    [warning] = adoption.warnings
    assert warning.startswith("cmd/loopback/main.go:")
    assert "127.0.0.1:8081" in warning
    assert "unreachable from outside the container" in warning
    assert "--cmd" in warning
    assert "--env" in warning


def test_cgo_turns_cgo_on_with_a_musl_builder_and_runtime_by_default() -> None:
    _, choices = adopted("cgo", ".")
    found = detected(choices)
    assert found["cgo"][0] is True
    assert found["cgo"][1].startswith("internal/native/")
    assert (found["base"][0], found["builder"][0]) == ("alpine", "alpine")


def test_cgo_on_a_debian_builder_gets_a_glibc_runtime() -> None:
    _, choices = adopted("cgo", ".", builder="debian")
    assert choices.values["base"] == "distroless-base"


def test_a_program_without_cgo_leaves_cgo_to_the_preset() -> None:
    _, choices = adopted("cgo", "./cmd/nocgo")
    assert "cgo" not in choices
    assert "base" not in choices


def test_vendor_modules_txt_turns_vendoring_on() -> None:
    _, choices = adopted("vendored", "./cmd/plain")
    assert detected(choices)["vendor"] == (True, "vendor/modules.txt")


def test_embed_patterns_are_kept_out_of_the_dockerignore() -> None:
    _, choices = adopted("embeds", ".")
    keep = choices.values["dockerignore_keep"]
    assert {"static", "templates/*.html", "VERSION"} <= set(keep)
    assert any(path.startswith("internal/assets/") for path in keep)


def test_settable_version_and_commit_variables_are_stamped() -> None:
    _, choices = adopted("versions", "./cmd/plain")
    assert choices.values["version_var"] == "main.version"
    assert choices.values["commit_var"] == "main.commit"


def test_a_version_the_project_embeds_itself_is_never_stamped() -> None:
    adoption, choices = adopted("versions", "./cmd/embedver")
    assert "version_var" not in choices
    assert any("fixes its version itself" in w for w in adoption.warnings)


def test_a_workspace_member_is_built_from_the_workspace_root() -> None:
    _, choices = adopted("workspace", "./api")
    found = detected(choices)
    assert found["workspace_modules"][0] == ("api", "lib")
    assert found["module_dir"][0] == "api"
    assert choices.values["main_packages"] == (".",)
    assert choices.origins["main_packages"] is Source.FLAG


def test_main_packages_of_two_workspace_modules_are_refused() -> None:
    with pytest.raises(ScaffoldError, match="different modules of the workspace"):
        adopted("workspace", "./api", "./lib/cmd/libtool")


_MAIN = "package main\n\nfunc main() {}\n"


def _with_mains(write_module: WriteModule, *packages: str) -> Path:
    files = {f"{package}/main.go": _MAIN for package in packages}
    return write_module({"go.mod": "module example.com/svc\n\ngo 1.22\n", **files})


def test_one_main_package_beside_examples_tests_and_tools_is_taken_without_asking(
    write_module: WriteModule,
) -> None:
    module = _with_mains(write_module, "cmd/svc", "tools/gen", "examples/echo", "cmd/svc-test")

    adoption, choices = adopted(module)

    assert choices.values["main_packages"] == ("./cmd/svc",)
    (found,) = [f for f in adoption.found if f.field == "main_packages"]
    assert found.reason == (
        "the one main package outside examples, tests and tools "
        "(./cmd/svc-test, ./examples/echo, ./tools/gen); --main chooses another"
    )


def test_the_menu_offers_the_likely_services_first(write_module: WriteModule) -> None:
    module = _with_mains(write_module, "examples/echo", "cmd/api", "cmd/worker")
    asker = ScriptedAsker("./cmd/api")

    adopt(detect(module), Choices(), asker)

    [(_, offered, default)] = asker.asked
    assert offered == ["./cmd/api", "./cmd/worker", "./examples/echo", "*"]
    assert default == "./cmd/api"


@pytest.mark.parametrize(
    ("package", "service"),
    [
        (".", True),
        ("./cmd/api", True),
        ("./server", True),
        ("./cmd/contest", True),
        ("./tools/gen", False),
        ("./examples/echo", False),
        ("./internal/testing/fake", False),
        ("./cmd/api-test", False),
        ("./hack/release", False),
    ],
)
def test_a_main_package_under_examples_tests_or_tools_is_not_taken_for_the_service(
    package: str, service: bool
) -> None:
    assert looks_like_the_service(package) is service
