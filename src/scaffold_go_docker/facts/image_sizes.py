"""The image sizes the interview, the README and the docs quote: one table.

Measured with `benchmarks/image_sizes.py` (buildah, Go 1.27.3, the sample app, whose
stripped binary is 7.3 MB), which prints a fresh measurement beside this table. Images on
alpine cannot be built here (no Alpine repositories are reachable), so their rows are the
binary plus the alpine:3.24 base and its packages, and say so.
"""

from __future__ import annotations

from typing import NamedTuple


class ImageSize(NamedTuple):
    megabytes: float
    measured: bool  # False: estimated from the parts, not built here

    @property
    def label(self) -> str:
        """As quoted: `7.3 MB`, or `~17 MB` for an estimate; `~650 MB` above 100."""
        if self.megabytes >= 100:
            return f"~{round(self.megabytes, -1):.0f} MB"
        text = f"{self.megabytes:.1f} MB"
        return text if self.measured else f"~{int(self.megabytes + 0.5)} MB"


#: (variant, base) → size of the sample app's image.
IMAGE_SIZES: dict[tuple[str, str], ImageSize] = {
    # The official golang:1.2x-bookworm images are about 800 MB uncompressed, as
    # `docker images` lists them; the bad image adds only the sources. The local stand-in
    # (no registry here) measures 654 MB: debootstrap's minbase has fewer Debian packages.
    ("bad", "golang"): ImageSize(800.0, measured=False),
    ("pro", "scratch"): ImageSize(7.3, measured=True),
    ("enterprise", "scratch"): ImageSize(7.9, measured=True),
    ("pro", "distroless"): ImageSize(8.8, measured=True),
    ("enterprise", "distroless"): ImageSize(8.8, measured=True),
    # About 8 MB of alpine:3.24 plus the binary (better's is not stripped: 10.7 MB), and for
    # enterprise about 2 MB of ca-certificates and tzdata.
    ("better", "alpine"): ImageSize(18.5, measured=False),
    ("enterprise", "alpine"): ImageSize(17.3, measured=False),
}


def size_label(variant: str, base: str) -> str:
    return IMAGE_SIZES[(variant, base)].label


#: A golang image, the toolchain and all, as the bad variant and the audit quote it.
GOLANG_IMAGE_SIZE = size_label("bad", "golang")
