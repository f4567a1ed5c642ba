"""Pure formatting of verify results: the table, the failure notes and the size bar chart."""

from __future__ import annotations

from collections.abc import Sequence

from scaffold_go_docker.verify.result import CHECKS, Status, VerifyResult

_UNITS = ("B", "kB", "MB", "GB", "TB")
# Eighths of a block, so bars differ even when sizes are close.
_EIGHTHS = " ▏▎▍▌▋▊▉"
_FULL = "█"


def format_size(size: int | None) -> str:
    """Decimal units as docker and buildah show them: 5.9 MB, 829.0 MB."""
    if size is None:
        return "-"
    value = float(size)
    for unit in _UNITS:
        if value < 1000 or unit == _UNITS[-1]:
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def format_seconds(seconds: float) -> str:
    return f"{seconds:.1f}s" if seconds < 60 else f"{int(seconds // 60)}m{seconds % 60:02.0f}s"


def _cell(result: VerifyResult, name: str) -> str:
    check = result.check(name)
    if check.status is Status.SKIP:
        return check.summary or "-"
    if check.status is Status.FAIL:
        return f"FAIL {check.summary}".rstrip()
    return check.summary or "ok"


def format_table(results: Sequence[VerifyResult]) -> str:
    """One row per Dockerfile: each check, the image size and the time taken."""
    header = ["Dockerfile", *CHECKS.values(), "size", "time"]
    rows = [
        [
            result.dockerfile,
            *(_cell(result, name) for name in CHECKS),
            format_size(result.size_bytes),
            format_seconds(result.seconds),
        ]
        for result in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {len(header) - 2, len(header) - 1}  # numbers align right

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)]) + "\n"


def format_failures(results: Sequence[VerifyResult]) -> str:
    """Why each failed check failed, and where the builder's log is; empty when all pass."""
    lines: list[str] = []
    for result in results:
        failed = [
            (CHECKS[name], check)
            for name, check in result.checks.items()
            if check.status is Status.FAIL
        ]
        if not failed:
            continue
        lines.append(f"{result.dockerfile}:")
        lines += [f"  {title}: {check.detail or check.summary}" for title, check in failed]
        lines.append(f"  log: {result.log_path}")
    return "\n".join(lines) + "\n" if lines else ""


def format_bar_chart(sizes: Sequence[tuple[str, int]], width: int = 40) -> str:
    """Horizontal bars proportional to size, the largest `width` cells long."""
    if not sizes:
        return ""
    largest = max(size for _, size in sizes)
    label_width = max(len(label) for label, _ in sizes)
    lines = []
    for label, size in sizes:
        eighths = round(size / largest * width * 8) if largest else 0
        if size and not eighths:
            eighths = 1  # a non-empty image always shows
        bar = _FULL * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")
        lines.append(f"{label.ljust(label_width)}  {bar.ljust(width)}  {format_size(size)}")
    return "\n".join(line.rstrip() for line in lines) + "\n"
