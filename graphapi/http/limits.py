"""Query limits: depth, aliases, tokens and an estimated cost, configured from settings.

The cost estimate counts the fields a response can contain: every field costs the number of
times it can appear, and a connection multiplies its children by its page size (`first`, its
default, or the maximum page size when `first` is a variable).

Every refusal is a GraphQLError whose `original_error` is a QueryTooComplex, so it reaches the
client with extensions.code QUERY_TOO_COMPLEX by its type, whatever its wording.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSyntaxError,
    InlineFragmentNode,
    IntValueNode,
    Lexer,
    OperationDefinitionNode,
    SelectionSetNode,
    TokenKind,
    TypeInfo,
    get_named_type,
)
from graphql.validation import ASTValidationRule, ValidationContext, ValidationRule
from strawberry.extensions import AddValidationRules, SchemaExtension
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule

from graph_schema.settings import Settings
from graphapi.errors import QueryTooComplex

COST_ERROR = "query is too expensive"
EXPANSION_ERROR = "fields once its fragments are expanded"
# Fragments spreading each other twice per level double the query at each level: 900 bytes can
# stand for a million fields, and the depth and cost rules walk every one of them. This cap is
# checked first, in linear time, so those rules never see such a document.
MAX_EXPANDED_FIELDS = 10_000


def too_complex(message: str, nodes: Any = None) -> GraphQLError:
    """A refusal by one of the limits: typed by its original error, not by its words."""
    return GraphQLError(message, nodes, original_error=QueryTooComplex(message))


def typed_rule(rule: type[ASTValidationRule]) -> type[ValidationRule]:
    """A third-party limit rule (strawberry's depth and alias limiters) whose errors are typed.

    Those rules check the whole document when they are built, reporting through the context
    they are given: here a context whose errors become QueryTooComplex refusals.
    """

    class Typed(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)

            def report(error: GraphQLError) -> None:
                context.report_error(too_complex(error.message, error.nodes))

            rule(
                ValidationContext(
                    context.schema, context.document, TypeInfo(context.schema), report
                )
            )

    return Typed


def _page_size(node: FieldNode, field_args: dict[str, Any], max_page: int) -> int | None:
    """The page size of a connection field, None for a field without `first`."""
    if "first" not in field_args:
        return None
    for arg in node.arguments or ():
        if arg.name.value == "first":
            if isinstance(arg.value, IntValueNode):
                return max(int(arg.value.value), 0)
            return max_page  # a variable: assume the worst
    default = field_args["first"].default_value
    return default if isinstance(default, int) else max_page


def selection_cost(
    schema: GraphQLSchema,
    parent: Any,
    selections: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    multiplier: int,
    max_page: int,
    seen: frozenset[str] = frozenset(),
) -> int:
    if selections is None:
        return 0
    total = 0
    for sel in selections.selections:
        if isinstance(sel, FieldNode):
            name = sel.name.value
            if name.startswith("__") or not isinstance(
                parent, GraphQLObjectType | GraphQLInterfaceType
            ):
                continue
            field = parent.fields.get(name)
            if field is None:  # unknown fields are reported by the standard rules
                continue
            total += multiplier
            size = _page_size(sel, field.args, max_page)
            child = multiplier * size if size is not None else multiplier
            total += selection_cost(
                schema,
                get_named_type(field.type),
                sel.selection_set,
                fragments,
                child,
                max_page,
                seen,
            )
        elif isinstance(sel, InlineFragmentNode):
            cond = sel.type_condition
            target = schema.get_type(cond.name.value) if cond else parent
            total += selection_cost(
                schema, target, sel.selection_set, fragments, multiplier, max_page, seen
            )
        elif isinstance(sel, FragmentSpreadNode):
            name = sel.name.value
            frag = fragments.get(name)
            if frag is None or name in seen:  # cycles are reported by the standard rules
                continue
            target = schema.get_type(frag.type_condition.name.value)
            total += selection_cost(
                schema,
                target,
                frag.selection_set,
                fragments,
                multiplier,
                max_page,
                seen | {name},
            )
    return total


def expanded_fields(document: DocumentNode) -> int:
    """Field selections of the largest operation with every fragment spread expanded.

    Memoised per fragment, so linear in the document; a cycle counts as 0 here (the standard
    NoFragmentCycles rule reports it).
    """
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    sizes: dict[str, int] = {}

    def size(selections: SelectionSetNode | None) -> int:
        total = 0
        for sel in selections.selections if selections else ():
            if isinstance(sel, FieldNode):
                total += 1 + size(sel.selection_set)
            elif isinstance(sel, InlineFragmentNode):
                total += size(sel.selection_set)
            elif isinstance(sel, FragmentSpreadNode):
                total += fragment(sel.name.value)
        return total

    def fragment(name: str) -> int:
        if name not in sizes:
            sizes[name] = 0  # in progress: a cycle adds nothing
            frag = fragments.get(name)
            sizes[name] = size(frag.selection_set) if frag else 0
        return sizes[name]

    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return max((size(op.selection_set) for op in operations), default=0)


def tokens_before(error: GraphQLSyntaxError) -> int:
    """How many tokens (comments included, as graphql-core counts them) precede the error."""
    if error.source is None or not error.positions:
        return 0
    position = next(iter(error.positions))
    lexer = Lexer(error.source)
    count = 0
    try:
        while True:
            token = lexer.advance()
            skipped = lexer.last_token.next  # the comments the lexer stepped over
            while skipped is not None and skipped is not token and skipped.start < position:
                count += 1
                skipped = skipped.next
            if token.kind == TokenKind.EOF or token.start >= position:
                return count
            count += 1
    except GraphQLSyntaxError:  # the error itself was the lexer's
        return count


class TokenLimiter(SchemaExtension):
    """graphql-core's token cap (as strawberry's MaxTokensLimiter sets it), typed.

    The parser raises the same GraphQLSyntaxError for a document that is too long as for one
    that is malformed; a document refused at its (max + 1)th token is the first kind.
    """

    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens

    def on_operation(self) -> Iterator[None]:
        self.execution_context.parse_options["max_tokens"] = self.max_tokens
        yield

    def on_parse(self) -> Iterator[None]:
        yield
        for error in self.execution_context.pre_execution_errors or ():
            if isinstance(error, GraphQLSyntaxError) and error.original_error is None:
                if tokens_before(error) >= self.max_tokens:
                    # Strawberry returns this very object: type it where it stands.
                    error.original_error = QueryTooComplex(error.message)


class ExpansionLimiter(SchemaExtension):
    """Refuse documents whose fragments expand past `max_fields` before any rule walks them."""

    def __init__(self, max_fields: int = MAX_EXPANDED_FIELDS) -> None:
        self.max_fields = max_fields

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is not None and ctx.pre_execution_errors is None:
            try:
                count = expanded_fields(document)
            except RecursionError:  # nesting the token limit let through, but deeper than Python
                count = self.max_fields + 1
            if count > self.max_fields:
                # Validation already failed: strawberry then skips the (costly) rules.
                ctx.pre_execution_errors = [
                    too_complex(
                        f"the query has more than {self.max_fields} {EXPANSION_ERROR}; "
                        "use fewer fragment spreads"
                    )
                ]
        yield


def cost_rule(max_cost: int, max_page: int) -> type[ValidationRule]:
    class CostLimit(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            document = context.document
            fragments = {
                d.name.value: d
                for d in document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            for definition in document.definitions:
                if not isinstance(definition, OperationDefinitionNode):
                    continue
                root = context.schema.get_root_type(definition.operation)
                cost = selection_cost(
                    context.schema, root, definition.selection_set, fragments, 1, max_page
                )
                if cost > max_cost:
                    context.report_error(
                        too_complex(
                            f"{COST_ERROR}: estimated cost {cost} is over the limit of "
                            f"{max_cost}; ask for smaller pages or fewer nested lists",
                            definition,
                        )
                    )

    return CostLimit


def limit_extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    """Factories, not instances: extensions keep per-request state.

    The rules of strawberry's QueryDepthLimiter and MaxAliasesLimiter are built here once, as
    rule classes of one AddValidationRules: those extensions define a new class in their
    `__init__`, that is on every request, even when a cached document skips validation.
    """
    rules: list[type[ASTValidationRule]] = [
        typed_rule(depth_rule(settings.api_max_depth, None)),
        typed_rule(aliases_rule(settings.api_max_aliases)),
        cost_rule(settings.api_max_cost, settings.api_max_page_size),
    ]
    return [
        lambda: TokenLimiter(settings.api_max_tokens),
        ExpansionLimiter,  # before the depth and cost rules, which would walk the expansion
        lambda: AddValidationRules(rules),
    ]
