"""`duegraph serve` switches Nagle off on every connection, also on uvicorn's worker sockets."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from typing import Any

import httpx
import uvicorn
from pytest import MonkeyPatch

from graphapi.cli import serve as cli_serve
from graphapi.http.protocol import PROTOCOL, NoDelayHttpToolsProtocol, enable_nodelay


def _worker_style_socket() -> socket.socket:
    """Bound the way uvicorn binds for `--workers N`: protocol number 0, not IPPROTO_TCP."""
    sock = socket.socket(family=socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    assert sock.proto == 0
    return sock


def _nodelay(transport: asyncio.BaseTransport) -> int:
    sock = transport.get_extra_info("socket")
    return int(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


async def _accepted_nodelay(fix: bool) -> int:
    seen: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            if fix:
                enable_nodelay(transport)
            seen.append(_nodelay(transport))
            transport.close()

    sock = _worker_style_socket()
    server = await asyncio.get_running_loop().create_server(Probe, sock=sock)
    port = sock.getsockname()[1]
    _, writer = await asyncio.open_connection("127.0.0.1", port)
    for _ in range(100):
        if seen:
            break
        await asyncio.sleep(0.01)
    writer.close()
    server.close()
    await server.wait_closed()
    return seen[0]


async def test_asyncio_leaves_nagle_on_for_worker_sockets_and_we_switch_it_off() -> None:
    assert await _accepted_nodelay(fix=False) == 0  # the behaviour this module works around
    assert await _accepted_nodelay(fix=True) == 1


async def _ok(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def test_uvicorn_with_our_protocol_serves_with_nodelay_on_a_worker_socket() -> None:
    seen: list[int] = []

    class Spy(NoDelayHttpToolsProtocol):
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            seen.append(_nodelay(transport))

    sock = _worker_style_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(_ok, http=Spy, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        response = httpx.get(f"http://127.0.0.1:{port}/")
        assert response.status_code == 200 and response.text == "ok"
        assert seen == [1]
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def test_serve_passes_the_protocol_to_uvicorn_by_import_path(monkeypatch: MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    cli_serve.serve_command(host="127.0.0.1", port=8999, workers=2)
    assert calls and calls[0]["http"] == PROTOCOL and calls[0]["workers"] == 2
    # Spawned workers import it by name: the string must resolve to the class.
    config = uvicorn.Config("graphapi.app:app_from_env", factory=True, http=PROTOCOL)
    config.load()
    assert config.http_protocol_class is NoDelayHttpToolsProtocol
