"""Generate production-grade Dockerfiles for Go services."""

__version__ = "0.1.0"
