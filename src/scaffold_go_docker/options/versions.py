"""Pinned versions of everything the generated files refer to, kept in one place."""

from typing import Final

#: The current stable Go minor; the golang image tag and the go.mod `go` line follow it.
GO_VERSION: Final = "1.27"
#: A concrete Alpine minor: its repository only takes security fixes, so it is a stable pin.
ALPINE_VERSION: Final = "3.24"
#: The Debian release behind the Debian-based golang image.
DEBIAN_RELEASE: Final = "bookworm"
DISTROLESS_IMAGE: Final = "gcr.io/distroless/static-debian12:nonroot"
#: distroless with glibc, for a dynamically linked cgo binary.
DISTROLESS_BASE_IMAGE: Final = "gcr.io/distroless/base-debian12:nonroot"
#: The Debian runtime: the release the Debian golang image is built on, slim.
DEBIAN_IMAGE: Final = f"debian:{DEBIAN_RELEASE}-slim"
#: The Dockerfile frontend a `# syntax=` line names: the latest stable 1.x.
DOCKERFILE_FRONTEND: Final = "docker/dockerfile:1"
#: Oldest Go the sample app compiles with (method-aware ServeMux patterns).
MIN_GO_MINOR: Final = 22
