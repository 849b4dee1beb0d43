"""The API under test: `duegraph serve` as a subprocess on loopback, and throughput against it.

Only 127.0.0.1 traffic; every phase is bounded by a request count and a duration.
"""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph_schema.settings import Settings
from graphapi.tooling.bench import event_loop, gql_client
from graphapi.tooling.bench.load_bench import bench_env, duegraph_executable
from graphapi.tooling.local_server import free_port, stop, wait_ready

COMPANY: str = "query($id: ID!) { company(id: $id) { id name status legalForm } }"


@dataclass(frozen=True)
class Throughput:
    clients: int
    requests: int
    seconds: float
    errors: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


@contextmanager
def api_server(settings: Settings, workers: int, work: Path) -> Iterator[str]:
    """Start `duegraph serve`, wait for /healthz, yield its base URL, stop it (by pid)."""
    port = free_port()
    cmd = [
        *duegraph_executable(),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    env = bench_env(settings, DUEGRAPH_API_AUDIT_LOG=str(work / "audit.jsonl"))
    log = (work / "serve.log").open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(
            proc, base, 60, lambda why: RuntimeError(f"duegraph serve {why}; see {log.name}")
        )
        yield base
    finally:
        stop(proc)
        log.close()


async def _run_level(
    base_url: str, keys: Sequence[str], clients: int, max_requests: int, max_seconds: float
) -> Throughput:
    sent = 0
    errors = 0
    async with gql_client.session(base_url, clients, 30.0) as client:
        started = time.perf_counter()
        stop_at = started + max_seconds

        async def worker() -> None:
            nonlocal sent, errors
            while sent < max_requests and time.perf_counter() < stop_at:
                key = keys[sent % len(keys)]
                sent += 1
                if not await gql_client.post(client, COMPANY, {"id": key}):
                    errors += 1

        await asyncio.gather(*(worker() for _ in range(clients)))
        seconds = time.perf_counter() - started
    return Throughput(clients, sent, seconds, errors)


def run_throughput(
    base_url: str,
    keys: Sequence[str],
    levels: Sequence[int],
    max_requests: int,
    max_seconds: float,
) -> list[Throughput]:
    out = []
    for clients in levels:
        # A short warm-up at each level so the connection pools are open before timing.
        event_loop.run(_run_level(base_url, keys, clients, clients * 5, max_seconds))
        out.append(event_loop.run(_run_level(base_url, keys, clients, max_requests, max_seconds)))
    return out
