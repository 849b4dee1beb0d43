"""BODS ownership-or-control statements / relationship records -> dated links.

Per interest (docs/analytics.md §Declarations):
- shareholding / votingRights held directly (directOrIndirect not "indirect") -> OWNS;
- board roles -> DIRECTOR_OF; other control interests -> one CONTROLS per start date;
- `beneficialOwnershipOrControl: true` or an indirect interest -> DECLARED_BO_OF, a declaration
  to compare against. An indirect interest never becomes an OWNS edge: the UBO maths would
  count the chain twice.
- a statement an official register published (`source.type` officialRegister) that does not
  say the interest is a plain legal shareholding (`beneficialOwnershipOrControl: false`) ->
  DECLARED_BO_OF with declared_by "bods-register": it is the register's declaration (e.g. the
  UK PSC register as the Open Ownership Register publishes it), not a shareholder list.
An interest without a type is read as `unknownInterest`, and a relationship without interests
as one such interest: the statement still says the party has *some* interest in the subject.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph_schema.edges import Control, DeclaredOwnership, Directorship, Link, Shareholding
from graph_schema.provenance import Provenance
from loaders.bods.model import (
    Statement,
    camel,
    full_date,
    obj_list,
    opt_bool,
    opt_obj,
    opt_str,
    str_list,
)
from loaders.bods.parties import reason_code
from loaders.contract import BadRecord

OWNERSHIP_TYPES = ("shareholding", "votingRights")
BOARD_ROLES = {
    "boardMember": "board_member",
    "boardChair": "board_chair",
    "seniorManagingOfficial": "senior_managing_official",
}
CONTROL_TYPES = (
    "appointmentOfBoard",
    "otherInfluenceOrControl",
    "controlViaCompanyRulesOrArticles",
    "controlByLegalFramework",
    "rightsGrantedByContract",
    "conditionalRightsGrantedByContract",
    "settlor",
    "trustee",
    "protector",
    "beneficiaryOfLegalArrangement",
    "rightsToSurplusAssetsOnDissolution",
    "rightsToProfitOrIncome",
    "enjoymentAndUseOfAssets",
    "rightToProfitOrIncomeFromAssets",
    "unknownInterest",
    "unpublishedInterest",
    "nominee",  # 0.4 nomination arrangements: kept so analytics can look through nominees
    "nominator",
)
# Codes from the 0.1 kebab-case codelist that were renamed, not just re-cased.
_RENAMED = {
    "settlorOfTrust": "settlor",
    "trusteeOfTrust": "trustee",
    "protectorOfTrust": "protector",
    "beneficiaryOfTrust": "beneficiaryOfLegalArrangement",
    "otherInfluenceOrControlOfTrust": "otherInfluenceOrControl",
    "interestInTrust": "beneficiaryOfLegalArrangement",
}
DIRECT_OR_INDIRECT = ("direct", "indirect", "unknown")
# A declaration's `control` flag: interests that give control, not "some interest, unknown".
_DECLARED_CONTROL = frozenset(CONTROL_TYPES) - {
    "unknownInterest",
    "unpublishedInterest",
    "nominee",
    "nominator",
}


@dataclass(frozen=True)
class Ref:
    """One end of a relationship: a statement/record id, or an unspecified party's reason."""

    id: str | None
    kind: str | None  # entity | person (0.2 says which); None when 0.4 does not
    reason: str | None = None


@dataclass(frozen=True)
class Share:
    exact: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_exclusive: bool = False
    max_exclusive: bool = False

    @property
    def low(self) -> float | None:
        return self.exact if self.exact is not None else self.minimum

    @property
    def high(self) -> float | None:
        return self.exact if self.exact is not None else self.maximum


@dataclass(frozen=True)
class Interest:
    type: str
    direct_or_indirect: str | None
    beneficial: bool | None  # beneficialOwnershipOrControl; None when the statement omits it
    start: date | None
    end: date | None
    share: Share


@dataclass(frozen=True)
class Relationship:
    subject: Ref
    party: Ref
    interests: tuple[Interest, ...]


