"""BODACC wording -> meaning: judgment natures to event kinds, French dates, personal sanctions.

The `jugement.nature` labels are the greffes' standard ones ("Jugement d'ouverture de
liquidation judiciaire", …). Alsace-Moselle courts publish "Autre jugement et ordonnance" /
"Extrait de jugement" and put the real decision at the start of `complementJugement`, so
those are classified from that text with the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from graph_schema.events import EventKind

FRENCH_MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
_FRENCH_DATE = re.compile(r"^(\d{1,2})(?:er)?\s+([a-z]+)\s+(\d{4})$")
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

# Ordered: the first rule whose keywords all occur in the folded text wins, so the specific
# ("resolution du plan … liquidation") comes before the generic ("liquidation judiciaire").
_RULES: tuple[tuple[tuple[str, ...], EventKind], ...] = (
    (("resolution du plan", "liquidation"), EventKind.REORGANISATION_FAILED),
    (("conversion en liquidation",), EventKind.REORGANISATION_FAILED),
    (("liquidation judiciaire sur conversion",), EventKind.REORGANISATION_FAILED),
    (("conversion d'une procedure de sauvegarde en liquidation",), EventKind.REORGANISATION_FAILED),
    (("conversion", "liquidation judiciaire"), EventKind.REORGANISATION_FAILED),
    (("cloture pour insuffisance d'actif",), EventKind.INSOLVENCY_CLOSED),
    (("cloture pour extinction du passif",), EventKind.INSOLVENCY_CLOSED),
    (("mettant fin a la procedure",), EventKind.INSOLVENCY_CLOSED),
    (("etat des creances",), EventKind.FILING),
    (("liste des creances",), EventKind.FILING),
    (("projet de repartition",), EventKind.FILING),
    (("designation des organes",), EventKind.FILING),
    (("plan de cession",), EventKind.FILING),
    (("periode d'observation",), EventKind.FILING),
    (("rectification",), EventKind.FILING),
    (("modifiant le plan",), EventKind.JUDICIAL_REORGANISATION),
    (("modification du plan",), EventKind.JUDICIAL_REORGANISATION),
    (("ouverture de liquidation judiciaire",), EventKind.COMPULSORY_LIQUIDATION),
    (("prononcant la liquidation judiciaire",), EventKind.COMPULSORY_LIQUIDATION),
    (("ouvre les operations de la liquidation",), EventKind.COMPULSORY_LIQUIDATION),
    (("reprise de la procedure de liquidation",), EventKind.COMPULSORY_LIQUIDATION),
    (("liquidation judiciaire",), EventKind.COMPULSORY_LIQUIDATION),
    (("redressement judiciaire",), EventKind.JUDICIAL_REORGANISATION),
    (("procedure de redressement",), EventKind.JUDICIAL_REORGANISATION),
    (("plan de redressement",), EventKind.JUDICIAL_REORGANISATION),
    (("plan de continuation",), EventKind.JUDICIAL_REORGANISATION),
    (("sauvegarde",), EventKind.JUDICIAL_REORGANISATION),
)
_SANCTIONS = ("interdiction de gerer", "faillite personnelle", "l. 653-8", "l.653-8")
_OTHER = ("autre jugement", "extrait de jugement")
_SANCTIONED = re.compile(
    r"a l'encontre de\s+(?:monsieur|madame|mme|mlle|m\.|mr\.?)?\s*(?P<name>.+?)\s*,?\s+"
    r"pour une duree de\s+(?P<years>\d{1,2})\s+ans?",
)


def _fold_keep_apostrophes(text: str) -> str:
    """Lower case without accents, curly apostrophes made straight; one char per input char
    (so offsets found in the folded text hold in the original)."""
    text = text.replace("’", "'")
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base.lower() if len(base) == 1 else char.lower()


def parse_french_date(value: str, column: str) -> date:
    """'2026-02-04', '04/02/2026' or '4 février 2026'; anything else raises ValueError."""
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    folded = _fold_keep_apostrophes(text)
    for pattern, order in ((_SLASH_DATE, "dmy"), (_FRENCH_DATE, "dMy")):
        match = pattern.match(folded)
        if not match:
            continue
        day, month_text, year = match.groups()
        month = int(month_text) if order == "dmy" else FRENCH_MONTHS.get(month_text, 0)
        try:
            return date(int(year), month, int(day))
        except ValueError:
            break
    raise ValueError(f"invalid date {value!r} in {column}")


def judgment_kind(nature: str, complement: str) -> EventKind | None:
    """The event a judgment stands for; None for a personal sanction (no company event)."""
    text = _fold_keep_apostrophes(nature)
    if is_sanction(nature, complement):
        return None
    if any(text.startswith(o) for o in _OTHER) or not _match(text):
        # The nature says nothing: the decision opens the complement ("Ouvre la procédure…").
        found = _match(_fold_keep_apostrophes(complement[:400]))
        if found is not None:
            return found
        if any(text.startswith(o) for o in _OTHER):
            return EventKind.FILING  # e.g. an order extending a mandataire's mission
        raise ValueError(f"unknown jugement nature {nature!r}")
    return _match(text)


def _match(text: str) -> EventKind | None:
    for keywords, kind in _RULES:
        if all(k in text for k in keywords):
            return kind
    return None


def is_sanction(nature: str, complement: str) -> bool:
    text = _fold_keep_apostrophes(nature)
    if any(s in text for s in _SANCTIONS):
        return True
    head = _fold_keep_apostrophes(complement[:200])
    return head.startswith("jugement prononcant") and any(s in head for s in _SANCTIONS)


@dataclass(frozen=True)
class Sanction:
    name: str
    years: int


def sanctioned_person(complement: str) -> Sanction | None:
    """'… à l'encontre de Monsieur Simsek Ismet pour une durée de 8 ans' -> ('Simsek Ismet', 8)."""
    text = complement.replace("\u2019", "'")
    folded = _fold_keep_apostrophes(text)
    match = _SANCTIONED.search(folded)
    if not match:
        return None
    # Take the name from the original text (accents, case) at the same offsets: folding keeps
    # one character per character.
    start, end = match.span("name")
    name = text[start:end]
    return Sanction(name=re.sub(r"\s+", " ", name).strip(" ,."), years=int(match.group("years")))


def add_years(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February -> 28 February
        return start.replace(year=start.year + years, day=28)
