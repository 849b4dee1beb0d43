"""Peer phase: duegraph's API beside the Neo4j GraphQL Library on the same Neo4j, in one run.

The peer is `@neo4j/graphql` on Apollo Server (`peer/server.mjs`, versions pinned by
`peer/package-lock.json`), which compiles each GraphQL request into one Cypher statement. Its
dependencies are installed by `npm ci` into a cache folder the first time the phase runs (never
when duegraph is installed); without Node.js 20+ and npm the phase is skipped with the reason.

Both servers run the same number of processes (`duegraph serve --workers N`, the peer's cluster
of N Node processes; N = 1 by default, as in the issue's measurement) and answer the same
questions: the benchmark's nested read (company -> directors -> their mandates -> company -> 5
events), translated to the peer's schema so that both return the same data (checked on a few
companies before anything is timed), and a company lookup. Each kind is measured at each client
count on both sides, one after the other, in alternating order over several rounds.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from graph_schema.settings import Settings
from graphapi.tooling.bench import event_loop, gql_client
from graphapi.tooling.bench.http_bench import COMPANY, api_server
from graphapi.tooling.bench.query_bench import GQL
from graphapi.tooling.local_server import free_port

PEER_DIR = Path(__file__).resolve().parent / "peer"
PEER_FILES = ("package.json", "package-lock.json", "server.mjs")
LIBRARY = "@neo4j/graphql"
MIN_NODE = 20
# Outside the repository and the benchmark's own data dir (wiped by each run): installed once.
DEFAULT_CACHE = Path.home() / ".cache" / "duegraph" / "graphql-peer"

# The benchmark's nested query (query_bench.GQL["nested"]) in the peer's schema: the same
# fields, pages and orders. duegraph orders directors and mandates by end (in office first),
# then start, newest first, then name, and events by date, newest first, then kind and key.
PEER_NESTED = """query($id: ID!) { companies(where: { id: { eq: $id } }) { id name
  directorsConnection(first: 10, sort: [{ edge: { end: DESC } }, { edge: { start: DESC } },
      { node: { name: ASC } }]) {
    edges { properties { role start end } node { id name ... on Person {
      mandatesConnection(first: 10, sort: [{ edge: { end: DESC } }, { edge: { start: DESC } },
          { node: { name: ASC } }]) {
        edges { properties { role start } node { id name status
          eventsConnection(first: 5, sort: [{ node: { date: DESC } }, { node: { kind: ASC } },
              { node: { id: ASC } }]) { edges { node { kind date } } } } } } } } } } } }"""
PEER_COMPANY = (
    "query($id: ID!) { companies(where: { id: { eq: $id } }) { id name status legalForm } }"
)

QUERIES: dict[str, tuple[str, str]] = {  # kind -> (duegraph's query, the peer's)
    "nested": (GQL["nested"], PEER_NESTED),
    "company": (COMPANY, PEER_COMPANY),
}
CHECKED = 5  # companies whose nested answers must be equal on both sides


def unavailable() -> str | None:
    """Why the peer cannot run here (None: Node.js 20+ and npm are on PATH)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        missing = " and ".join(name for name, path in (("node", node), ("npm", npm)) if not path)
        return f"Node.js {MIN_NODE}+ and npm are needed ({missing} not found on PATH)"
    done = subprocess.run([node, "--version"], capture_output=True, text=True, check=False)
    match = re.match(r"v(\d+)", done.stdout.strip())
    if match is None or int(match.group(1)) < MIN_NODE:
        return f"Node.js {MIN_NODE}+ is needed (found {done.stdout.strip() or 'none'})"
    return None