def read_relationship(statement: Statement) -> Relationship:
    details = statement.details
    if statement.version == "0.4":
        subject = _ref_04(details, "subject")
        party = _ref_04(details, "interestedParty")
    else:
        subject = _ref_02(details, "subject")
        party = _ref_02(details, "interestedParty")
    str_list(details, "componentRecords")
    str_list(details, "componentStatementIDs")
    interests = tuple(
        _interest(item, f"interests[{i}]") for i, item in enumerate(obj_list(details, "interests"))
    )
    return Relationship(subject, party, interests)


def _ref_04(details: dict[str, Any], field: str) -> Ref:
    value = details.get(field)
    if value is None:
        raise BadRecord(f"missing key field {field}")
    if isinstance(value, str) and value.strip():
        return Ref(value.strip(), None)
    if isinstance(value, dict):
        return Ref(None, None, reason_code(value, field))
    raise BadRecord(f"{field} must be a record id or an unspecified record, got {value!r}")


def _ref_02(details: dict[str, Any], field: str) -> Ref:
    value = opt_obj(details, field)
    if value is None:
        raise BadRecord(f"missing key field {field}")
    entity = opt_str(value, "describedByEntityStatement", f"{field}.describedByEntityStatement")
    if field == "subject":
        if entity is None:
            raise BadRecord("missing key field subject.describedByEntityStatement")
        return Ref(entity, "entity")
    person = opt_str(value, "describedByPersonStatement", f"{field}.describedByPersonStatement")
    if person is not None:
        return Ref(person, "person")
    if entity is not None:
        return Ref(entity, "entity")
    unspecified = opt_obj(value, "unspecified", f"{field}.unspecified")
    if unspecified is not None:
        return Ref(None, None, reason_code(unspecified, f"{field}.unspecified"))
    raise BadRecord(
        f"{field} names no describedByPersonStatement, describedByEntityStatement or unspecified"
    )


def interest_type(value: object, label: str) -> str:
    if value is None:
        return "unknownInterest"
    if not isinstance(value, str):
        raise BadRecord(f"{label}.type must be a string, got {value!r}")
    code = camel(value)
    code = _RENAMED.get(code, code)
    if code not in OWNERSHIP_TYPES and code not in BOARD_ROLES and code not in CONTROL_TYPES:
        raise BadRecord(f"unknown interest type {value!r} in {label}.type")
    return code


def _interest(item: dict[str, Any], label: str) -> Interest:
    kind = interest_type(item.get("type"), label)
    field = "directOrIndirect" if "directOrIndirect" in item else "interestLevel"  # 0.1 name
    how = opt_str(item, field, f"{label}.{field}")
    if how is not None and how not in DIRECT_OR_INDIRECT:
        raise BadRecord(f"unknown {label}.{field} {how!r} (direct, indirect or unknown)")
    beneficial = opt_bool(
        item, "beneficialOwnershipOrControl", f"{label}.beneficialOwnershipOrControl"
    )
    opt_str(item, "details", f"{label}.details")
    start = full_date(item, "startDate", f"{label}.startDate")
    end = full_date(item, "endDate", f"{label}.endDate")
    if start and end and end < start:
        raise BadRecord(f"{label}.endDate {end} is before startDate {start}")
    share = opt_obj(item, "share", f"{label}.share")
    return Interest(kind, how, beneficial, start, end, _share(share or {}, f"{label}.share"))


def _percent(share: dict[str, Any], field: str, label: str) -> float | None:
    value = share.get(field)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadRecord(f"{label}.{field} must be a number, got {value!r}")
    if not 0 <= value <= 100:
        raise BadRecord(f"{label}.{field} {value} is outside 0–100")
    return float(value)


def _share(share: dict[str, Any], label: str) -> Share:
    exact = _percent(share, "exact", label)
    minimum = _percent(share, "minimum", label)
    maximum = _percent(share, "maximum", label)
    min_excl = max_excl = False
    for field in ("exclusiveMinimum", "exclusiveMaximum"):
        value = share.get(field)
        if isinstance(value, bool):  # 0.1/0.2 publishers: a flag on minimum/maximum
            if field == "exclusiveMinimum":
                min_excl = value and minimum is not None
            else:
                max_excl = value and maximum is not None
        elif value is not None:  # 0.3+: the bound itself
            bound = _percent(share, field, label)
            if field == "exclusiveMinimum":
                minimum, min_excl = bound, True
            else:
                maximum, max_excl = bound, True
    if minimum is not None and maximum is not None and minimum > maximum:
        raise BadRecord(f"{label}: minimum {minimum} is above maximum {maximum}")
    return Share(exact, minimum, maximum, min_excl, max_excl)


