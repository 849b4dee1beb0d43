"""uvicorn's httptools protocol with TCP_NODELAY on every connection, whatever the worker count.

With `--workers N`, uvicorn binds the listening socket itself as `socket.socket(AF_INET)`,
whose protocol number is 0, and asyncio only switches Nagle's algorithm off on sockets whose
protocol number is IPPROTO_TCP. uvicorn writes a response's headers and body in two writes, so
the body then waits for the client's delayed ACK, tens of milliseconds added to every request.
Setting the option per connection removes it.

httptools (llhttp, in C) rather than h11 (pure Python) parses requests: on 2 cores the server's
parsing CPU is CPU that Neo4j and the resolvers do not get (docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import socket
from contextlib import suppress

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# What `duegraph serve` passes to uvicorn (an import string, so spawned workers resolve it).
PROTOCOL = "graphapi.http.protocol:NoDelayHttpToolsProtocol"


def enable_nodelay(transport: asyncio.BaseTransport) -> None:
    """Send small writes at once on a TCP connection (no-op for Unix sockets)."""
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        with suppress(OSError):  # a connection already reset by the peer
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        enable_nodelay(transport)
        super().connection_made(transport)
