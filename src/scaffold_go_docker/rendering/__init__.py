"""Pure rendering: options in, {relative path: file text} out. No I/O beyond reading templates."""

from scaffold_go_docker.rendering.project import (
    DOCKERFILE_NAMES,
    USER_FILES,
    render_dockerfile,
    render_project,
    render_side_by_side,
)

__all__ = [
    "DOCKERFILE_NAMES",
    "USER_FILES",
    "render_dockerfile",
    "render_project",
    "render_side_by_side",
]
