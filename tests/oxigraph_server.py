"""A throwaway Oxigraph server on loopback, for the tests that push to a real triple store.

The ``oxigraph`` package (a test extra) installs the ``oxigraph`` command, Oxigraph's own
SPARQL server. :func:`start` runs ``oxigraph serve`` on a fresh database in a folder of its
own, on a free loopback port, with ``--union-default-graph`` (so a query without GRAPH sees
every named graph, as the README tells users to start it), and waits until it answers.
It has no accounts: kg push sends no credentials. ``virtuoso.stop`` stops it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.virtuoso import _free_port, launch


@dataclass(frozen=True)
class OxigraphServer:
    """A server's base URL and its endpoints."""

    base: str

    @property
    def sparql(self) -> str:
        return f"{self.base}/query"

    @property
    def graph_store(self) -> str:
        return f"{self.base}/store"


def executable() -> str | None:
    """The ``oxigraph`` command: beside this Python (a venv's bin/), else on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    return shutil.which("oxigraph")


def start(folder: Path, *, wait: float = 30.0) -> tuple[OxigraphServer, subprocess.Popen[bytes]]:
    """Start ``oxigraph serve`` on a new database in ``folder``; RuntimeError when it does not come up."""
    binary = executable()
    if binary is None:
        raise RuntimeError("the oxigraph command is not installed (pip install oxigraph, a test extra of kg)")
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    server = OxigraphServer(f"http://127.0.0.1:{port}")
    command = [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"]
    command.append("--union-default-graph")
    process = launch(command, folder, server.sparql, wait=wait, poll=0.2, log=folder / "stdout.log")
    return server, process
