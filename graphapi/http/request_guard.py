"""Body-level guard for POST /graphql: size cap (413) and no batched operations (400).

Runs after the key check, so an unauthenticated client never makes the server buffer a body.
Strawberry answers a JSON array (a batch) or a broken body with plain text; here every refusal
is a JSON body with a typed `extensions.code`, like the GraphQL errors:
  REQUEST_TOO_LARGE     the body is over `max_bytes` (Content-Length or the bytes actually sent)
  BATCH_NOT_SUPPORTED   a JSON array of operations: one operation per request keeps the
                        per-request limits (depth, aliases, cost, timeout) meaningful
  BAD_REQUEST           not JSON, or JSON that is not an object
"""

from __future__ import annotations

import json

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 1_000_000  # far above any real query (the token limit is 2,000 tokens)


class BodyTooLarge(Exception):
    pass


def _error(status: int, code: str, message: str) -> JSONResponse:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return JSONResponse(body, status_code=status)


async def _read_body(receive: Receive, max_bytes: int) -> bytes:
    """The whole body, refusing as soon as more than `max_bytes` arrived."""
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > max_bytes:
            raise BodyTooLarge
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            return bool(value.split(b";")[0].strip().lower() == b"application/json")
    return False


def _check_json(body: bytes) -> JSONResponse | None:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return _error(400, "BAD_REQUEST", "the request body is not valid JSON")
    if isinstance(data, list):
        return _error(
            400,
            "BATCH_NOT_SUPPORTED",
            "batched operations are not supported: send one operation per request",
        )
    if not isinstance(data, dict):
        return _error(400, "BAD_REQUEST", "the request body must be a JSON object")
    return None


class RequestGuard:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and scope["path"].startswith("/graphql")
        ):
            await self.app(scope, receive, send)
            return
        too_large = _error(
            413, "REQUEST_TOO_LARGE", f"the request body is over {self.max_bytes} bytes"
        )
        declared = _declared_length(scope)
        if declared is not None and declared > self.max_bytes:
            await too_large(scope, receive, send)
            return
        try:
            body = await _read_body(receive, self.max_bytes)
        except BodyTooLarge:
            await too_large(scope, receive, send)
            return
        if _is_json(scope):
            refusal = _check_json(body)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        await self.app(scope, _replay(body, receive), send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive() that hands the buffered body over once, then waits on the real one."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
