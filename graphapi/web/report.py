"""GET /api/report/{companyId}?asOf=: the `duegraph report` page, for the browser to save.

The same self-contained HTML as the CLI writes (graphapi/report/html.py), as an attachment;
reader role, like dueDiligence; every entity the report names is audited.
"""

from __future__ import annotations

import re

from neo4j import AsyncDriver
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from graph_schema.errors import DuegraphError, InvalidInput
from graph_schema.settings import Settings
from graphapi.graph import Graph
from graphapi.http.audit import AuditLog
from graphapi.http.auth import Role
from graphapi.queries.entities import identifiers_of
from graphapi.report.html import report_html
from graphapi.services.assessment import assess_companies
from graphapi.services.financials import analyse_company
from graphapi.services.lookup import company_key
from graphapi.web.common import WebError, as_of_param, audit, authorise

REPORT_TIMEOUT_S = 60.0
# The report itself needs no script and loads nothing: a saved copy opened later stays inert.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


async def report_endpoint(request: Request, audit_log: AuditLog) -> Response:
    try:
        caller = authorise(request, Role.READER)
        given = request.path_params["company_id"]
        as_of = as_of_param(request)
        settings: Settings = request.app.state.settings
        driver: AsyncDriver = request.state.driver
        graph = Graph(driver, settings.neo4j.database, REPORT_TIMEOUT_S)
        try:
            # An id or a registry number in any common format (graphapi/services/lookup.py).
            company_id = await company_key(graph, given) or given
            found = await assess_companies(graph, [company_id], as_of, settings.signal_params)
            if company_id not in found:
                raise WebError(404, "NOT_FOUND", f"no company with id {company_id!r}")
            ids = (await identifiers_of(graph, [company_id]))[0]
            financials = await analyse_company(graph, company_id, as_of)
        except InvalidInput as exc:  # a number several companies have
            raise WebError(400, exc.code, exc.message) from None
        except DuegraphError as exc:
            raise WebError(503, exc.code, exc.message) from None
        assessed = found[company_id]
        bundle = assessed.bundle
        page = report_html(
            assessed.result, bundle, [(i.scheme, i.value) for i in ids], financials=financials
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
