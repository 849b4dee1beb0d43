"""The scoring profile: the shipped default, its digest, and malformed files with their exact
errors (each naming the field at fault)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from graph_schema.scoring_profile import (
    DEFAULT_PROFILE,
    FamilyName,
    ProfileError,
    ScoringProfile,
    default_profile,
    load_profile,
    parse_profile,
)


def _default_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(DEFAULT_PROFILE.read_text())
    return data


def test_the_shipped_default_reads_as_documented() -> None:
    p = load_profile()
    assert p is default_profile()
    assert p.name == "default"
    assert [p.families.weight(f) for f in FamilyName] == [1.0, 0.75, 0.5, 0.25]
    assert p.ratings == {2: 1.75, 3: 2.5, 4: 3.5, 5: 4.5}
    assert p.families.payment.days_beyond_terms == {2: 10, 3: 30, 4: 45, 5: 90}
    assert [(r, x.payment_terms_days, x.credit_limit_factor, x.review_months)
            for r, x in p.policy.items()] == [
        (1, 60, 1.0, 12), (2, 45, 1.0, 12), (3, 30, 0.75, 6), (4, 15, 0.5, 3), (5, 0, 0.0, 1),
    ]  # fmt: skip
    assert p.missing.unknown_company_at_least == 3
    assert p.families.sector.activity_codes["SIC:41"] == 4
    assert p.families.sector.segments["Public sector"] == 1


def test_the_default_profile_ships_with_the_package() -> None:
    # pyproject.toml's package-data lists it; without it an installed duegraph cannot score.
    text = (Path(__file__).parents[2] / "pyproject.toml").read_text()
    assert 'graph_schema = ["py.typed", "scoring_profile.yaml"]' in text


@pytest.mark.parametrize(
    ("points", "rating"),
    [(1.0, 1), (1.74, 1), (1.75, 2), (2.49, 2), (2.5, 3), (3.49, 3), (3.5, 4), (4.5, 5), (5, 5)],
)
def test_thresholds_give_the_highest_rating_reached(points: float, rating: int) -> None:
    assert default_profile().rating_for(points) == rating


def test_the_digest_follows_what_the_profile_says_not_its_layout(tmp_path: Path) -> None:
    data = _default_data()
    reordered = tmp_path / "same.yaml"
    reordered.write_text(yaml.safe_dump(data, sort_keys=True))  # comments gone, keys sorted
    assert load_profile(reordered).digest == default_profile().digest
    data["families"]["payment"]["weight"] = 1.0
    changed = tmp_path / "changed.yaml"
    changed.write_text(yaml.safe_dump(data))
    assert load_profile(changed).digest != default_profile().digest
    assert len(default_profile().digest) == 12


def _error(tmp_path: Path, text: str) -> ProfileError:
    path = tmp_path / "p.yaml"
    path.write_text(text)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    return info.value


def _with(tmp_path: Path, change: dict[str, Any]) -> ProfileError:
    data = _default_data()
    for dotted, value in change.items():
        *parents, last = dotted.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key) if key.isdigit() else key]
        node[int(last) if last.isdigit() else last] = value
    return _error(tmp_path, yaml.safe_dump(data))


def test_a_misspelt_field_is_named(tmp_path: Path) -> None:
    data = _default_data()
    data["families"]["payment"]["weigth"] = data["families"]["payment"].pop("weight")
    exc = _error(tmp_path, yaml.safe_dump(data))
    assert exc.message == (
        f"scoring profile {tmp_path / 'p.yaml'}: families.payment.weigth: unknown field "
        "(check its spelling against docs/credit.md)"
    )
    assert exc.field == "families.payment.weigth"
    assert exc.code == "INVALID_ARGUMENT"


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"families.payment.weight": -1},
         "families.payment.weight: Input should be greater than or equal to 0"),
        ({"families.registry.weight": "heavy"},
         "families.registry.weight: Input should be a valid number, unable to parse string as a "
         "number"),
        ({"families.payment.days_beyond_terms": {2: 30, 3: 20}},
         "families.payment.days_beyond_terms: thresholds must rise with the score: 3 needs more "
         "than 2 (20 <= 30)"),
        ({"families.payment.over_90_share": {6: 0.5}},
         "families.payment.over_90_share: scores must be between 2 and 5, got 6"),
        ({"families.payment.over_60_share": {3: 1.5}},
         "families.payment.over_60_share.3: Input should be less than or equal to 1"),
        ({"families.sector.activity_codes": {"41": 4}},
         "families.sector.activity_codes: an activity code is SCHEME:PREFIX (e.g. SIC:41), got "
         "'41'"),
        ({"families.sector.segments": {"Retail": 7}},
         "families.sector.segments.Retail: Input should be less than or equal to 5"),
        ({"ratings": {2: 1.75, 3: 2.5, 4: 3.5}},
         "ratings: give the points needed for every rating 2-5; missing 5"),
        ({"ratings.2": 1},
         "ratings.2: Input should be greater than 1"),
        ({"policy.4.payment_terms_days": 45},
         "policy: rating 4 grants longer payment terms than rating 3"),
        ({"policy.2.review_months": 24},
         "policy: rating 2 is reviewed less often than rating 1"),
        ({"policy.5.credit_limit_factor": 0.9},
         "policy: rating 5 has a larger credit limit factor than rating 4"),
        ({"policy.6": {"payment_terms_days": 0, "credit_limit_factor": 0, "review_months": 1}},
         "policy: ratings are 1-5, got 6"),
        ({"missing.unknown_company_at_least": 0},
         "missing.unknown_company_at_least: Input should be greater than or equal to 1"),
        ({"name": ""}, "name: String should have at least 1 character"),
    ],
)  # fmt: skip
def test_malformed_fields_give_one_error_naming_them(
    tmp_path: Path, change: dict[str, Any], error: str
) -> None:
    exc = _with(tmp_path, change)
    assert exc.message == f"scoring profile {tmp_path / 'p.yaml'}: {error}"


def test_every_fault_is_in_the_one_error(tmp_path: Path) -> None:
    exc = _error(tmp_path, "name: x\nratings: {2: 2, 3: 3, 4: 4, 5: 5}\nfamilies: {foo: {}}\n")
    assert exc.message == (
        f"scoring profile {tmp_path / 'p.yaml'}: families.foo: unknown field (check its "
        "spelling against docs/credit.md); policy: required"
    )


def test_no_weight_at_all_is_refused() -> None:
    data = _default_data()
    for family in data["families"].values():
        family["weight"] = 0
    with pytest.raises(ProfileError) as info:
        parse_profile(data, "zero.yaml")
    assert info.value.message == (
        "scoring profile zero.yaml: families: at least one family needs a weight above 0"
    )


def test_not_yaml_and_not_a_mapping_and_no_file(tmp_path: Path) -> None:
    exc = _error(tmp_path, "name: x\nfamilies: [unclosed\n")
    assert exc.message == (
        f"scoring profile {tmp_path / 'p.yaml'}: not valid YAML at line 3, column 1: expected "
        "',' or ']', but got '<stream end>'"
    )
    exc = _error(tmp_path, "- a list\n")
    assert exc.message == (
        f"scoring profile {tmp_path / 'p.yaml'}: expected a mapping of fields, got list"
    )
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path / "missing.yaml")
    assert info.value.message == (
        f"scoring profile {tmp_path / 'missing.yaml'}: cannot read it (No such file or directory)"
    )


def test_the_model_alone_has_no_hidden_defaults_for_ratings_or_policy() -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile({"name": "x"}, "bare")
    assert info.value.message == "scoring profile bare: ratings: required; policy: required"
    assert ScoringProfile.model_fields["families"].default is not None
