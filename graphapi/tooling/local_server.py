"""`duegraph serve` run as a subprocess on a free loopback port: by the benchmark, the soak and
the web tests."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(
    proc: subprocess.Popen[bytes],
    base: str,
    timeout_s: float,
    failure: Callable[[str], Exception],
) -> None:
    """Poll `base`/readyz until it answers 200; raise `failure(why)` when the server exits or
    is not ready in time."""
    deadline = time.monotonic() + timeout_s
    while True:
        if proc.poll() is not None:
            raise failure(f"exited ({proc.returncode})")
        try:
            if httpx.get(f"{base}/readyz", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise failure(f"was not ready in {timeout_s:.0f}s")
        time.sleep(0.2)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate, and kill what does not stop in 20 s."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
