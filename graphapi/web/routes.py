"""Routes of the workspace: pages, static files, the report download and portfolio screening.

Pages and static files hold no data and are served without a key (the page asks for one when
keys are configured); every endpoint that returns data checks the key like /graphql does, and
writes the audit trail before it answers. Pages carry a Content-Security-Policy that allows
nothing but this origin, so no page can load or send anything elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from graphapi.errors import Unauthenticated
from graphapi.http.audit import AuditLog
from graphapi.http.auth import Authenticator
from graphapi.web.report import report_endpoint
from graphapi.web.screening import screen_endpoint

STATIC = Path(__file__).resolve().parent / "static"

# The pages' own scripts and styles come from this origin; GraphiQL and the network
# library set style attributes, hence 'unsafe-inline' for styles only (no inline script).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def _page(name: str) -> FileResponse:
    return FileResponse(STATIC / name, media_type="text/html", headers=PAGE_HEADERS)


async def index(request: Request) -> Response:
    return _page("index.html")


async def graphiql(request: Request) -> Response:
    return _page("graphiql.html")


async def session(request: Request) -> Response:
    """Whether a key is needed, and (with a key) which role it has; holds no data."""
    authenticator: Authenticator = request.app.state.authenticator
    body: dict[str, object] = {"keysRequired": authenticator.enabled}
    try:
        caller = authenticator.caller(request)
    except Unauthenticated as exc:
        body.update(role=None, error=exc.message)
        return JSONResponse(body, status_code=401 if authenticator.enabled else 200)
    body["role"] = caller.role.value
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


class StaticAssets(StaticFiles):
    """The app's scripts, styles and vendored libraries, with the pages' security headers."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers["X-Content-Type-Options"] = "nosniff"
        # Vendored files carry their version in the folder name: cache them; our own
        # files change with the code: revalidate them.
        response.headers["Cache-Control"] = (
            "public, max-age=86400" if path.startswith("vendor/") else "no-cache"
        )
        return response


def web_routes(audit_log: AuditLog) -> list[BaseRoute]:
    """The workspace's routes, to put beside /graphql (the app state must hold the
    authenticator; the audit log is the one /graphql writes to)."""

    async def report(request: Request) -> Response:
        return await report_endpoint(request, audit_log)

    async def screen(request: Request) -> Response:
        return await screen_endpoint(request, audit_log)

    return [
        Route("/", index, methods=["GET", "HEAD"]),
        Route("/graphiql", graphiql, methods=["GET", "HEAD"]),
        Route("/api/session", session, methods=["GET"]),
        Route("/api/report/{company_id:path}", report, methods=["GET"]),
        Route("/api/screen", screen, methods=["POST"]),
        Mount("/static", app=StaticAssets(directory=STATIC), name="static"),
    ]


class WebMiddleware:
    """A browser opening /graphql gets the self-hosted GraphiQL (/graphiql), never the
    strawberry page whose scripts come from a public CDN; API calls pass through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            path = scope["path"].rstrip("/")
            if path == "/graphql":
                request = Request(scope)
                accept = request.headers.get("accept", "")
                if "query" not in request.query_params and (
                    "text/html" in accept or "*/*" in accept
                ):
                    await RedirectResponse("/graphiql", status_code=307)(scope, receive, send)
                    return
        await self.app(scope, receive, send)
