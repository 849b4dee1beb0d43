"""Which link, address and state facts count as a change since a moment (pure rules)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from graph_schema.labels import RelType
from graphapi.queries.rows import (
    AddressChangeRow,
    CompanyStateRow,
    InsolvencyChangeRow,
    LinkChangeRow,
)
from graphapi.services.monitoring import (
    Baseline,
    ChangeDates,
    ChangeKind,
    address_changes,
    insolvency_change,
    link_changes,
    state_changes,
)

LOADED = ChangeDates.LOADED

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


def test_by_registry_date_links_started_or_ended_after_since() -> None:
    (appointed,) = link_changes(_link(start=date(2026, 3, 1)), SINCE)
    assert (appointed.kind, appointed.date, appointed.first_seen) == (
        ChangeKind.DIRECTOR_APPOINTED, date(2026, 3, 1), BEFORE,
    )  # fmt: skip
    assert _kinds(link_changes(_link(end=date(2026, 1, 5)), SINCE)) == [ChangeKind.DIRECTOR_ENDED]
    assert _kinds(link_changes(_link(RelType.DECLARED_BO_OF, start=date(2026, 2, 1)), SINCE)) == [
        ChangeKind.CONTROLLER_ADDED
    ]
    # A first load of an old appointment, a late-filed old resignation, a changed detail:
    # nothing happened in the registry after `since`.
    assert link_changes(_link(first_loaded_at=AFTER), SINCE) == []
    assert link_changes(_link(end=date(2025, 11, 1), changed_at=AFTER), SINCE) == []
    assert link_changes(_link(RelType.OWNS, changed_at=AFTER), SINCE) == []


def test_by_load_date_what_the_loads_brought_after_since() -> None:
    (filed,) = link_changes(_link(first_loaded_at=AFTER), SINCE, LOADED)
    assert (filed.kind, filed.date, filed.first_seen) == (
        ChangeKind.DIRECTOR_APPOINTED, date(2020, 1, 1), AFTER,
    )  # fmt: skip
    late = _link(end=date(2025, 11, 1), changed_at=AFTER)
    assert _kinds(link_changes(late, SINCE, LOADED)) == [ChangeKind.DIRECTOR_ENDED]
    owner = link_changes(_link(RelType.OWNS, changed_at=AFTER), SINCE, LOADED)
    assert _kinds(owner) == [ChangeKind.CONTROLLER_CHANGED]
    # Dated after `since` in the registry but loaded before it: not news of a later load.
    assert link_changes(_link(start=date(2026, 3, 1)), SINCE, LOADED) == []


def test_only_the_registered_address_counts() -> None:
    row = AddressChangeRow(
        key="c1", kind="registered", start=date(2026, 1, 2), first_loaded_at=AFTER,
        text="1 High St",
    )  # fmt: skip
    (moved,) = address_changes(row, SINCE)
    assert (moved.kind, moved.after, moved.first_seen) == (
        ChangeKind.ADDRESS_CHANGED, "1 High St", AFTER,
    )  # fmt: skip
    service = row.model_copy(update={"kind": "service"})
    assert address_changes(service, SINCE) == []
    undated = AddressChangeRow(key="c1", kind="registered", first_loaded_at=AFTER, text="x")
    assert address_changes(undated, SINCE) == []
    assert _kinds(address_changes(undated, SINCE, LOADED)) == [ChangeKind.ADDRESS_CHANGED]


def test_insolvencies_by_registry_date_or_by_load() -> None:
    old = InsolvencyChangeRow(
        key="c1", company="c1", kind="LIQUIDATION", date=date(2010, 1, 1), first_loaded_at=AFTER
    )
    assert insolvency_change(old, SINCE) is None
    loaded = insolvency_change(old, SINCE, LOADED)
    assert loaded is not None and loaded.kind == ChangeKind.INSOLVENCY
    new = old.model_copy(update={"date": date(2026, 1, 20)})
    changed = insolvency_change(new, SINCE)
    assert changed is not None and (changed.summary, changed.date, changed.first_seen) == (
        "LIQUIDATION on 2026-01-20", date(2026, 1, 20), AFTER,
    )  # fmt: skip


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
