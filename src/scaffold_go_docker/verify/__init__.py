"""Build the generated Dockerfiles with a real builder, run the images and check them."""

from scaffold_go_docker.verify.builders import (
    BUILDER_NAMES,
    BuildahBuilder,
    DockerBuilder,
    ImageBuilder,
    PodmanBuilder,
    detect_builder,
)
from scaffold_go_docker.verify.report import (
    format_bar_chart,
    format_failures,
    format_size,
    format_table,
)
from scaffold_go_docker.verify.result import Check, Status, VerifyResult
from scaffold_go_docker.verify.run import Limits, dockerfiles_to_verify, verify_dockerfile

__all__ = [
    "BUILDER_NAMES",
    "BuildahBuilder",
    "Check",
    "DockerBuilder",
    "ImageBuilder",
    "Limits",
    "PodmanBuilder",
    "Status",
    "VerifyResult",
    "detect_builder",
    "dockerfiles_to_verify",
    "format_bar_chart",
    "format_failures",
    "format_size",
    "format_table",
    "verify_dockerfile",
]
