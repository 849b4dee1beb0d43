"""What the workspace's data endpoints share: the key check, the audit line, errors, asOf."""

from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import JSONResponse

from graphapi.errors import Forbidden, Unauthenticated
from graphapi.http.audit import AuditLog, audit_entry, audit_value
from graphapi.http.auth import Authenticator, Caller, Role


class WebError(Exception):
    """An error answered as JSON shaped like a GraphQL error (with extensions.code)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    def response(self) -> JSONResponse:
        body = {"errors": [{"message": self.message, "extensions": {"code": self.code}}]}
        headers = {"WWW-Authenticate": "Bearer"} if self.status == 401 else None
        return JSONResponse(body, status_code=self.status, headers=headers)


def authorise(request: Request, role: Role) -> Caller:
    """The caller of a data endpoint, checked as for /graphql; WebError 401/403 otherwise."""
    authenticator: Authenticator = request.app.state.authenticator
    try:
        caller = authenticator.caller(request)
    except Unauthenticated as exc:
        raise WebError(401, exc.code, exc.message) from None
    if not caller.allows(role):
        error = Forbidden(f"this needs the {role.value} role; your key is {caller.role}")
        raise WebError(403, error.code, error.message) from None
    return caller


def audit(
    log: AuditLog, caller: Caller, operation: str, args: dict[str, object], ids: set[str]
) -> None:
    """One audit line per data answer, written before the answer: no trail, no data
    (raises WebError 500 when the trail cannot be written)."""
    entry = audit_entry(
        caller=caller.key_id,
        role=caller.role.value,
        operation=operation,
        # The API's line shape: one entry per operation, its arguments as plain JSON.
        root_fields={operation: {"field": operation, "args": audit_value(dict(args))}},
        entity_ids=ids,
        errors=[],
    )
    try:
        log.write(entry)
    except OSError:
        raise WebError(500, "INTERNAL", "internal error") from None


def as_of_param(request: Request) -> dt.date:
    """The `asOf` query parameter (YYYY-MM-DD), today when absent."""
    text = request.query_params.get("asOf", "").strip()
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise WebError(
            400, "INVALID_ARGUMENT", f"asOf must be a date (YYYY-MM-DD), got {text!r}"
        ) from None
