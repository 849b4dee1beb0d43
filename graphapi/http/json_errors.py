"""Every 4xx answer is JSON with a typed `extensions.code`, like the GraphQL errors.

Strawberry and Starlette answer some refusals in plain text: a form-encoded or text/plain POST
("Unsupported content type"), a GET query, a body without a query, a wrong method. A client
(or a proxy's log) then cannot tell them apart by code. This outermost middleware rewrites any
4xx whose body is not JSON (or an HTML page) into
`{"errors": [{"message": <the original text>, "extensions": {"code": ...}}]}`, keeping the
status and the other headers (`Allow`, `WWW-Authenticate`, CORS).
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    413: "REQUEST_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    429: "TOO_MANY_REQUESTS",
}
# What the plain texts mean for a client that sent them (the original text is kept too).
HINTS = {
    "Unsupported content type": "send the operation as JSON (Content-Type: application/json)",
    "queries are not allowed when using GET": "send queries by POST, as JSON",
    "mutations are not allowed when using GET": "send mutations by POST, as JSON",
}


def _content_type(headers: list[tuple[bytes, bytes]]) -> bytes:
    for name, value in headers:
        if name.lower() == b"content-type":
            return value.split(b";")[0].strip().lower()
    return b""


def json_error_body(status: int, text: str) -> bytes:
    message = text.strip() or "bad request"
    hint = HINTS.get(message)
    if hint:
        message = f"{message}: {hint}"
    code = CODES.get(status, "BAD_REQUEST")
    return json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]}).encode()


class JsonErrors:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        held: Message | None = None
        body: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start":
                status = message["status"]
                kind = _content_type(list(message.get("headers", ())))
                if 400 <= status < 500 and kind not in (b"application/json", b"text/html"):
                    held = message  # rewritten once the whole (small) body has arrived
                    return
            elif message["type"] == "http.response.body" and held is not None:
                body.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                text = b"".join(body).decode("utf-8", "replace")
                payload = json_error_body(held["status"], text)
                headers = [
                    (k, v)
                    for k, v in held.get("headers", ())
                    if k.lower() not in (b"content-type", b"content-length")
                ]
                headers += [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                ]
                await send({**held, "headers": headers})
                await send({"type": "http.response.body", "body": payload})
                return
            await send(message)

        await self.app(scope, receive, rewrite)
