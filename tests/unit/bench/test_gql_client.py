"""The benchmark counts an answer as an error unless it is 200 with data and no GraphQL errors."""

from __future__ import annotations

from aiohttp import web

from graphapi.tooling.bench import gql_client
from graphapi.tooling.local_server import free_port


async def _graphql(request: web.Request) -> web.Response:
    body = await request.json()
    case = body["variables"]["case"]
    if case == "ok":
        return web.json_response({"data": {"company": {"id": "x"}}})
    if case == "errors":
        return web.json_response({"data": None, "errors": [{"message": "bad"}]})
    if case == "status":
        return web.json_response({"data": {"company": None}}, status=500)
    return web.Response(text="<html>proxy error</html>", content_type="text/html")


async def test_post_tells_answers_from_failures() -> None:
    app = web.Application()
    app.router.add_post("/graphql", _graphql)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        async with gql_client.session(f"http://127.0.0.1:{port}", 2, 5.0) as client:
            seen = {
                case: await gql_client.post(client, "query { x }", {"case": case})
                for case in ("ok", "errors", "status", "html")
            }
    finally:
        await runner.cleanup()
    assert seen == {"ok": True, "errors": False, "status": False, "html": False}


async def test_post_counts_a_refused_connection_as_a_failure() -> None:
    port = free_port()  # nothing listens there
    async with gql_client.session(f"http://127.0.0.1:{port}", 1, 5.0) as client:
        assert await gql_client.post(client, "query { x }", {"id": "x"}) is False
