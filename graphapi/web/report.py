"""GET /api/report/{companyId}?asOf=: the `duegraph report` page, for the browser to save.

The same self-contained HTML as the CLI writes (graphapi/report/html.py), as an attachment;
reader role, like dueDiligence; every entity the report names is audited.
"""

from __future__ import annotations

import re

from neo4j import AsyncDriver
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from graph_schema.errors import DuegraphError
from graph_schema.settings import Settings
from graphapi.analytics.assess import assess
from graphapi.analytics.params import signal_params
from graphapi.graph import Graph
from graphapi.http.audit import AuditLog
from graphapi.http.auth import Role
from graphapi.queries.entities import identifiers_of
from graphapi.queries.neighbourhood import fetch_bundles
from graphapi.report.html import report_html
from graphapi.web.common import WebError, as_of_param, audit, authorise

REPORT_TIMEOUT_S = 60.0
# The report itself needs no script and loads nothing: a saved copy opened later stays inert.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


async def report_endpoint(request: Request, audit_log: AuditLog) -> Response:
    try:
        caller = authorise(request, Role.READER)
        company_id = request.path_params["company_id"]
        as_of = as_of_param(request)
        settings: Settings = request.app.state.settings
        driver: AsyncDriver = request.state.driver
        graph = Graph(driver, settings.neo4j.database, REPORT_TIMEOUT_S)
        try:
            bundle = (await fetch_bundles(graph, [company_id], as_of)).get(company_id)
            if bundle is None:
                raise WebError(404, "NOT_FOUND", f"no company with id {company_id!r}")
            ids = (await identifiers_of(graph, [company_id]))[0]
        except DuegraphError as exc:
            raise WebError(503, exc.code, exc.message) from None
        page = report_html(
            assess(bundle, as_of, signal_params(settings.signal_params)),
            bundle,
            [(i.scheme, i.value) for i in ids],
        )
        named = {c.key for c in bundle.companies} | {p.key for p in bundle.persons}
        audit(audit_log, caller, "report", {"companyId": company_id, "asOf": str(as_of)}, named)
    except WebError as exc:
        return exc.response()
    filename = re.sub(r"[^A-Za-z0-9_.-]", "_", f"due-diligence-{company_id}-{as_of}.html")
    return HTMLResponse(
        page,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Content-Security-Policy": REPORT_CSP,
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )
