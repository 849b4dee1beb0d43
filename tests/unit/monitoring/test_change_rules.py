"""Which link, address and state facts count as a change since a moment (pure rules)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from graph_schema.labels import RelType
from graphapi.queries.rows import AddressChangeRow, CompanyStateRow, LinkChangeRow
from graphapi.services.monitoring import (
    Baseline,
    ChangeKind,
    address_changes,
    link_changes,
    state_changes,
)

SINCE = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
BEFORE = datetime(2025, 12, 1, tzinfo=UTC)
AFTER = datetime(2026, 2, 1, tzinfo=UTC)


def _link(rel: RelType = RelType.DIRECTOR_OF, **props: Any) -> LinkChangeRow:
    base = {"start": date(2020, 1, 1), "first_loaded_at": BEFORE}
    row = {"key": "c1", "type": rel, "entity": "p1", "entity_name": "Ann"}
    return LinkChangeRow.model_validate({**base, **props, **row})


def _kinds(changes: list[Any]) -> list[ChangeKind]:
    return [c.kind for c in changes]


def test_old_unchanged_links_are_not_changes() -> None:
    assert link_changes(_link(), SINCE) == []
    assert link_changes(_link(end=date(2025, 6, 1)), SINCE) == []


def test_links_started_ended_or_first_loaded_after_since() -> None:
    assert _kinds(link_changes(_link(start=date(2026, 3, 1)), SINCE)) == [
        ChangeKind.DIRECTOR_APPOINTED
    ]
    # Appointed long ago but only filed now: still news to the analyst.
    assert _kinds(link_changes(_link(first_loaded_at=AFTER), SINCE)) == [
        ChangeKind.DIRECTOR_APPOINTED
    ]
    assert _kinds(link_changes(_link(end=date(2026, 1, 5)), SINCE)) == [ChangeKind.DIRECTOR_ENDED]
    # A resignation dated before `since` that a later load recorded.
    late = _link(end=date(2025, 11, 1), changed_at=AFTER)
    assert _kinds(link_changes(late, SINCE)) == [ChangeKind.DIRECTOR_ENDED]
    owner = link_changes(_link(RelType.OWNS, changed_at=AFTER), SINCE)
    assert _kinds(owner) == [ChangeKind.CONTROLLER_CHANGED]
    assert _kinds(link_changes(_link(RelType.DECLARED_BO_OF, start=date(2026, 2, 1)), SINCE)) == [
        ChangeKind.CONTROLLER_ADDED
    ]


def test_only_the_registered_address_counts() -> None:
    row = AddressChangeRow(key="c1", kind="registered", first_loaded_at=AFTER, text="1 High St")
    (moved,) = address_changes(row, SINCE)
    assert (moved.kind, moved.after) == (ChangeKind.ADDRESS_CHANGED, "1 High St")
    service = AddressChangeRow(key="c1", kind="service", first_loaded_at=AFTER, text="PO Box")
    assert address_changes(service, SINCE) == []


def test_name_and_status_against_the_baseline_or_a_dissolution_without_one() -> None:
    state = CompanyStateRow(
        key="c1", name="NEW LTD", status="dissolved", dissolved_on=date(2026, 1, 10)
    )
    stored = Baseline(score=1, name="OLD LTD", status="active")
    assert {(c.kind, c.before, c.after) for c in state_changes(state, stored, SINCE)} == {
        (ChangeKind.NAME_CHANGED, "OLD LTD", "NEW LTD"),
        (ChangeKind.STATUS_CHANGED, "active", "dissolved"),
    }
    (dissolved,) = state_changes(state, None, SINCE)
    assert (dissolved.kind, dissolved.date) == (ChangeKind.STATUS_CHANGED, date(2026, 1, 10))
    old = state.model_copy(update={"dissolved_on": date(2024, 1, 1)})
    assert state_changes(old, None, SINCE) == []
