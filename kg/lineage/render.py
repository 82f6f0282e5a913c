"""Draw a lineage view with Graphviz: SVG, PNG or PDF.

:func:`render_bytes` runs ``dot -T<fmt>`` on the DOT text of
:func:`kg.lineage.pack.drawing_dot` (given on stdin: a small view laid out by
``dot``, a big one packed on one page) and returns the drawing; :func:`render`
writes it to a file atomically (a temporary file beside it, then a rename). Without the
``dot`` program :class:`RendererMissing` says which Debian package to install;
the text formats (dot, mermaid, graphml, gexf, json) do not need it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from kg.errors import KgError, UsageError
from kg.lineage.dot import DETAIL_LIMIT
from kg.writers import write_bytes_atomic

#: The formats Graphviz draws for kg.
FORMATS = ("svg", "png", "pdf")

#: Seconds a drawing may take before kg gives up.
TIMEOUT = 120.0

#: PNG resolution (dots per inch) of small views (up to DETAIL_LIMIT units) and of bigger ones
#: (a province's page is about 2,000 × 3,000 pt: 96 dpi gives some 2,700 × 4,000 px, about
#: 200 dpi once printed on an A3 sheet).
PNG_DPI_SMALL = 144
PNG_DPI_BIG = 96

#: Environment variable naming the ``dot`` program to use (else ``dot`` on PATH).
DOT_ENV = "KG_DOT"


class RendererMissing(KgError):
    """Graphviz's ``dot`` is not installed, so kg cannot draw SVG, PNG or PDF. Exit code 3."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "Graphviz's dot program is not installed, so kg cannot draw SVG, PNG, PDF or a drawn HTML page: "
            "install it (Debian/Ubuntu: apt install graphviz) — the formats dot, mermaid, graphml, gexf "
            "and json still work without it"
        )


class RenderError(KgError):
    """Graphviz failed on a drawing (or took too long). Exit code 3."""


def find_dot() -> str | None:
    """The path of the ``dot`` program ($KG_DOT, else ``dot`` on PATH), or None."""
    wanted = os.environ.get(DOT_ENV) or "dot"
    return shutil.which(wanted)


def have_dot() -> bool:
    return find_dot() is not None


def run_dot(source: str, fmt: str, *, dpi: float | None = None, timeout: float = TIMEOUT) -> bytes:
    """Run ``dot -T<fmt>`` on the DOT text ``source``; the output bytes. ``dpi``: PNG resolution."""
    if fmt not in FORMATS:
        raise UsageError(f"cannot draw {fmt!r}: the drawn formats are {', '.join(FORMATS)}")
    return graphviz_output(source, fmt, dpi=dpi, timeout=timeout)


def graphviz_output(source: str, fmt: str, *, dpi: float | None = None, timeout: float = TIMEOUT) -> bytes:
    """Run ``dot -T<fmt>`` on ``source`` for any Graphviz output format (``json0`` for the layout of
    :mod:`kg.lineage.pack`); :class:`RendererMissing` without ``dot``, :class:`RenderError` when it fails."""
    program = find_dot()
    if program is None:
        raise RendererMissing()
    try:
        done = subprocess.run(
            [program, f"-T{fmt}", *([f"-Gdpi={dpi:g}"] if dpi else [])],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise RenderError(f"Graphviz dot took more than {timeout:g} s to draw the lineage as {fmt}; gave up") from err
    except OSError as err:
        raise RenderError(f"cannot run Graphviz dot ({program}): {err.strerror or err}") from err
    if done.returncode != 0 or not done.stdout:
        reason = _first_line(done.stderr, done.returncode)
        raise RenderError(f"Graphviz dot failed to draw the lineage as {fmt}: {reason}")
    return done.stdout


def render_bytes(view: Any, fmt: str, *, dpi: float | None = None) -> bytes:
    """The drawing of ``view`` in ``fmt`` (svg, png or pdf).

    ``dpi`` (PNG only): by default 144 for small views, 96 for big ones.
    """
    from kg.lineage.pack import drawing_dot  # imported here: pack runs dot through this module

    if fmt == "png" and dpi is None:
        dpi = PNG_DPI_SMALL if len(view) <= DETAIL_LIMIT else PNG_DPI_BIG
    if fmt not in FORMATS:
        raise UsageError(f"cannot draw {fmt!r}: the drawn formats are {', '.join(FORMATS)}")
    return run_dot(drawing_dot(view), fmt, dpi=dpi if fmt == "png" else None)


def render(view: Any, fmt: str, path: Path | str, *, dpi: float | None = None) -> None:
    """Draw ``view`` in ``fmt`` (svg, png or pdf) to ``path``, atomically (see :func:`render_bytes`)."""
    data = render_bytes(view, fmt, dpi=dpi)
    write_bytes_atomic(path, data)


def _first_line(stderr: bytes, returncode: int) -> str:
    text = stderr.decode("utf-8", "replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith("error")]
    line = (errors or lines or [f"exit code {returncode}, no message"])[0]
    return line if len(line) <= 300 else line[:297] + "..."


__all__ = [
    "FORMATS",
    "RenderError",
    "RendererMissing",
    "find_dot",
    "graphviz_output",
    "have_dot",
    "render",
    "render_bytes",
    "run_dot",
]
