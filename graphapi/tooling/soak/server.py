"""For the soak test: run `duegraph serve` on a free loopback port, and find a server's pid."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import psutil

from graph_schema.errors import DuegraphError, SetupError
from graph_schema.settings import Settings
from graphapi.tooling.local_server import free_port, stop, wait_ready

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def check_loopback(url: str) -> None:
    """The soak is a load generator: it only ever targets this machine."""
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK_HOSTS:
        raise SetupError(f"the soak only targets loopback servers (127.0.0.1), not {host!r}")


def listener_pid(url: str) -> int | None:
    """The pid listening on the URL's port, when the OS lets us see it."""
    port = urlsplit(url).port or 80
    try:
        for conn in psutil.net_connections(kind="tcp"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port:
                return conn.pid
    except (psutil.AccessDenied, PermissionError):
        return None
    return None


def rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    try:
        return float(psutil.Process(pid).memory_info().rss) / 2**20
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return None


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@contextmanager
def serve_locally(
    settings: Settings, workdir: Path, timeout_s: float = 60.0
) -> Iterator[tuple[str, int]]:
    """Start `duegraph serve` (one worker) on 127.0.0.1; yields (GraphQL URL, server pid)."""
    port = free_port()
    executable = Path(sys.executable).parent / "duegraph"
    cmd = [str(executable), "serve", "--host", "127.0.0.1", "--port", str(port)]
    env = {
        **os.environ,
        "NEO4J_URI": settings.neo4j.uri,
        "NEO4J_DATABASE": settings.neo4j.database,
        "DUEGRAPH_API_AUDIT_LOG": str(workdir / "soak-audit.jsonl"),
    }
    log_path = workdir / "soak-server.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(
            proc,
            base,
            timeout_s,
            lambda why: DuegraphError(f"`duegraph serve` {why}:\n{_tail(log_path)}"),
        )
        yield f"{base}/graphql", proc.pid
    finally:
        stop(proc)
