"""Node labels and relationship types: the whitelist every Cypher statement is built from."""

from __future__ import annotations

from enum import StrEnum


class NodeLabel(StrEnum):
    COMPANY = "Company"
    PERSON = "Person"
    ADDRESS = "Address"
    EVENT = "Event"
    IDENTIFIER = "Identifier"
    DISQUALIFICATION = "Disqualification"
    FINANCIAL_STATEMENT = "FinancialStatement"  # one period of filed annual accounts
    WATCHLIST = "Watchlist"  # written by the API (watchlists), never by a loader
    LOAD_STATE = "LoadState"  # per source: the last numbered extract applied (KBO updates)
    # The firm's own ledger (graph_schema/ledger.py), written by `duegraph ledger import`.
    LEDGER = "Ledger"
    CLIENT = "Client"
    INVOICE = "Invoice"  # an invoice or a credit note (`kind`)
    # Carried by companies and persons besides their own label (their `extra_labels`).
    ENTITY = "Entity"


class RelType(StrEnum):
    DIRECTOR_OF = "DIRECTOR_OF"  # officer roles: director, manager, secretary, board member…
    OWNS = "OWNS"  # a direct holding of shares or votes, exact or ranged
    CONTROLS = "CONTROLS"  # control without (known) shares: board appointment, influence
    DECLARED_BO_OF = "DECLARED_BO_OF"  # a declared beneficial owner / PSC: compared, not summed
    PARENT_OF = "PARENT_OF"  # accounting consolidation (GLEIF level 2): direct or ultimate
    REGISTERED_AT = "REGISTERED_AT"  # an entity's address (registered, service, residential…)
    HAS_EVENT = "HAS_EVENT"  # company -> event
    IDENTIFIED_BY = "IDENTIFIED_BY"  # company -> identifier
    RELATED_TO = "RELATED_TO"  # person -> person (family, associate)
    DISQUALIFIED = "DISQUALIFIED"  # person -> disqualification
    FILED = "FILED"  # company -> financial statement (its filed accounts, own or comparative)
    # watchlist -> company, with the baseline taken when it was added; written by the API only
    WATCHES = "WATCHES"
    # The firm's own ledger, written by `duegraph ledger import` only.
    RESOLVES_TO = "RESOLVES_TO"  # client -> the registry company it is
    BILLED_TO = "BILLED_TO"  # invoice or credit note -> client
    CREDITS = "CREDITS"  # credit note -> the invoice it credits
