"""Headless Chromium for tests of HTML pages: the DOM after the page's scripts ran, and console problems.

Tests that use it mark themselves with :data:`needs_chromium`, which skips them,
saying why, when ``/usr/bin/chromium`` is missing (``.ci/run`` installs it).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed (Debian: apt install chromium)"
)


def chromium(url: str, profile: Path, *extra: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on ``url`` with ``extra`` flags (``--dump-dom``, ``--screenshot=…``).

    ``profile`` is the user-data folder (reuse one across calls: a fresh one costs seconds).
    Pages that fetch after loading need ``--virtual-time-budget=MS``: Chromium
    then waits for their requests before it dumps the DOM.
    """
    profile.mkdir(parents=True, exist_ok=True)
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, url,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, timeout=timeout, check=False, text=True)


def console_problems(stderr: str) -> list[str]:
    """The lines of Chromium's log that report a console message or an uncaught exception."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
