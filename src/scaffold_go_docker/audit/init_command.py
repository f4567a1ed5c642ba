"""The one `scaffold-go-docker init` command that would write a Dockerfile without the
findings: the options of each finding's rule, over the base the audited file chose."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import Any

from scaffold_go_docker.audit.findings import Finding
from scaffold_go_docker.audit.rules import RULES, option_flag
from scaffold_go_docker.audit.stages import Build
from scaffold_go_docker.facts import base_images

#: The generator's --base and --builder values for the images it can write.
_BASES = {
    base_images.SCRATCH.name: "scratch",
    base_images.ALPINE.name: "alpine",
    base_images.DISTROLESS_STATIC.name: "distroless",
}
_BUILDERS = {
    base_images.GOLANG_ALPINE.name: "alpine",
    base_images.GOLANG_DEBIAN.name: "debian",
}


def kept_choices(build: Build) -> dict[str, Any]:
    """What the audited file chose that the generator can keep: its base and builder."""
    choices: dict[str, Any] = {}
    final = build.final
    if final is not None and final.root_facts is not None:
        name = final.root_facts.name.split(" (", 1)[0]
        if name in _BASES:
            choices["base"] = _BASES[name]
    for stage in build.stages:
        facts = stage.root_facts
        if stage is not final and facts is not None and facts.name in _BUILDERS:
            choices["builder"] = _BUILDERS[facts.name]
    return choices


def init_options(build: Build, findings: Sequence[Finding]) -> dict[str, Any] | None:
    """The options for `init`, checked by the options model; None if nothing to fix."""
    if not findings:
        return None
    wanted: dict[str, Any] = {}
    for finding in findings:
        wanted.update(RULES[finding.rule].options)
    from scaffold_go_docker.errors import InvalidOptionsError
    from scaffold_go_docker.options import Options

    for kept in (kept_choices(build), {}):
        options = {**kept, **wanted}
        try:
            Options.resolve({"app_name": "app", **options})
        except InvalidOptionsError:
            continue
        return options
    return None


def init_command(directory: str, options: dict[str, Any]) -> str:
    flags = " ".join(option_flag(name, value) for name, value in options.items())
    return f"scaffold-go-docker init {shlex.quote(directory)} {flags}".rstrip()
