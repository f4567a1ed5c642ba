"""Fixed values the generated files share, each defined once."""

from typing import Final

from scaffold_go_docker.facts.base_images import NONROOT_UID

DEFAULT_PORT: Final = 8080
DEFAULT_UID: Final = 10001
#: distroless's `nonroot` user (a fact of the image, kept with the other base-image facts).
DISTROLESS_UID: Final = NONROOT_UID
#: The Go variables the version stamp sets with -X, and the build arg each takes.
STAMPED_VARIABLES: Final = {"main.version": "VERSION", "main.commit": "COMMIT"}
#: Where the HEALTHCHECK's probe lives in images without busybox wget (scratch, distroless,
#: debian): a small static Go program built in the builder stage.
PROBE_PATH: Final = "/usr/local/bin/http-probe"
#: The platforms a cross-compiling build targets (the Dockerfile header, compose, CI).
PLATFORMS: Final = ("linux/amd64", "linux/arm64")


class HealthcheckTiming:
    """How often and how patiently the HEALTHCHECK probes, in Docker's duration syntax."""

    INTERVAL: Final = "30s"
    TIMEOUT: Final = "3s"
    START_PERIOD: Final = "5s"
    RETRIES: Final = 3


#: Ports below this need privilege to bind: a non-root process binds them only where the
#: runtime lowers net.ipv4.ip_unprivileged_port_start (Docker 20.10+ sets it to 0;
#: Kubernetes and rootless podman do not by default).
FIRST_UNPRIVILEGED_PORT: Final = 1024
