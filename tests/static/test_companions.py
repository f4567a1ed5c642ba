"""compose.yaml and the CI workflow: valid YAML holding what the Dockerfile needs."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from scaffold_go_docker.options import Options
from scaffold_go_docker.rendering import render_dockerfile, render_project

from .cases import APP, GOPRIVATE
from .expected import parse

COMPOSE = "compose.yaml"
WORKFLOW = ".github/workflows/docker-image.yml"


def companions(**choices: Any) -> tuple[Options, dict[str, Any], dict[Any, Any]]:
    options = Options.resolve({"app_name": APP, "compose": True, "ci_workflow": True, **choices})
    files = render_project(options)
    return options, yaml.safe_load(files[COMPOSE]), yaml.safe_load(files[WORKFLOW])


def service(compose: dict[str, Any]) -> dict[str, Any]:
    (only,) = compose["services"].values()
    assert isinstance(only, dict)
    return only


def build_step(workflow: dict[str, Any]) -> dict[str, Any]:
    (job,) = workflow["jobs"].values()
    (step,) = [s for s in job["steps"] if s.get("uses", "").startswith("docker/build-push")]
    assert isinstance(step["with"], dict)
    return step["with"]


def test_companion_files_are_written_only_when_asked() -> None:
    files = render_project(Options.resolve({"app_name": APP}))
    assert COMPOSE not in files
    assert WORKFLOW not in files


@pytest.mark.parametrize("variant", ["better", "pro", "enterprise"])
def test_compose_builds_the_runtime_stage_and_maps_the_port(variant: str) -> None:
    _, compose, _ = companions(variant=variant, port=9090)
    assert list(compose["services"]) == [APP]
    app = service(compose)
    assert app["build"] == {"context": ".", "target": "runtime"} | (
        {"args": {"VERSION": "dev"}} if variant != "better" else {}
    )
    assert app["ports"] == ["9090:9090"]


def test_compose_healthcheck_calls_the_binary_as_the_dockerfile_does() -> None:
    options, compose, _ = companions(variant="pro")
    (healthcheck,) = [c for c in parse(render_dockerfile(options)) if c.cmd == "HEALTHCHECK"]
    assert service(compose)["healthcheck"]["test"] == list(healthcheck.value)
    assert healthcheck.value == ("CMD", f"/usr/local/bin/{APP}", "-healthcheck")


def test_compose_has_no_healthcheck_when_the_image_has_none() -> None:
    _, compose, _ = companions(variant="better")
    assert "healthcheck" not in service(compose)


def test_compose_runs_read_only_with_a_tmpfs_when_tmp_must_be_writable() -> None:
    _, compose, _ = companions(variant="enterprise", writable_tmp=True)
    assert service(compose)["read_only"] is True
    assert service(compose)["tmpfs"] == ["/tmp"]
    _, compose, _ = companions(variant="enterprise", writable_tmp=False)
    assert "tmpfs" not in service(compose)


def test_compose_for_the_bad_variant_builds_its_single_stage() -> None:
    _, compose, _ = companions(variant="bad")
    assert service(compose)["build"] == {"context": "."}
    assert "read_only" not in service(compose)


def test_compose_service_name_is_lower_case_as_compose_requires() -> None:
    options, compose, _ = companions(app_name="My.App")
    assert list(compose["services"]) == ["my.app"]
    assert options.app_name == "My.App"


def test_workflow_builds_both_platforms_when_cross_compiling() -> None:
    _, _, workflow = companions(variant="enterprise")
    build = build_step(workflow)
    assert build["platforms"] == "linux/amd64,linux/arm64"
    assert build["cache-from"] == "type=gha"
    assert build["cache-to"] == "type=gha,mode=max"


def test_workflow_builds_the_runner_platform_without_cross_compiling() -> None:
    _, _, workflow = companions(variant="better")
    build = build_step(workflow)
    assert "platforms" not in build
    assert build["cache-from"] == "type=gha"


def test_workflow_runs_on_push_and_pull_request_and_pushes_only_on_push() -> None:
    _, _, workflow = companions()
    # PyYAML reads the bare key `on` as YAML 1.1's boolean true; GitHub reads it as "on".
    triggers = workflow[True]
    assert set(triggers) == {"push", "pull_request"}
    assert build_step(workflow)["push"] == "${{ github.event_name != 'pull_request' }}"


def test_workflow_stamps_version_commit_and_created_when_labelled() -> None:
    _, _, workflow = companions(variant="enterprise")
    args = dict(line.split("=", 1) for line in build_step(workflow)["build-args"].splitlines())
    assert set(args) == {"VERSION", "COMMIT", "CREATED"}
    assert args["COMMIT"] == "${{ github.sha }}"


def test_workflow_passes_no_build_args_the_dockerfile_does_not_declare() -> None:
    _, _, workflow = companions(variant="better")
    assert "build-args" not in build_step(workflow)


def test_workflow_hands_the_netrc_secret_for_each_private_host() -> None:
    _, _, workflow = companions(goprivate=GOPRIVATE + ",gitlab.example.com/t", private_auth="netrc")
    secret = build_step(workflow)["secrets"].strip()
    assert secret.startswith("netrc=")
    hosts = re.findall(r"machine (\S+) login ", secret)
    assert hosts == ["github.com", "gitlab.example.com"]
    assert "${{ secrets." in secret


def test_workflow_forwards_an_ssh_agent_for_ssh_auth() -> None:
    _, _, workflow = companions(goprivate=GOPRIVATE, private_auth="ssh")
    (job,) = workflow["jobs"].values()
    agents = [s for s in job["steps"] if s.get("uses", "").startswith("webfactory/ssh-agent@")]
    assert len(agents) == 1
    assert build_step(workflow)["ssh"] == "default"
    assert "secrets" not in build_step(workflow)


def test_workflow_actions_are_pinned_to_a_version() -> None:
    _, _, workflow = companions(goprivate=GOPRIVATE, private_auth="ssh")
    (job,) = workflow["jobs"].values()
    uses = [s["uses"] for s in job["steps"] if "uses" in s]
    assert uses
    assert all("@v" in action for action in uses), uses


@pytest.mark.parametrize(
    "app_name", ["null", "true", "1", "yes", "on", "off", "NO", "y", "0x1F", "1e3", "1.5", "0o17"]
)
def test_a_service_named_like_a_yaml_scalar_stays_a_string(app_name: str) -> None:
    _, compose, _ = companions(app_name=app_name, module_path="example.com/acme/svc")

    assert list(compose["services"]) == [app_name.lower()]
