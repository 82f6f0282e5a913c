"""Progress of a build: events the library emits, and a terminal display for them.

:func:`kg.build` calls ``progress(ProgressEvent(...))`` as it goes; any
callable will do. :class:`TerminalProgress` draws one status line on a
terminal (documents done / total, rate, ETA), redrawn at most ten times a
second. :func:`terminal_progress` gives one only when the stream is a
terminal and the user did not ask for quiet, so piped output stays clean.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

#: the stages of a build, in order
STAGES = ("read", "extract", "map", "validate")
#: the stage of ``kg push`` (triples sent of the total)
PUSH_STAGE = "push"


@dataclass(frozen=True)
class ProgressEvent:
    """``done`` of ``total`` items of ``stage`` are finished; ``item`` is the last one."""

    stage: str  # one of STAGES
    done: int
    total: int | None = None  # None while unknown
    item: str | None = None  # e.g. the file just processed

    @property
    def finished(self) -> bool:
        return self.total is not None and self.done >= self.total


ProgressCallback = Callable[[ProgressEvent], None]

_LABELS = {
    "read": "reading",
    "extract": "extracting",
    "map": "building graph",
    "validate": "validating",
    "push": "pushing",
}
_BAR_WIDTH = 20


class TerminalProgress:
    """Draws a single, overwritten status line on ``stream`` (a terminal)."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.clock = clock
        self._stage: str | None = None
        self._started = 0.0
        self._last_draw = float("-inf")
        self._width = 0

    def __call__(self, event: ProgressEvent) -> None:
        now = self.clock()
        if event.stage != self._stage:
            self._stage = event.stage
            self._started = now
            self._last_draw = float("-inf")
        if not event.finished and now - self._last_draw < self.interval:
            return
        self._last_draw = now
        self._draw(self.render(event, now - self._started))

    def render(self, event: ProgressEvent, elapsed: float) -> str:
        """The status line for ``event`` after ``elapsed`` seconds of its stage."""
        if event.stage == PUSH_STAGE:
            return _render_push(event, elapsed)
        label = _LABELS.get(event.stage, event.stage)
        text = f"{label}: {event.done}" + (f"/{event.total}" if event.total is not None else "")
        if event.stage == "read":
            text += " inputs"
        elif event.stage == "extract":
            text += " documents"
        if event.stage == "extract" and event.total is not None and event.done and elapsed > 0:
            rate = event.done / elapsed
            remaining = max(event.total - event.done, 0) / rate
            text += f"  {rate:.1f} docs/s  ETA {_clock(remaining)}"
        if event.item and not event.finished:
            text += f"  {event.item}"
        return text

    def clear(self) -> None:
        """Erase the status line for a moment (before a log message); the next event redraws it."""
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
            self._last_draw = float("-inf")

    def _draw(self, text: str) -> None:
        global _active
        _active = self
        width = _columns() - 1
        if len(text) > width:
            text = text[: max(width - 1, 0)] + "…"
        pad = max(self._width - len(text), 0)
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        """Erase the status line; the display is done."""
        global _active
        self.clear()
        if _active is self:
            _active = None


_active: TerminalProgress | None = None


def active_display() -> TerminalProgress | None:
    """The display whose line is on the terminal now, if any (log handlers clear it first)."""
    return _active


def terminal_progress(*, quiet: bool = False, stream: TextIO | None = None) -> TerminalProgress | None:
    """A :class:`TerminalProgress` on ``stream`` (stderr), or None when quiet or not a terminal."""
    stream = stream if stream is not None else sys.stderr
    if quiet:
        return None
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return TerminalProgress(stream)


def _render_push(event: ProgressEvent, elapsed: float) -> str:
    """``pushing [#####·····] 25%  12,000/48,000 triples  6,000 triples/s  ETA 0:06  <graph>``."""
    total = event.total or 0
    share = min(event.done / total, 1.0) if total else 0.0
    filled = int(share * _BAR_WIDTH)
    text = f"pushing [{'#' * filled}{'·' * (_BAR_WIDTH - filled)}] {share:4.0%}  {event.done:,}/{total:,} triples"
    if event.done and elapsed > 0:
        rate = event.done / elapsed
        text += f"  {rate:,.0f} triples/s  ETA {_clock(max(total - event.done, 0) / rate)}"
    if event.item and not event.finished:
        text += f"  {event.item}"
    return text


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _columns() -> int:
    try:
        return shutil.get_terminal_size((80, 24)).columns
    except (OSError, ValueError):  # pragma: no cover
        return 80


__all__ = [
    "PUSH_STAGE",
    "STAGES",
    "ProgressCallback",
    "ProgressEvent",
    "TerminalProgress",
    "active_display",
    "terminal_progress",
]
