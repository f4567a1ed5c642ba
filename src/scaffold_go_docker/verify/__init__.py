"""Build the generated Dockerfiles with a real builder, run the images and check them."""

from scaffold_go_docker.verify.builders import (
    ENGINE_NAMES,
    BuildahBuilder,
    DockerBuilder,
    DockerBuildMode,
    DockerClient,
    EngineChoice,
    ImageBuilder,
    PodmanBuilder,
    detect_engine,
    probe_docker,
)
from scaffold_go_docker.verify.report import (
    format_bar_chart,
    format_failures,
    format_size,
    format_table,
)
from scaffold_go_docker.verify.result import Check, Status, VerifyResult
from scaffold_go_docker.verify.run import (
    Limits,
    check_health,
    dockerfiles_to_verify,
    verify_dockerfile,
)

__all__ = [
    "ENGINE_NAMES",
    "BuildahBuilder",
    "Check",
    "DockerBuildMode",
    "DockerBuilder",
    "DockerClient",
    "EngineChoice",
    "ImageBuilder",
    "Limits",
    "PodmanBuilder",
    "Status",
    "VerifyResult",
    "check_health",
    "detect_engine",
    "dockerfiles_to_verify",
    "format_bar_chart",
    "format_failures",
    "format_size",
    "format_table",
    "probe_docker",
    "verify_dockerfile",
]