def install(cache: Path) -> Path:
    """The peer's folder with its dependencies: `npm ci` into `cache/<lock hash>` once (install
    scripts off: none is needed); the server script is copied on every run."""
    lock = (PEER_DIR / "package-lock.json").read_bytes()
    target = cache / hashlib.sha256(lock).hexdigest()[:16]
    target.mkdir(parents=True, exist_ok=True)
    for name in PEER_FILES:
        shutil.copyfile(PEER_DIR / name, target / name)
    done_marker = target / ".installed"
    if not done_marker.exists():
        npm = shutil.which("npm") or "npm"
        cmd = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
        done = subprocess.run(cmd, cwd=target, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            raise RuntimeError(f"npm ci of the GraphQL peer failed in {target}:\n{tail}")
        done_marker.write_text("ok\n")
    return target


def versions(folder: Path) -> dict[str, str]:
    """The installed versions of the peer's direct dependencies (from the lock file)."""
    lock = json.loads((folder / "package-lock.json").read_text(encoding="utf-8"))
    wanted = json.loads((folder / "package.json").read_text(encoding="utf-8"))["dependencies"]
    packages = lock.get("packages", {})
    return {name: packages.get(f"node_modules/{name}", {}).get("version", "?") for name in wanted}


@contextmanager
def peer_server(settings: Settings, folder: Path, processes: int, log: Path) -> Iterator[str]:
    """Start the peer on a free loopback port, yield its base URL, stop it (its process group)."""
    port = free_port()
    env = {
        **os.environ,
        "NODE_ENV": "production",
        "NEO4J_URI": settings.neo4j.uri,
        "NEO4J_USER": settings.neo4j.user,
        "NEO4J_PASSWORD": settings.neo4j.password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j.database,
        "PEER_HOST": "127.0.0.1",
        "PEER_PORT": str(port),
        "PEER_PROCESSES": str(processes),
    }
    node = shutil.which("node") or "node"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [node, "server.mjs"],
            cwd=folder,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # the cluster's workers are stopped with it
        )
        try:
            _wait_ready(proc, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            _stop_group(proc)


def _wait_ready(proc: subprocess.Popen[bytes], log: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while "ready " not in log.read_text(errors="replace"):
        if proc.poll() is not None:
            raise RuntimeError(f"the GraphQL peer exited ({proc.returncode}); see {log}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the GraphQL peer did not become ready; see {log}")
        time.sleep(0.2)


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


# --- the same answers on both sides ---------------------------------------------------------


def _events(connection: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(e["node"]["kind"], e["node"]["date"]) for e in connection["edges"]]


def ours_nested(data: dict[str, Any]) -> Any:
    """duegraph's nested answer as plain tuples (None: no such company)."""
    company = data.get("company")
    if company is None:
        return None
    directors = []
    for edge in company["directors"]["edges"]:
        link, who = edge["node"], edge["node"]["director"]
        mandates = None
        if "mandates" in who:
            mandates = [
                (
                    m["node"]["role"],
                    m["node"]["start"],
                    m["node"]["company"]["id"],
                    m["node"]["company"]["name"],
                    m["node"]["company"]["status"],
                    _events(m["node"]["company"]["events"]),
                )
                for m in who["mandates"]["edges"]
            ]
        directors.append(
            (link["role"], link["start"], link["end"], who["id"], who["name"], mandates)
        )
    return (company["id"], company["name"], directors)


def peer_nested(data: dict[str, Any]) -> Any:
    """The peer's nested answer as the same plain tuples."""
    found = data.get("companies") or []
    if not found:
        return None
    company = found[0]
    directors = []
    for edge in company["directorsConnection"]["edges"]:
        link, who = edge["properties"], edge["node"]
        mandates = None
        if "mandatesConnection" in who:
            mandates = [
                (
                    m["properties"]["role"],
                    m["properties"]["start"],
                    m["node"]["id"],
                    m["node"]["name"],
                    m["node"]["status"],
                    _events(m["node"]["eventsConnection"]),
                )
                for m in who["mandatesConnection"]["edges"]
            ]
        directors.append(
            (link["role"], link["start"], link["end"], who["id"], who["name"], mandates)
        )
    return (company["id"], company["name"], directors)


async def _answer(client: aiohttp.ClientSession, query: str, key: str) -> dict[str, Any]:
    async with client.post("/graphql", json={"query": query, "variables": {"id": key}}) as r:
        body = await r.json(content_type=None)
    if r.status != 200 or not isinstance(body, dict) or body.get("errors"):
        raise RuntimeError(f"{query[:40]}… for {key}: HTTP {r.status}, {str(body)[:500]}")
    data: dict[str, Any] = body["data"]
    return data


async def _differences(ours: str, peer: str, keys: Sequence[str]) -> list[str]:
    out = []
    async with gql_client.session(ours, 1, 60.0) as a, gql_client.session(peer, 1, 60.0) as b:
        for key in keys:
            mine = ours_nested(await _answer(a, GQL["nested"], key))
            theirs = peer_nested(await _answer(b, PEER_NESTED, key))
            if mine is None or mine != theirs:
                out.append(f"{key}: duegraph {mine!r} / peer {theirs!r}"[:2000])
    return out


def check_same_answers(ours: str, peer: str, keys: Sequence[str]) -> int:
    """Both sides answer the nested read with the same data on `keys`; raises otherwise (the
    timings of two different answers would compare nothing). Returns the number checked."""
    differences = event_loop.run(_differences(ours, peer, keys))
    if differences:
        raise RuntimeError(
            "the GraphQL peer and duegraph answer differently:\n" + "\n".join(differences)
        )
    return len(keys)


# --- timing ----------------------------------------------------------------------------------


@dataclass
class Level:
    """One side, one query kind, one client count, summed over the rounds."""

    latencies: list[float] = field(default_factory=list)  # seconds per request
    requests: int = 0
    seconds: float = 0.0
    errors: int = 0

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    def add(self, other: Level) -> None:
        self.latencies += other.latencies
        self.requests += other.requests
        self.seconds += other.seconds
        self.errors += other.errors


@dataclass
class PeerFigures:
    processes: int
    rounds: int
    checked: int  # companies whose nested answers were compared equal
    versions: dict[str, str]
    node: str
    # (kind, clients) -> (duegraph, peer)
    levels: dict[tuple[str, int], tuple[Level, Level]] = field(default_factory=dict)


async def _run_level(
    base_url: str, query: str, keys: Sequence[str], clients: int, max_requests: int, max_s: float
) -> Level:
    level = Level()
    sent = 0
    async with gql_client.session(base_url, clients, 30.0) as client:
        started = time.perf_counter()
        stop_at = started + max_s

        async def worker() -> None:
            nonlocal sent
            while sent < max_requests and time.perf_counter() < stop_at:
                key = keys[sent % len(keys)]
                sent += 1
                begun = time.perf_counter()
                ok = await gql_client.post(client, query, {"id": key})
                level.latencies.append(time.perf_counter() - begun)
                if not ok:
                    level.errors += 1

        await asyncio.gather(*(worker() for _ in range(clients)))
        level.seconds = time.perf_counter() - started
    level.requests = sent
    return level


def run_peer_comparison(
    ours: str,
    peer: str,
    keys: Sequence[str],
    levels: Sequence[int],
    rounds: int,
    max_requests: int,
    max_seconds: float,
) -> dict[tuple[str, int], tuple[Level, Level]]:
    """Each kind at each client count, duegraph and the peer one after the other, the side that
    goes first alternating from round to round; a warm-up pass on each side first."""
    urls = {"ours": ours, "peer": peer}
    for mine, theirs in QUERIES.values():
        for side, query in (("ours", mine), ("peer", theirs)):
            event_loop.run(_run_level(urls[side], query, keys, 1, len(keys), max_seconds))
    out = {(kind, n): (Level(), Level()) for kind in QUERIES for n in levels}
    for round_no in range(rounds):
        order = ("ours", "peer") if round_no % 2 == 0 else ("peer", "ours")
        for kind, (mine, theirs) in QUERIES.items():
            for clients in levels:
                for side in order:
                    query = mine if side == "ours" else theirs
                    # Connection pools open before timing, as in the throughput phase.
                    event_loop.run(_run_level(urls[side], query, keys, clients, clients * 2, 5.0))
                    timed = event_loop.run(
                        _run_level(urls[side], query, keys, clients, max_requests, max_seconds)
                    )
                    out[(kind, clients)][0 if side == "ours" else 1].add(timed)
    return out


def node_version() -> str:
    node = shutil.which("node") or "node"
    done = subprocess.run([node, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def run_peer(
    settings: Settings,
    keys: Sequence[str],
    levels: Sequence[int],
    processes: int,
    rounds: int,
    max_requests: int,
    max_seconds: float,
    work: Path,
    cache: Path,
) -> PeerFigures:
    """Install and start the peer and `duegraph serve` with as many processes, check that they
    answer alike, then time both (the caller checked `unavailable()` first)."""
    folder = install(cache)
    figures = PeerFigures(processes, rounds, 0, versions(folder), node_version())
    with (
        peer_server(settings, folder, processes, work / "peer.log") as peer,
        api_server(settings, processes, work) as ours,
    ):
        figures.checked = check_same_answers(ours, peer, keys[:CHECKED])
        figures.levels = run_peer_comparison(
            ours, peer, keys, levels, rounds, max_requests, max_seconds
        )
    return figures