def relationship_links(
    rel: Relationship, src: str, dst: str, statement: Statement, prov: Provenance
) -> list[Link]:
    """All links one relationship statement asserts between `src` (party) and `dst` (subject)."""
    interests = rel.interests or (Interest("unknownInterest", None, None, None, None, Share()),)
    closed_on = statement.date if statement.status == "closed" else None
    links: list[Link] = []
    control: dict[date | None, list[Interest]] = defaultdict(list)
    declared: dict[tuple[str, date | None], list[Interest]] = defaultdict(list)
    register = statement.from_register
    for it in interests:
        end = it.end or _closing(closed_on, it.start)
        indirect = it.direct_or_indirect == "indirect"
        # A register's own statement is its declaration unless it says the interest is a plain
        # legal shareholding; board roles stay directorships.
        registered = register and it.beneficial is not False and it.type not in BOARD_ROLES
        if it.beneficial or indirect or registered:
            declared[(it.direct_or_indirect or "unknown", it.start)].append(it)
        if indirect or registered:
            continue
        if it.type in OWNERSHIP_TYPES:
            links.append(
                Shareholding(
                    key=Shareholding.make_key(src, dst, it.type, it.start),
                    src=src,
                    dst=dst,
                    interest=it.type,
                    start=it.start,
                    end=end,
                    **_share_fields(it.share),
                    provenance=prov,
                )
            )
        elif it.type in BOARD_ROLES:
            role = BOARD_ROLES[it.type]
            links.append(Directorship.dated(src, dst, role, it.type, it.start, prov, end))
        else:
            control[it.start].append(it)
    for start, group in control.items():
        links.append(
            Control(
                key=Control.make_key(src, dst, start),
                src=src,
                dst=dst,
                interests=sorted({i.type for i in group}),
                start=start,
                end=_group_end(group, closed_on),
                provenance=prov,
            )
        )
    by = "bods-register" if register else "bods"
    for (how, start), group in declared.items():
        links.append(_declared(group, how, start, src, dst, closed_on, prov, by))
    return links


def _closing(closed_on: date | None, start: date | None) -> date | None:
    """A closed record ends its open interests on the statement date (never before start)."""
    if closed_on is None or (start is not None and closed_on < start):
        return None
    return closed_on


def _group_end(group: list[Interest], closed_on: date | None) -> date | None:
    ends = [i.end or _closing(closed_on, i.start) for i in group]
    return None if any(e is None for e in ends) else max(e for e in ends if e is not None)


def _share_fields(share: Share) -> dict[str, Any]:
    return {
        "share_exact": share.exact,
        "share_min": share.minimum,
        "share_max": share.maximum,
        "share_min_exclusive": share.min_exclusive,
        "share_max_exclusive": share.max_exclusive,
    }


def _declared(
    group: list[Interest],
    how: str,
    start: date | None,
    src: str,
    dst: str,
    closed_on: date | None,
    prov: Provenance,
    declared_by: str,
) -> DeclaredOwnership:
    shares = next((i.share for i in group if i.type == "shareholding"), Share())
    votes = next((i.share for i in group if i.type == "votingRights"), None)
    return DeclaredOwnership(
        key=DeclaredOwnership.make_key(src, dst, "bods", start, how),
        src=src,
        dst=dst,
        interests=sorted({i.type for i in group}),
        start=start,
        end=_group_end(group, closed_on),
        **_share_fields(shares),
        votes_min=votes.low if votes else None,
        votes_max=votes.high if votes else None,
        control=any(i.type in _DECLARED_CONTROL for i in group),
        direct_or_indirect=how,
        declared_by=declared_by,
        provenance=prov,
    )
