"""Insolvency told by the filing history, for companies whose insolvency document was not read.

Each insolvency filing belongs to one procedure (its `description`, from Companies House's
filing_history_descriptions.yml, says which; the form `type` and the `subcategory` are read
when the description does not). The filings of one procedure make one episode, dated by its
earliest filing and ended by its final account or the dissolution that follows it; each episode
becomes one insolvency event with its filings as provenance. docs/loaders.md lists the mapping
and its sources.

Meaning, not form numbers, decides solvency: a voluntary winding up is a members' one (solvent)
only when the directors' declaration of solvency was made and delivered to the registrar
(Insolvency Act 1986 ss.89-90); otherwise it is a creditors' one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from graph_schema.events import EventKind


class Family(StrEnum):
    COMPULSORY = "compulsory liquidation"
    VOLUNTARY = "voluntary liquidation"
    LIQUIDATION = "liquidation"  # does not say which (e.g. the dissolution that ends one)
    ADMINISTRATION = "administration"
    RECEIVERSHIP = "receivership"
    ARRANGEMENT = "voluntary arrangement or moratorium"


@dataclass(frozen=True)
class Sign:
    """What one filing says: its procedure, whether it proves a members' (True) or creditors'
    (False) voluntary winding up, and whether it closes the procedure."""

    family: Family
    members: bool | None = None
    ends: bool = False


# --- classification ---------------------------------------------------------------------
_ARRANGEMENT_WORDS = (
    "voluntary-arrangement",
    "liquidation-cva-",
    "moratorium",
    "supervisors-abstract",
    "nominee",
    "withdrawal-of-consent",
    "liquidation-extension-northern-ireland",  # NI 1.12: extension of a moratorium
)
_ADMINISTRATION_WORDS = ("administration", "administrator", "adminstrator", "proposals")
_SKIPPED_WORDS = (  # not a step of one procedure, or one that undoes it
    "miscellaneous",
    "misellaneous",
    "overseas",
    "member-state",
    "stay-winding-up",
    "rescind-winding-up",
    "recall-provisional",
    "statement-of-concurrence",
    "committee",
    "limiting-disclosure",
    "limited-disclosure",
)
_COMPULSORY_WORDS = (
    "winding-up-order",
    "court-order-winding-up",
    "provisional-liquidator",
    "completion-of-winding-up",
    "appointment-of-liquidator-northern-ireland",  # NI 4.32: "Appointment of liquidator compulsory"
    "resignation-as-liquidator-northern-ireland",  # NI 4.34: "… of liquidator compulsory"
)
_ENDING_WORDS = ("return-final-meeting", "return-of-final-meeting", "final-account", "completion")


def classify(item: dict[str, Any]) -> list[Sign]:
    """The procedure(s) a filing history item belongs to; [] for any other filing."""
    description = _text(item.get("description"))
    signs = _by_description(description) if description else []
    by_type = _by_type(_text(item.get("type")).upper())
    if not signs:
        signs = by_type or _by_subcategory(item)
    elif by_type and _vague(signs) and by_type[0].family is Family.VOLUNTARY:
        signs = by_type  # "appointment of a voluntary liquidator" is vaguer than LIQ02's form
    return signs


def _vague(signs: list[Sign]) -> bool:
    return len(signs) == 1 and signs[0].family is Family.VOLUNTARY and signs[0].members is None


def _by_description(d: str) -> list[Sign]:
    if d == "gazette-dissolved-liquidation":
        return [Sign(Family.LIQUIDATION, ends=True)]
    if not d.startswith("liquidation-") or _has(d, _SKIPPED_WORDS):
        return []
    if "move-to-creditors-voluntary-liquidation" in d:  # AM22 / 2.34B: administration -> CVL
        return [Sign(Family.ADMINISTRATION, ends=True), Sign(Family.VOLUNTARY, members=False)]
    if _has(d, _ARRANGEMENT_WORDS):
        ends = _has(d, ("completion", "ending-of-moratorium", "end-of-moratorium", "revocation"))
        return [Sign(Family.ARRANGEMENT, ends=ends)]
    if _voluntary(d):
        return [Sign(Family.VOLUNTARY, _members(d), _has(d, _ENDING_WORDS))]
    if d.startswith("liquidation-compulsory-") or _has(d, _COMPULSORY_WORDS):
        return [Sign(Family.COMPULSORY, ends=_has(d, (*_ENDING_WORDS, "final-meeting")))]
    if _has(d, _ADMINISTRATION_WORDS) or "automatic-end" in d:
        ends = _has(
            d,
            (
                "end-of-administration",
                "automatic-end",
                "move-to-dissolution",
                "ending-administration",
                "discharge-of-administration-order",
                "discharge-administration-order",
            ),
        )
        return [Sign(Family.ADMINISTRATION, ends=ends)]
    if "receiver" in d:
        return [Sign(Family.RECEIVERSHIP, ends=_has(d, ("cease-to-act", "ceasing-to-act")))]
    if "appointment-of-liquidator" in d or "disclaimer" in d:
        return [Sign(Family.LIQUIDATION)]
    return []


def _voluntary(d: str) -> bool:
    if d.startswith("liquidation-voluntary-"):
        return True
    # Northern Ireland's voluntary winding-up descriptions carry no "voluntary-" prefix.
    return _has(
        d,
        (
            "declaration-of-solvency",
            "members-voluntary-winding-up",
            "creditors-voluntary-winding-up",
            "special-resolution-to-wind-up",
            "cease-to-act-as-liquidator",
            "vacation-of-liquidator",
        ),
    )


def _members(d: str) -> bool | None:
    """True: a members' (solvent) winding up; False: a creditors' one; None: either."""
    if _has(d, ("declaration-of-solvency", "members-return-of-final-meeting", "members-voluntary")):
        return True
    creditors = ("creditors-return-of-final-meeting", "creditors-voluntary-winding-up")
    # In a voluntary winding up only a creditors' one has a statement of affairs (an MVL's
    # declaration of solvency carries its own statement of assets and liabilities).
    if _has(d, creditors) or "statement-of-affairs" in d:
        return False
    return None


# Form types, for items whose description we do not recognise (e.g. "legacy"). The 2016-rules
# forms (LIQ, WU, AM) are not in the enumeration files; see docs/loaders.md for the sources.
_TYPE_SIGNS: dict[str, list[Sign]] = {
    "LIQ01": [Sign(Family.VOLUNTARY, members=True)],  # notice of declaration of solvency
    "4.70": [Sign(Family.VOLUNTARY, members=True)],  # declaration of solvency (pre-2017)
    "4.25(SCOT)": [Sign(Family.VOLUNTARY, members=True)],
    "LIQ13": [Sign(Family.VOLUNTARY, members=True, ends=True)],  # final account, MVL
    "4.71": [Sign(Family.VOLUNTARY, members=True, ends=True)],  # final meeting, MVL
    "LIQ02": [Sign(Family.VOLUNTARY, members=False)],  # statement of affairs
    "4.20": [Sign(Family.VOLUNTARY, members=False)],  # statement of affairs (pre-2017)
    "LIQ14": [Sign(Family.VOLUNTARY, members=False, ends=True)],  # final account, CVL
    "4.72": [Sign(Family.VOLUNTARY, members=False, ends=True)],  # final meeting, CVL
    "600": [Sign(Family.VOLUNTARY)],  # appointment of a voluntary liquidator (MVL or CVL)
    "4.68": [Sign(Family.VOLUNTARY)],  # liquidator's receipts and payments (voluntary)
    "LRESSP": [Sign(Family.VOLUNTARY)],  # special resolution to wind up
    "LRESEX": [Sign(Family.VOLUNTARY)],  # extraordinary resolution to wind up
    "COCOMP": [Sign(Family.COMPULSORY)],  # order of court to wind up
    "F14": [Sign(Family.COMPULSORY)],
    "4.13": [Sign(Family.COMPULSORY)],
    "4.31": [Sign(Family.COMPULSORY)],
    "4.43": [Sign(Family.COMPULSORY, ends=True)],
    "WU15": [Sign(Family.COMPULSORY, ends=True)],  # final account, winding up by the court
    "AM22": [Sign(Family.ADMINISTRATION, ends=True), Sign(Family.VOLUNTARY, members=False)],
    "AM23": [Sign(Family.ADMINISTRATION, ends=True)],  # move from administration to dissolution
    "RM01": [Sign(Family.RECEIVERSHIP)],
    "RM02": [Sign(Family.RECEIVERSHIP, ends=True)],
    "LLRM01": [Sign(Family.RECEIVERSHIP)],
    "LLRM02": [Sign(Family.RECEIVERSHIP, ends=True)],
    "1.1": [Sign(Family.ARRANGEMENT)],
    "1.3": [Sign(Family.ARRANGEMENT)],
    "1.4": [Sign(Family.ARRANGEMENT, ends=True)],
    "CVA4": [Sign(Family.ARRANGEMENT, ends=True)],
}
_TYPE_PREFIXES: tuple[tuple[str, Family], ...] = (
    ("LIQ", Family.VOLUNTARY),  # LIQ01-LIQ14: the voluntary winding-up forms
    ("WU", Family.COMPULSORY),  # WU01-WU15: winding up by the court
    ("AM", Family.ADMINISTRATION),  # AM01-AM25
    ("CVA", Family.ARRANGEMENT),
)


def _by_type(ftype: str) -> list[Sign]:
    if ftype in _TYPE_SIGNS:
        return list(_TYPE_SIGNS[ftype])
    for prefix, family in _TYPE_PREFIXES:
        if ftype.startswith(prefix) and ftype[len(prefix) :][:2].isdigit():
            return [Sign(family)]
    if ftype.startswith("2.") and ftype.endswith("B"):  # 2.12B…2.40B: administration
        return [Sign(Family.ADMINISTRATION)]
    return []


_SUBCATEGORIES: tuple[tuple[str, Family], ...] = (
    ("voluntary-arrangement", Family.ARRANGEMENT),
    ("compulsory", Family.COMPULSORY),
    ("voluntary", Family.VOLUNTARY),
    ("administration", Family.ADMINISTRATION),
    ("receiver", Family.RECEIVERSHIP),
)


def _by_subcategory(item: dict[str, Any]) -> list[Sign]:
    if _text(item.get("category")) != "insolvency":
        return []
    raw = item.get("subcategory")
    subs = [s for s in (raw if isinstance(raw, list) else [raw]) if isinstance(s, str)]
    for sub in subs:
        for prefix, family in _SUBCATEGORIES:
            if sub.startswith(prefix):
                return [Sign(family)]
    return []


# --- episodes ---------------------------------------------------------------------------
@dataclass(frozen=True)
class InsolvencyFiling:
    index: int  # position among the filing history's items
    on: date
    label: str  # "LIQ14 2021-03-01"
    sign: Sign


@dataclass(frozen=True)
class Episode:
    """One procedure as the filing history tells it."""

    family: Family
    kind: EventKind
    opened: date | None
    ended: date | None
    first: int  # index of the filing that opens it: the event's provenance
    filings: tuple[InsolvencyFiling, ...]
    how: str  # why this kind, in words

    @property
    def labels(self) -> list[str]:
        return [f.label for f in self.filings]

    def description(self) -> str:
        return f"{self.family.value} ({self.how}); from the filing history: " + ", ".join(
            self.labels
        )


# A fetched page reaching this far before the first liquidation filing would show a
# declaration of solvency: it is made within 5 weeks before the winding-up resolution and
# delivered within 15 days after it, and the liquidator's appointment is notified within 14.
COVERAGE = timedelta(days=60)

_FAMILY_KINDS = {
    Family.COMPULSORY: EventKind.COMPULSORY_LIQUIDATION,
    Family.LIQUIDATION: EventKind.WINDING_UP,
    Family.ADMINISTRATION: EventKind.ADMINISTRATION,
    Family.RECEIVERSHIP: EventKind.ADMINISTRATION,  # as the receiver case types
    Family.ARRANGEMENT: EventKind.JUDICIAL_REORGANISATION,  # as the CVA case types
}


def insolvency_filings(items: Sequence[Any]) -> list[InsolvencyFiling]:
    """Every dated insolvency filing of a filing history (items that cannot be read are the
    filing parser's rejections, not ours)."""
    found: list[InsolvencyFiling] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        signs = classify(item)
        on = _date(item.get("date")) if signs else None
        if on is None:
            continue
        label = " ".join(
            p for p in (_text(item.get("type")) or _text(item.get("description")), str(on)) if p
        )
        found.extend(InsolvencyFiling(index, on, label, sign) for sign in signs)
    return found


def episodes(items: Sequence[Any], complete: bool) -> list[Episode]:
    """The procedures a filing history tells, oldest first. `complete`: the items are the
    whole history (else the coverage of what was fetched is judged from the dates)."""
    filings = insolvency_filings(items)
    if not filings:
        return []
    dates = [_date(i.get("date")) for i in items if isinstance(i, dict)]
    oldest = min((d for d in dates if d is not None), default=None)
    by_family: dict[Family, list[InsolvencyFiling]] = {}
    for f in filings:
        by_family.setdefault(f.sign.family, []).append(f)
    unqualified = by_family.pop(Family.LIQUIDATION, [])
    liquidations = [fam for fam in (Family.COMPULSORY, Family.VOLUNTARY) if fam in by_family]
    if unqualified:
        if liquidations:  # the dissolution after a liquidation belongs to the latest one
            latest = max(liquidations, key=lambda fam: min(f.on for f in by_family[fam]))
            by_family[latest].extend(unqualified)
        else:
            by_family[Family.LIQUIDATION] = unqualified
    found = [_episode(family, fs, complete, oldest) for family, fs in by_family.items() if fs]
    return sorted(found, key=lambda e: (e.opened or date.max, e.family.value))


def _episode(
    family: Family, filings: list[InsolvencyFiling], complete: bool, oldest: date | None
) -> Episode:
    filings = sorted(filings, key=lambda f: (f.on, -f.index))
    opening = [f for f in filings if not f.sign.ends]
    opened = opening[0].on if opening else None
    ends = [f.on for f in filings if f.sign.ends]
    ended = max(ends) if ends and (opened is None or max(ends) >= opened) else None
    first = (opening or filings)[0].index
    if family is Family.VOLUNTARY:
        kind, how = _voluntary_kind(filings, opened, complete, oldest)
    else:
        kind, how = _FAMILY_KINDS[family], "its filings name the procedure"
        if family is Family.LIQUIDATION:
            how = "a dissolution after liquidation; which liquidation is not in the filings read"
    unique = tuple(dict.fromkeys(filings))  # one filing may sign twice (AM22)
    return Episode(family, kind, opened, ended, first, unique, how)


def _voluntary_kind(
    filings: list[InsolvencyFiling], opened: date | None, complete: bool, oldest: date | None
) -> tuple[EventKind, str]:
    said = {f.sign.members for f in filings}
    if False in said:  # a creditors' filing: creditors', even after a declaration (s.96)
        return EventKind.CREDITORS_VOLUNTARY_LIQUIDATION, "a creditors' filing"
    if True in said:
        return EventKind.MEMBERS_VOLUNTARY_LIQUIDATION, "declaration of solvency: solvent"
    covered = complete or (
        opened is not None and oldest is not None and oldest <= opened - COVERAGE
    )
    if covered:
        return (
            EventKind.CREDITORS_VOLUNTARY_LIQUIDATION,
            "no declaration of solvency filed, so a creditors' winding up (IA 1986 s.90)",
        )
    return (
        EventKind.WINDING_UP,
        "whether members' or creditors' is not in the filings read",
    )


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _date(value: Any) -> date | None:
    raw = _text(value)[:10]
    try:
        return date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        return None


# --- the same procedures seen from an insolvency case or the company status -------------
_LIQUIDATIONS = frozenset({Family.COMPULSORY, Family.VOLUNTARY, Family.LIQUIDATION})
_ADMINISTRATIONS = frozenset({Family.ADMINISTRATION})
_RECEIVERSHIPS = frozenset({Family.RECEIVERSHIP})
_ARRANGEMENTS = frozenset({Family.ARRANGEMENT})

# insolvency_case_type -> the procedures whose filings support a case of that type.
CASE_FAMILIES: dict[str, frozenset[Family]] = {
    "compulsory-liquidation": frozenset({Family.COMPULSORY, Family.LIQUIDATION}),
    "creditors-voluntary-liquidation": frozenset({Family.VOLUNTARY, Family.LIQUIDATION}),
    "members-voluntary-liquidation": frozenset({Family.VOLUNTARY, Family.LIQUIDATION}),
    "in-administration": _ADMINISTRATIONS,
    "administration-order": _ADMINISTRATIONS,
    "administrative-receiver": _RECEIVERSHIPS,
    "scottish-administrative-receiver": _RECEIVERSHIPS,
    "receiver-manager": _RECEIVERSHIPS,
    "corporate-voluntary-arrangement": _ARRANGEMENTS,
    "corporate-voluntary-arrangement-moratorium": _ARRANGEMENTS,
    "moratorium": _ARRANGEMENTS,
    "order-of-court-restructuring-plan": _ARRANGEMENTS,
}

# company_status -> (the procedures that status means, the event it is when nothing dates it).
STATUS_PROCEDURES: dict[str, tuple[frozenset[Family], EventKind]] = {
    "liquidation": (_LIQUIDATIONS, EventKind.WINDING_UP),
    "administration": (_ADMINISTRATIONS, EventKind.ADMINISTRATION),
    "receivership": (_RECEIVERSHIPS, EventKind.ADMINISTRATION),
    "voluntary-arrangement": (_ARRANGEMENTS, EventKind.JUDICIAL_REORGANISATION),
    # Used for overseas companies; their foreign-insolvency cases are bankruptcies too.
    "insolvency-proceedings": (frozenset(), EventKind.BANKRUPTCY),
}


def case_families(case_type: str) -> frozenset[Family]:
    if case_type.startswith("liquidation-moratorium-"):
        return _ARRANGEMENTS
    return CASE_FAMILIES.get(case_type, frozenset())
