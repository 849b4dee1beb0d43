"""KBO/BCE open data: numbers, dates, the code table and what juridical situations mean.

Reference: FOD Economie "Cookbook KBO Open data" (file layout, code categories) and the
`code.csv` shipped with every extract. Juridical-situation codes are mapped from the code
list's own Dutch/French descriptions (keyword rules below), with a few codes pinned, so a new
code the FOD adds still lands on the right kind as long as its wording is the usual one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from normality import normalize

from graph_schema.events import EventKind

# Language codes of code.csv and denomination.csv: 0 unknown, 1 FR, 2 NL, 3 DE, 4 EN.
LANGUAGE_PREFERENCE = ("NL", "FR", "DE", "EN")
DENOMINATION_LANGUAGE_PREFERENCE = ("2", "1", "3", "4", "0")
LEGAL_NAME = "001"  # TypeOfDenomination: 001 legal name, 002 abbreviation, 003 commercial name
REGISTERED_OFFICE = "REGO"  # TypeOfAddress: REGO registered office, BAET establishment, ABBR branch
NATURAL_PERSON = "1"  # TypeOfEnterprise: 1 natural person, 2 legal person
CLASSIFICATION_ORDER = {"MAIN": 0, "SECO": 1, "ANCI": 2}  # main, secondary, auxiliary activity
NACE_PREFIX = {"2008": "NACE", "2025": "NACE2.1", "2003": "NACE1.1"}
NACE_VERSION_ORDER = {"2008": 0, "2025": 1, "2003": 2}  # "NACE:" (Rev. 2) first, as others use
STATUS = {"AC": "active", "ST": "stopped"}

_ESTABLISHMENT = re.compile(r"^[2-8][0-9]{9}$")
_NON_DIGIT = re.compile(r"[^0-9]")


def parse_kbo_date(value: str, column: str) -> date | None:
    """KBO dates are dd-mm-yyyy; empty is None; anything else raises ValueError with the reason."""
    text = value.strip()
    if not text:
        return None
    try:
        return datetime.strptime(text, "%d-%m-%Y").date()
    except ValueError:
        raise ValueError(f"invalid date {text!r} in {column}") from None


def is_establishment_number(value: str) -> bool:
    """Establishment unit numbers (2.000.000.339): 10 digits starting 2-8 with a mod-97 check."""
    digits = _NON_DIGIT.sub("", value)
    if not _ESTABLISHMENT.match(digits):
        return False
    return 97 - int(digits[:8]) % 97 == int(digits[8:])


@dataclass
class CodeTable:
    """code.csv held in memory (a few thousand rows): (category, code) -> {language: text}."""

    entries: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    def add(self, category: str, code: str, language: str, description: str) -> None:
        self.entries.setdefault((category, code), {})[language.upper()] = description.strip()

    def has(self, category: str, code: str) -> bool:
        return (category, code) in self.entries

    def describe(self, category: str, code: str) -> str | None:
        texts = self.entries.get((category, code), {})
        for language in LANGUAGE_PREFERENCE:
            if texts.get(language):
                return texts[language]
        return next(iter(texts.values()), None)

    def all_texts(self, category: str, code: str) -> list[str]:
        return list(self.entries.get((category, code), {}).values())


# Codes whose meaning is certain from the public code list; everything else goes by wording.
_PINNED: dict[str, EventKind | None] = {
    "000": None,  # Normale toestand / Situation normale
    "050": EventKind.BANKRUPTCY,  # Opening faillissement / Ouverture de faillite
}

# (keywords in the ASCII-folded NL or FR description, kind); the first rule that matches wins,
# so the specific wordings come before the generic ones ("sluiting faillissement" before
# "faillissement", "vrijwillige ontbinding" before "ontbinding").
_RULES: tuple[tuple[tuple[str, ...], EventKind | None], ...] = (
    (("normale toestand", "situation normale"), None),
    # A merger or split ends the absorbed company ("Fusie door oprichting" must not be read
    # as a creation, hence before the next rule).
    (("fusie", "fusion", "splitsing", "scission"), EventKind.DISSOLUTION),
    (("oprichting", "creation", "constitution", "verlenging", "prorogation"), None),
    (
        ("sluiting faillissement", "cloture de faillite", "faillissement gesloten"),
        EventKind.INSOLVENCY_CLOSED,
    ),
    (("faillite cloturee", "sluiting van het faillissement"), EventKind.INSOLVENCY_CLOSED),
    (("cloture de la faillite",), EventKind.INSOLVENCY_CLOSED),
    (("faillissement", "faillite"), EventKind.BANKRUPTCY),
    (
        ("gerechtelijke reorganisatie", "reorganisation judiciaire"),
        EventKind.JUDICIAL_REORGANISATION,
    ),
    (("gerechtelijk akkoord", "concordat"), EventKind.JUDICIAL_REORGANISATION),
    (("opschorting", "sursis"), EventKind.JUDICIAL_REORGANISATION),
    (("gerechtelijk gezag", "autorite judiciaire"), EventKind.JUDICIAL_REORGANISATION),
    (("sluiting van vereffening", "cloture de liquidation"), EventKind.DISSOLUTION),
    (("vrijwillige ontbinding", "dissolution volontaire"), EventKind.LIQUIDATION),
    (("vrijwillige vereffening", "liquidation volontaire"), EventKind.LIQUIDATION),
    # Court-ordered dissolution in Belgium is mostly a sanction (e.g. accounts not filed), not
    # a finding of insolvency: a dissolution, never counted as a bankruptcy.
    (("gerechtelijke ontbinding", "dissolution judiciaire"), EventKind.DISSOLUTION),
    (("ontbinding", "dissolution"), EventKind.DISSOLUTION),
    (("vereffening", "liquidation"), EventKind.LIQUIDATION),
    (("stopzetting", "cessation", "arret", "geannuleerd", "annule"), EventKind.STATUS_CHANGE),
    (("vervanging", "remplacement"), EventKind.STATUS_CHANGE),
)


def _fold(text: str) -> str:
    return normalize(text, lowercase=True, ascii=True) or ""


def situation_kind(code: str, texts: list[str]) -> EventKind | None:
    """The event a juridical situation stands for (None: nothing happened, e.g. 'normal')."""
    if code in _PINNED:
        return _PINNED[code]
    folded = [_fold(t) for t in texts]
    for keywords, kind in _RULES:
        if any(k in text for text in folded for k in keywords):
            return kind
    return EventKind.STATUS_CHANGE  # an unusual situation we cannot qualify: still recorded


def nace_code(version: str, code: str) -> str:
    """'2008', '43910' -> 'NACE:43.91' (the 4-digit NACE class; NACE-BEL adds a 5th digit)."""
    prefix = NACE_PREFIX.get(version.strip())
    if prefix is None:
        raise ValueError(f"unknown NaceVersion {version!r}")
    digits = code.strip()
    if not digits.isdigit() or len(digits) < 4:
        raise ValueError(f"invalid NaceCode {code!r}")
    return f"{prefix}:{digits[:2]}.{digits[2:4]}"
