"""A throwaway Virtuoso server on loopback, for the tests that push to a real triple store.

Debian's ``virtuoso-opensource-7`` gives ``virtuoso-t``; :func:`start` runs it in
the foreground on a fresh database in a folder of its own, on free loopback
ports, with ``dba``/``dba`` (a new database's account), and waits until its
SPARQL endpoint answers. ``.ci/run`` starts one this way and passes its address
to the tests in ``KG_TEST_VIRTUOSO``; without that variable the tests start
their own when ``virtuoso-t`` is on the PATH, and skip otherwise.

From a shell::

    python tests/virtuoso.py start DIR    # prints the base URL (http://127.0.0.1:PORT); writes DIR/pid
    python tests/virtuoso.py stop DIR
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

#: The variable that names a running server's base URL (``http://127.0.0.1:PORT``).
ENV = "KG_TEST_VIRTUOSO"
USER, PASSWORD = "dba", "dba"
_VSP = Path("/var/lib/virtuoso-opensource-7/vsp")

_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 0
DirsAllowed = ., {d}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {vsp}
ServerThreads = 10
Charset = UTF-8

[SPARQL]
; a default install caps results at 10,000 rows; the canned queries must see them all
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


@dataclass(frozen=True)
class Virtuoso:
    """A server's base URL and its endpoints."""

    base: str

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    @property
    def graph_store(self) -> str:
        """The Graph Store Protocol endpoint that takes credentials (``/sparql-graph-crud`` is read-only)."""
        return f"{self.base}/sparql-graph-crud-auth"


def executable() -> str | None:
    return shutil.which("virtuoso-t")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def start(folder: Path, *, wait: float = 60.0) -> tuple[Virtuoso, subprocess.Popen[bytes]]:
    """Start ``virtuoso-t`` on a new database in ``folder``; RuntimeError when it does not come up."""
    binary = executable()
    if binary is None:
        raise RuntimeError("virtuoso-t is not installed (Debian: apt-get install virtuoso-opensource-7)")
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    http = _free_port()
    sql = _free_port()
    while sql == http:
        sql = _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_INI.format(d=folder, sql=sql, http=http, vsp=_VSP), encoding="utf-8")
    server = Virtuoso(f"http://127.0.0.1:{http}")
    command = [binary, "+foreground", "+configfile", str(ini)]
    process = launch(command, folder, server.sparql, wait=wait, poll=0.5, log=folder / "virtuoso.log")
    return server, process


def launch(
    command: list[str], folder: Path, sparql: str, *, wait: float, poll: float, log: Path
) -> subprocess.Popen[bytes]:
    """Run ``command`` in ``folder`` (its output in folder/stdout.log, in a session of its own)
    until its SPARQL endpoint answers; write folder/pid. RuntimeError naming ``log`` when it exits
    or does not answer within ``wait`` seconds (then it is stopped)."""
    name = Path(command[0]).name
    output = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(command, cwd=folder, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}; see {log}")
        if _answers(sparql):
            (folder / "pid").write_text(str(process.pid), encoding="utf-8")
            return process
        time.sleep(poll)
    stop(process)
    raise RuntimeError(f"{name} did not answer on {sparql} within {wait:g} s; see {log}")

def stop(process: subprocess.Popen[bytes] | int) -> None:
    """Stop the server (SIGTERM, then SIGKILL after 20 s)."""
    pid = process if isinstance(process, int) else process.pid
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    if isinstance(process, int):
        for _ in range(200):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)
        return
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("start", "stop"):
        print("usage: python tests/virtuoso.py start|stop DIR", file=sys.stderr)
        return 2
    folder = Path(argv[2])
    if argv[1] == "start":
        try:
            server, _process = start(folder)
        except RuntimeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(server.base)
        return 0
    pid_file = folder / "pid"
    if pid_file.is_file():
        stop(int(pid_file.read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
