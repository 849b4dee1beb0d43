"""Per-request schema extensions: the audit trail, argument ranges and the introspection gate."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    GraphQLError,
    IntValueNode,
    OperationDefinitionNode,
    VariableNode,
    Visitor,
    visit,
)
from strawberry.extensions import SchemaExtension

from graph_schema.errors import InvalidInput
from graphapi.context import Context
from graphapi.errors import Forbidden
from graphapi.http.audit import AuditLog, audit_entry
from graphapi.http.auth import Role
from graphapi.queries.network import MAX_HOPS
from graphapi.schema.errors import INTERNAL_MESSAGE, error_code
from graphapi.schema.financials import MAX_YEARS


def _root_fields(
    variables: dict[str, Any], operation: OperationDefinitionNode | None
) -> dict[str, Any]:
    """Root fields asked for, with their arguments (variables resolved), for the audit line."""
    fields: dict[str, Any] = {}
    if operation is None:
        return fields
    for sel in operation.selection_set.selections:
        if isinstance(sel, FieldNode) and not sel.name.value.startswith("__"):
            args: dict[str, Any] = {}
            for arg in sel.arguments or ():
                value = arg.value
                name = getattr(getattr(value, "name", None), "value", None)
                if value.kind == "variable" and name is not None:
                    args[arg.name.value] = variables.get(name)
                else:
                    args[arg.name.value] = getattr(value, "value", None)
            alias = sel.alias.value if sel.alias else sel.name.value
            fields[alias] = {"field": sel.name.value, "args": args}
    return fields


class AuditExtension(SchemaExtension):
    """Write one audit line per operation that read entities (or failed trying)."""

    def __init__(self, log: AuditLog) -> None:
        self.log = log

    def on_operation(self) -> Iterator[None]:
        yield
        ctx = self.execution_context
        context = ctx.context
        if not isinstance(context, Context):
            return
        operation = None
        if ctx.graphql_document is not None:
            for definition in ctx.graphql_document.definitions:
                if isinstance(definition, OperationDefinitionNode):
                    if ctx.operation_name in (None, getattr(definition.name, "value", None)):
                        operation = definition
                        break
        fields = _root_fields(ctx.variables or {}, operation)
        if not fields:  # introspection only, or a query that never parsed
            return
        result = ctx.result
        errors = [error_code(e) for e in (result.errors or [])] if result else []
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
        except OSError:
            # No trail, no data: a compliance read must never go unrecorded.
            if result is not None:
                result.data = None
                result.errors = [GraphQLError(INTERNAL_MESSAGE, extensions={"code": "INTERNAL"})]


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
