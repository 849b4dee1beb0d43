"""Per-request schema extensions: the audit trail, argument ranges and the introspection gate."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    IntValueNode,
    VariableNode,
    Visitor,
    print_ast,
    visit,
)
from graphql.execution.collect_fields import FieldDetails, collect_fields
from graphql.execution.executor import Executor
from graphql.execution.values import get_argument_values
from strawberry.extensions import SchemaExtension

from graph_schema.errors import InvalidInput
from graphapi.context import Context
from graphapi.errors import Forbidden
from graphapi.http.audit import AuditLog, audit_entry, audit_value
from graphapi.http.auth import Role
from graphapi.queries.network import MAX_HOPS
from graphapi.schema.errors import INTERNAL_MESSAGE, error_code
from graphapi.schema.financials import MAX_YEARS

log = logging.getLogger("graphapi.audit")


def _arguments(field: Any, details: FieldDetails, executor: Executor[Any]) -> dict[str, Any]:
    """The arguments the client gave (variables resolved, as the resolver received them)."""
    node = details.node
    given = [arg.name.value for arg in node.arguments or ()]
    if not given:
        return {}
    if field is not None:
        try:
            values = get_argument_values(
                field, node, executor.variable_values, details.fragment_variable_values
            )
        except GraphQLError:
            values = None  # refused before execution: record the text instead
        if values is not None:
            return {name: audit_value(values[name]) for name in given if name in values}
    return {arg.name.value: audit_value(print_ast(arg.value)) for arg in node.arguments or ()}


def executed_root_fields(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: dict[str, Any] | None,
    operation_name: str | None,
) -> dict[str, dict[str, Any]] | None:
    """The root fields graphql-core executes for this request, keyed by response key.

    The same collection the executor runs (fragments, inline fragments, @include/@skip with the
    request's variables, aliases), never a reading of the text. None when nothing can execute
    (no such operation, variables that do not coerce). Introspection fields (`__schema`,
    `__typename`...) are included: the caller leaves them out of the line, as they read the
    schema, not entities.
    """
    executor = Executor.build(
        schema, document, raw_variable_values=variables, operation_name=operation_name
    )
    if isinstance(executor, list):
        return None
    operation = executor.operation
    root_type = schema.get_root_type(operation.operation)
    if root_type is None:
        return None
    collected = collect_fields(
        schema, executor.fragments, executor.variable_values, root_type, operation
    )
    fields: dict[str, dict[str, Any]] = {}
    for key, details in collected.grouped_field_set.items():
        name = details[0].node.name.value
        field = root_type.fields.get(name)
        fields[key] = {"field": name, "args": _arguments(field, details[0], executor)}
    return fields


def _field_outcomes(fields: dict[str, dict[str, Any]], result: Any) -> list[str]:
    """Every error code of the result; each field gets its own outcome (ok or its code)."""
    errors: list[GraphQLError] = list((result.errors or []) if result is not None else [])
    codes = [error_code(e) for e in errors]
    general = [code for e, code in zip(errors, codes, strict=True) if not e.path]
    for key, entry in fields.items():
        own = [code for e, code in zip(errors, codes, strict=True) if e.path and e.path[0] == key]
        found = own or general
        entry["outcome"] = found[0] if found else "ok"
    return codes


def _withhold(result: Any) -> None:
    """No trail, no data: the client gets nothing but an INTERNAL error."""
    if result is not None:
        result.data = None
        result.errors = [GraphQLError(INTERNAL_MESSAGE, extensions={"code": "INTERNAL"})]


class AuditExtension(SchemaExtension):
    """One audit line per operation that executed root fields (or was refused trying).

    Root fields are collected from the operation graphql-core executes, so wrapping them in
    fragments or directives does not hide them. If the line cannot be written, or the fields
    cannot be collected, the answer is withheld and the server log says why.
    """

    def __init__(self, log: AuditLog) -> None:
        self.log = log

    def on_operation(self) -> Iterator[None]:
        yield
        ctx = self.execution_context
        context = ctx.context
        if not isinstance(context, Context) or ctx.graphql_document is None:
            return  # no document: nothing executed, nothing returned
        result = ctx.result
        try:
            fields = executed_root_fields(
                ctx.schema._schema, ctx.graphql_document, ctx.variables, ctx.operation_name
            )
        except Exception:  # fail closed: an answer we cannot account for is not sent
            log.exception("audit: cannot collect the executed root fields; answer withheld")
            _withhold(result)
            return
        collected = fields or {}
        # Structural safety net: every key of the answer must be a collected root field.
        data = getattr(result, "data", None) or {}
        if any(key not in collected for key in data):
            log.error("audit: answer keys %s were not collected; answer withheld", sorted(data))
            _withhold(result)
            return
        fields = {k: v for k, v in collected.items() if not v["field"].startswith("__")}
        if not fields:  # introspection only, every root field skipped, or nothing executable
            return
        errors = _field_outcomes(fields, result)
        entry = audit_entry(
            caller=context.caller.key_id,
            role=context.caller.role.value,
            operation=ctx.operation_name,
            root_fields=fields,
            entity_ids=context.audit.entity_ids,
            errors=errors,
        )
        try:
            self.log.write(entry)
        except OSError as exc:
            log.error(
                "audit: cannot write the audit log %s (%s); answer to %s withheld",
                self.log.path,
                exc.strerror or exc,
                context.caller.key_id,
            )
            _withhold(result)


# Every ranged integer argument of the schema, by name (one meaning per name across the
# schema): checked before execution, so that an out-of-range value is refused as a typed error
# for the whole request rather than nulling the object whose field it was given to.
def argument_ranges(max_page_size: int) -> dict[str, tuple[int, int]]:
    return {
        "first": (0, max_page_size),
        "windowMonths": (0, 240),
        "years": (1, MAX_YEARS),
        "maxHops": (1, MAX_HOPS),
        "minSeverity": (1, 5),
    }


class _FindRanges(Visitor):
    def __init__(self, ranges: dict[str, tuple[int, int]], variables: dict[str, Any]) -> None:
        super().__init__()
        self.ranges = ranges
        self.variables = variables
        self.errors: list[InvalidInput] = []

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        for arg in node.arguments or ():
            bounds = self.ranges.get(arg.name.value)
            if bounds is None:
                continue
            value: Any
            if isinstance(arg.value, VariableNode):
                value = self.variables.get(arg.value.name.value)
            elif isinstance(arg.value, IntValueNode):
                value = int(arg.value.value)
            else:
                continue  # a wrong type is the validator's error
            lo, hi = bounds
            if isinstance(value, int) and not lo <= value <= hi:
                self.errors.append(
                    InvalidInput(
                        f"{arg.name.value} must be between {lo} and {hi}, got {value} "
                        f"(on {node.name.value})",
                        arg.name.value,
                    )
                )


class ArgumentRanges(SchemaExtension):
    """Out-of-range arguments anywhere in the document: INVALID_ARGUMENT before anything runs."""

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        context = ctx.context
        if isinstance(context, Context) and ctx.graphql_document is not None:
            finder = _FindRanges(
                argument_ranges(context.settings.api_max_page_size), ctx.variables or {}
            )
            visit(ctx.graphql_document, finder)
            if finder.errors:
                ctx.result = ExecutionResult(
                    data=None,
                    errors=[GraphQLError(e.message, original_error=e) for e in finder.errors],
                )
        yield


class _FindIntrospection(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.name.value in ("__schema", "__type"):
            self.found = True


class IntrospectionGate(SchemaExtension):
    """With introspection disabled in settings, only admin keys may introspect."""

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        context = ctx.context
        if (
            isinstance(context, Context)
            and not context.settings.api_introspection
            and not context.caller.allows(Role.ADMIN)
            and ctx.graphql_document is not None
        ):
            finder = _FindIntrospection()
            visit(ctx.graphql_document, finder)
            if finder.found:
                error = Forbidden("schema introspection is disabled for your role")
                ctx.result = ExecutionResult(
                    data=None, errors=[GraphQLError(error.message, original_error=error)]
                )
        yield
