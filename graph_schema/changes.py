"""Changes: what a stream of updates asks of the graph besides "this is now true".

Registries publish changes, not only states: an OpenSanctions delta deletes an entity, a BODS 0.4
record is updated or closed, a KBO daily extract deletes rows before inserting their new version.
Canonical node and link records say what is true; these records say what stops being true, in
terms the writer can apply without knowing the format. Each carries the provenance of the source
record that asked for it.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from graph_schema.labels import RelType
from graph_schema.nodes import Record


class Change(Record):
    """Base of the change records; the writer applies them after the records before them."""


class Retraction(Change):
    """A source withdrew one of its records (an OpenSanctions `DEL`): the links that record
    asserted end on `on`; the node it described loses what that source gave it (its topics and
    the source's identifier) and goes when no other source describes it."""

    source: str  # the provenance source, e.g. "ftm"
    record_id: str  # the source's id of the withdrawn record
    identifier: str  # the Identifier key the record's node carries, e.g. XI-OPENSANCTIONS-…
    on: date | None = None  # when the source stopped asserting it (else the load date)


class TopicsAdded(Change):
    """Topics one record adds to an entity another record describes (a Sanction entity's
    meaning, put on its target), unless the entity already carries one of `unless_any` (the
    source's own classification, which is better informed than ours)."""

    key: str  # entity key, or a reference (graph_schema.keys.reference)
    topics: list[str]
    unless_any: list[str] = Field(default_factory=list)


class LinksEnded(Change):
    """End the open links of `rel_types` from `src` (to `dst`, when given) that a source once
    asserted and asserts no longer: every one not in `keep` whose source is `source` (and, when
    given, whose provenance record is `record_id`) ends on `on`."""

    src: str  # entity key or reference
    dst: str | None = None
    rel_types: list[RelType]
    source: str
    record_id: str | None = None
    keep: list[str] = Field(default_factory=list)  # link keys the new version still asserts
    on: date


class ExtractCheck(Change):
    """A numbered extract is about to be applied: the writer refuses it (a fatal error that
    names both numbers) when it is older than the last one applied or leaves a gap."""

    source: str  # e.g. "kbo"
    number: int
    kind: str  # "full" | "update"
    snapshot: date | None = None

    def refusal(self, last: int | None) -> str | None:
        """Why this extract cannot follow extract `last` (None: none applied yet), or None.
        A full extract restates everything and is always accepted; an update must be the next
        number."""
        if self.kind != "update" or last is None or self.number == last + 1:
            return None
        name = f"{self.source.upper()} update extract {self.number}"
        if self.number <= last:
            return (
                f"{name} is not newer than extract {last}, the last one applied to this graph; "
                "it is refused (apply extracts in ExtractNumber order)"
            )
        missing = (
            f"extract {last + 1}"
            if self.number == last + 2
            else f"extracts {last + 1} to {self.number - 1}"
        )
        return (
            f"{name} does not follow extract {last}, the last one applied to this graph: "
            f"{missing} must be applied first"
        )


class ExtractApplied(Change):
    """The last record of a numbered extract: the graph remembers it was applied."""

    source: str
    number: int
    kind: str
    snapshot: date | None = None


ChangeRecord = Retraction | TopicsAdded | LinksEnded | ExtractCheck | ExtractApplied
