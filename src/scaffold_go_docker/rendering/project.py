"""Render a whole project, or the Dockerfile alone, from validated options."""

from __future__ import annotations

from collections.abc import Mapping

from scaffold_go_docker.options import Options, Variant
from scaffold_go_docker.rendering.dockerfile_view import build_view
from scaffold_go_docker.rendering.environment import render_template
from scaffold_go_docker.rendering.text import drop_comments, tidy

#: Where each variant's Dockerfile goes when all four are written side by side.
DOCKERFILE_NAMES: Mapping[Variant, str] = {
    Variant.BAD: "Dockerfile.bad",
    Variant.BETTER: "Dockerfile.better",
    Variant.PRO: "Dockerfile.pro",
    Variant.ENTERPRISE: "Dockerfile",
}

#: The sample app: written for the user to edit, so never replaced once it exists.
USER_FILES = ("go.mod", "main.go", "main_test.go")
_APP_FILES = {
    "go.mod": "app/go.mod.j2",
    "main.go": "app/main.go.j2",
    "main_test.go": "app/main_test.go.j2",
    ".dockerignore": "app/dockerignore.j2",
}
COMPOSE_FILE = "compose.yaml"
WORKFLOW_FILE = ".github/workflows/docker-image.yml"


def render_dockerfile(options: Options) -> str:
    if options.variant is Variant.BAD:
        text = render_template("Dockerfile.bad.j2", options)
    else:
        text = render_template("Dockerfile.j2", options, d=build_view(options))
    if not options.comments:
        text = drop_comments(text)
    return tidy(text)


def render_project(options: Options) -> dict[str, str]:
    """Every file of the project for one variant, keyed by path relative to the project.

    For an existing module (`source_module`) no sample app file is written.
    """
    files = {
        path: tidy(render_template(name, options))
        for path, name in _APP_FILES.items()
        # An existing module keeps its own Go files: only the .dockerignore is written.
        if not (options.source_module and path in USER_FILES)
    }
    files["Dockerfile"] = render_dockerfile(options)
    files.update(_companions(options))
    return files


def render_side_by_side(options_by_variant: Mapping[Variant, Options]) -> dict[str, str]:
    """The project with every variant's Dockerfile under its own name, for comparison.

    The app and companion files come from the enterprise options (or the last given).
    """
    main = options_by_variant.get(Variant.ENTERPRISE) or list(options_by_variant.values())[-1]
    files = render_project(main)
    del files["Dockerfile"]
    for variant, options in options_by_variant.items():
        files[DOCKERFILE_NAMES[variant]] = render_dockerfile(options)
    return files


def _companions(options: Options) -> dict[str, str]:
    files = {}
    if options.compose:
        files[COMPOSE_FILE] = tidy(render_template("companions/compose.yaml.j2", options))
    if options.ci_workflow:
        workflow = render_template(
            "companions/docker-image.yml.j2", options, netrc_hosts=options.private_hosts
        )
        files[WORKFLOW_FILE] = tidy(workflow)
    return files
