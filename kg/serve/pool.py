"""The pool of query workers behind ``kg serve``, and the time limit.

:class:`WorkerPool` keeps ``size`` worker processes (:mod:`kg.serve.worker`)
and hands each job to an idle one. A job that has no answer after
``timeout`` seconds is stopped the only way a running query can be stopped:
its worker is killed, a new one is started in the background, and the caller
gets :class:`QueryTimeout`. A worker that dies on its own (out of memory) is
replaced the same way (:class:`WorkerLost`).

A worker is a fresh interpreter (``python -c``) connected by a socket pair,
not a ``multiprocessing`` child: a forked child could inherit a lock held by
one of the server's threads, and ``spawn`` re-imports the caller's main
module, which breaks a script that calls :func:`kg.serve.create_server`
without an ``if __name__ == "__main__"`` guard.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import kg
from kg.errors import InputError
from kg.serve.worker import Job, Reply, Source

__all__ = ["PoolBusy", "QueryTimeout", "WorkerLost", "WorkerPool"]

log = logging.getLogger(__name__)

#: what a worker process runs (its end of the socket pair is the first argument)
_WORKER_CODE = "import sys; from kg.serve.worker import child_main; child_main(int(sys.argv[1]))"


class PoolError(Exception):
    """A job the pool could not get answered; ``str()`` is the message for the client."""


class QueryTimeout(PoolError):
    """The job ran past the time limit; its worker was killed."""


class PoolBusy(PoolError):
    """No worker became free within the time limit (or the pool is closing)."""


class WorkerLost(PoolError):
    """The worker died while it ran the job."""


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection
    number: int
    started: float = field(default_factory=time.monotonic)

    def alive(self) -> bool:
        """Whether the process still runs."""
        return self.process.poll() is None


class WorkerPool:
    """``size`` worker processes answering :class:`~kg.serve.worker.Job`s over ``source``, each job
    stopped after ``timeout`` seconds."""

    def __init__(self, source: Source, *, size: int = 2, timeout: float = 30.0) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.source = source
        self.size = size
        self.timeout = timeout
        #: the number of triples the workers report
        self.triples = 0
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: dict[int, _Worker] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._numbers = 0
        #: why the last replacement worker could not start (None once one has)
        self._start_error: str | None = None

    # ---------------------------------------------------------------- starting

    def _spawn(self) -> _Worker:
        with self._lock:
            self._numbers += 1
            number = self._numbers
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        package_root = str(Path(kg.__file__).resolve().parent.parent)  # kg importable from a checkout too
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", _WORKER_CODE, str(theirs.fileno())],
                pass_fds=[theirs.fileno()],
                env=env,
                stdin=subprocess.DEVNULL,
            )
        finally:
            theirs.close()
        conn = Connection(ours.detach())
        worker = _Worker(process, conn, number)
        with self._lock:
            self._workers[number] = worker
        conn.send(self.source)
        return worker

    def _await_ready(self, worker: _Worker) -> int:
        """Wait for the worker's first message; the triple count, or :class:`~kg.errors.InputError`."""
        while not worker.conn.poll(0.2):
            if not worker.alive() and not worker.conn.poll(0):
                self._discard(worker)
                raise InputError(f"a query worker stopped while starting (exit code {worker.process.returncode})")
        try:
            message = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._discard(worker)
            raise InputError(f"a query worker stopped while starting: {exc}") from exc
        if message[0] != "ready":
            self._discard(worker)
            raise InputError(str(message[1]))
        log.debug("worker %d ready in %.2f s", worker.number, time.monotonic() - worker.started)
        return int(message[1])

    def start(self) -> int:
        """Start the workers and wait until each has opened the graph; returns the triple count.

        Raises :class:`~kg.errors.InputError` (with the message of the worker's
        :class:`~kg.errors.GraphFileError`, naming the file) when a worker cannot open the graph.
        """
        try:
            workers = [self._spawn() for _ in range(self.size)]
            counts = [self._await_ready(worker) for worker in workers]
        except BaseException:
            self.close()
            raise
        self.triples = counts[0]
        for worker in workers:
            self._idle.put(worker)
        return self.triples

    def _replace(self) -> None:
        """Start a worker in the background and make it idle once it is ready."""

        def run() -> None:
            if self._closed:
                return
            try:
                worker = self._spawn()
                self._await_ready(worker)
            except Exception as exc:  # the pool goes on with one worker less
                if not self._closed:
                    self._start_error = str(exc)
                    log.error("could not start a new query worker: %s", exc)
                return
            self._start_error = None
            if self._closed:
                self._discard(worker)
            else:
                self._idle.put(worker)

        threading.Thread(target=run, name="kg-serve-replace", daemon=True).start()

    def _discard(self, worker: _Worker) -> None:
        """Kill the worker's process and forget it."""
        with self._lock:
            self._workers.pop(worker.number, None)
        if worker.alive():
            worker.process.kill()
        try:
            worker.process.wait(5)
        except subprocess.TimeoutExpired:  # pragma: no cover - a killed process always ends
            log.error("query worker %d (pid %d) did not stop", worker.number, worker.process.pid)
        worker.conn.close()

    # ---------------------------------------------------------------- running

    def run(self, job: Job) -> Reply:
        """The reply of an idle worker to ``job``.

        Raises :class:`PoolBusy` when no worker is free within the time limit,
        :class:`QueryTimeout` when the job takes longer than it (the worker is
        killed and replaced), :class:`WorkerLost` when the worker dies.
        """
        if self._closed:
            raise PoolBusy("the server is stopping")
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            if self._start_error is not None:
                raise PoolBusy(f"no query worker is free: a new one could not start: {self._start_error}") from None
            raise PoolBusy(
                f"all {self.size} query workers stayed busy for {self.timeout:g} s; try again later "
                "(or start kg serve with more --workers)"
            ) from None
        try:
            worker.conn.send(job)
            if worker.conn.poll(self.timeout):
                reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError) as exc:
            self._discard(worker)
            self._replace()
            code = worker.process.returncode
            raise WorkerLost(
                f"the query worker stopped while running the query (exit code {code}; out of memory?): {exc}; "
                "a new one was started"
            ) from None
        except BaseException:
            self._discard(worker)
            self._replace()
            raise
        self._discard(worker)
        self._replace()
        raise QueryTimeout(
            f"the query ran longer than {self.timeout:g} s, this endpoint's time limit, and was stopped: "
            "narrow it (add LIMIT, more specific patterns), or start kg serve with a larger --timeout"
        )

    # ---------------------------------------------------------------- stopping

    def close(self) -> None:
        """Stop every worker (idle or busy). Idempotent."""
        self._closed = True
        with self._lock:
            workers = list(self._workers.values())
        for worker in workers:
            with contextlib.suppress(OSError, ValueError):  # already closed
                worker.conn.send(None)
        deadline = time.monotonic() + 2
        for worker in workers:
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.process.wait(max(0.0, deadline - time.monotonic()))
            self._discard(worker)
