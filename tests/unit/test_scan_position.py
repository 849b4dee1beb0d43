"""The population scan's resume position (graphapi/services/scan.py): a cursor of a previous
page decodes to the same place; anything else is INVALID_ARGUMENT."""

from __future__ import annotations

import pytest

from graph_schema.errors import InvalidInput
from graphapi.services.scan import Position, ScanPage


@pytest.mark.parametrize(
    "position",
    [Position(), Position("GB-COH-00000001"), Position("BE-BCE_KBO-0403170701", 3)],
)
def test_a_position_survives_its_cursor(position: Position) -> None:
    assert Position.decode(position.encode()) == position


@pytest.mark.parametrize("cursor", ["", "nonsense", "ZGcxOjEw"])  # the last: a dg1 page cursor
def test_a_foreign_cursor_is_refused(cursor: str) -> None:
    with pytest.raises(InvalidInput):
        Position.decode(cursor)


def test_more_pages_until_every_company_is_finished() -> None:
    assert ScanPage(scanned_so_far=1999, total=2000).has_next
    assert not ScanPage(scanned_so_far=2000, total=2000).has_next
