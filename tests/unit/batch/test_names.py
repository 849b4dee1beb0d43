"""Names a client list gives against the registry's: resemblance and name-only matching."""

from __future__ import annotations

import pytest

from graphapi.batch.names import resembles
from graphapi.batch.resolve import name_matches
from graphapi.queries.portfolio import Candidate


@pytest.mark.parametrize(
    ("given", "registry", "same"),
    [
        ("Nova Bouw Limited", "NOVA BOUW LTD", True),  # legal forms ignored
        ("nova bouw", "Nova Bouw Ltd", True),
        ("Nova", "Nova Bouw Ltd", True),  # a shortened name still resembles
        ("Société Générale", "SOCIETE GENERALE SA", True),  # accents and case ignored
        ("Brouwerij Janssens", "Brouwerij Janssens NV", True),
        ("Acme Widgets Ltd", "Nova Bouw Ltd", False),
        ("Garage Lemaire SPRL", "Brouwerij Janssens NV", False),
    ],
)
def test_resembles(given: str, registry: str, same: bool) -> None:
    assert resembles(given, [registry]) is same


TWINS = [
    Candidate("GB-1", "Twin Trading Ltd", ("twin trading",)),
    Candidate("GB-2", "Twin Trading Limited", ("twin trading",)),
    Candidate("GB-3", "Twin Traders Ltd", ("twin traders",)),
]
SOLO = Candidate("GB-4", "Solo Widgets Ltd", ("solo widgets",))


def test_exact_names_win_and_two_of_them_are_both_returned() -> None:
    assert name_matches("Twin Trading", TWINS) == (TWINS[:2], True)


def test_a_typo_matches_the_one_close_name_but_not_exactly() -> None:
    assert name_matches("Solo Widgts Ltd", [SOLO, TWINS[0]]) == ([SOLO], False)


def test_names_equally_close_are_all_candidates_and_far_ones_none() -> None:
    matched, exact = name_matches("Twin Tradin", TWINS)
    assert (sorted(c.key for c in matched), exact) == (["GB-1", "GB-2"], False)
    assert name_matches("Widget Factory", [SOLO]) == ([], False)
