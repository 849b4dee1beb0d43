"""Company events and which of them count as insolvency."""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    INCORPORATION = "INCORPORATION"
    # Insolvency proper: a court or creditors act because the company cannot pay.
    BANKRUPTCY = "BANKRUPTCY"  # faillite / faillissement / konkurs
    COMPULSORY_LIQUIDATION = "COMPULSORY_LIQUIDATION"  # winding-up order, liquidation judiciaire
    CREDITORS_VOLUNTARY_LIQUIDATION = "CREDITORS_VOLUNTARY_LIQUIDATION"
    ADMINISTRATION = "ADMINISTRATION"  # UK administration, receivership
    REORGANISATION_FAILED = "REORGANISATION_FAILED"  # plan resolved / converted into liquidation
    # A UK winding up whose kind the register does not give (company status or filings alone):
    # presumed insolvent, as a solvent one needs a declaration of solvency (IA 1986 s.90).
    WINDING_UP = "WINDING_UP"
    # Distress that is not (yet) a failure.
    JUDICIAL_REORGANISATION = "JUDICIAL_REORGANISATION"  # redressement, WCO/PRJ, sauvegarde
    INSOLVENCY_CLOSED = "INSOLVENCY_CLOSED"  # closure of proceedings (e.g. insuffisance d'actif)
    # Proceedings of a type the registry gives in a code we do not know yet (kept raw in the
    # description): not counted as an insolvency until the code is mapped.
    INSOLVENCY_PROCEEDINGS = "INSOLVENCY_PROCEEDINGS"
    # Solvent endings: never a bankruptcy.
    MEMBERS_VOLUNTARY_LIQUIDATION = "MEMBERS_VOLUNTARY_LIQUIDATION"
    VOLUNTARY_DISSOLUTION = "VOLUNTARY_DISSOLUTION"
    LIQUIDATION = "LIQUIDATION"  # a liquidation the source does not qualify (treated as solvent)
    STRIKE_OFF = "STRIKE_OFF"  # administrative removal from the register
    DISSOLUTION = "DISSOLUTION"
    REACTIVATION = "REACTIVATION"
    # Changes and filings.
    NAME_CHANGE = "NAME_CHANGE"
    ADDRESS_CHANGE = "ADDRESS_CHANGE"
    STATUS_CHANGE = "STATUS_CHANGE"
    ACTIVITY_CHANGE = "ACTIVITY_CHANGE"
    ACCOUNTS_FILED = "ACCOUNTS_FILED"
    FILING = "FILING"


INSOLVENCY_KINDS: frozenset[EventKind] = frozenset(
    {
        EventKind.BANKRUPTCY,
        EventKind.COMPULSORY_LIQUIDATION,
        EventKind.CREDITORS_VOLUNTARY_LIQUIDATION,
        EventKind.ADMINISTRATION,
        EventKind.REORGANISATION_FAILED,
        EventKind.WINDING_UP,
    }
)

ENDING_KINDS: frozenset[EventKind] = frozenset(
    {
        EventKind.MEMBERS_VOLUNTARY_LIQUIDATION,
        EventKind.VOLUNTARY_DISSOLUTION,
        EventKind.LIQUIDATION,
        EventKind.STRIKE_OFF,
        EventKind.DISSOLUTION,
    }
)


def is_insolvency(kind: EventKind) -> bool:
    """A solvent voluntary dissolution or a strike-off is not a bankruptcy."""
    return kind in INSOLVENCY_KINDS
