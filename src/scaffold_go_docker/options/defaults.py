"""Fixed values the generated files share, each defined once."""

from typing import Final

DEFAULT_PORT: Final = 8080
DEFAULT_UID: Final = 10001
#: distroless's `nonroot` user.
DISTROLESS_UID: Final = 65532
#: The platforms a cross-compiling build targets (the Dockerfile header, compose, CI).
PLATFORMS: Final = ("linux/amd64", "linux/arm64")


class HealthcheckTiming:
    """How often and how patiently the HEALTHCHECK probes, in Docker's duration syntax."""

    INTERVAL: Final = "30s"
    TIMEOUT: Final = "3s"
    START_PERIOD: Final = "5s"
    RETRIES: Final = 3
