"""The columns of a ledger export as accounting packages head them (English, French and Dutch;
`graphapi.batch.tables` compares them case- and accent-insensitively), and the document types
of the invoice file's `type` column."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum

from graphapi.batch.portfolio import COUNTRY, NAME, NUMBER, SCHEME
from graphapi.batch.tables import Column
from graphapi.ledger.values import CellError

CLIENTS_FORMAT = "ledger-clients"
INVOICES_FORMAT = "ledger-invoices"

_GENERIC_NUMBER = ("id", "nummer", "numéro")
_CLIENT_ID = Column(
    "client_id",
    ("client id", "client", "client no", "client number", "customer", "customer id",
     "customer no", "customer number", "account", "account no", "account number",
     "debtor", "debtor id", "code client", "n client", "numero client", "no client",
     "klantnummer", "klant", "debiteur", "debiteurnummer"),
)  # fmt: skip
CLIENT_COLUMNS = (
    _CLIENT_ID,
    # Identity: the columns and spellings of `screen`'s client lists (graphapi/batch/portfolio.py),
    # so a client resolves as it would there; "id" alone means the client id here.
    Column("number", tuple(s for s in NUMBER.synonyms if s not in _GENERIC_NUMBER)),
    SCHEME,
    NAME,
    COUNTRY,
    Column("payment_terms", ("payment terms", "terms", "payment terms days", "terms days",
                             "conditions de paiement", "delai de paiement",
                             "betalingstermijn", "betalingsvoorwaarden")),
    Column("credit_limit", ("limit", "credit line", "limite de credit", "encours autorise",
                            "plafond", "kredietlimiet")),
    Column("currency", ("ccy", "cur", "devise", "munt", "valuta")),
    Column("sales_owner", ("account manager", "salesperson", "sales rep", "owner", "commercial",
                           "vendeur", "verkoper", "accountmanager")),
    Column("segment", ("category", "customer group", "client group", "categorie", "segmentatie")),
)  # fmt: skip
INVOICE_COLUMNS = (
    _CLIENT_ID,
    Column("number", ("invoice number", "invoice no", "invoice", "document number",
                      "document no", "doc no", "n facture", "numero de facture",
                      "numero facture", "no facture", "factuurnummer", "piece", "n piece")),
    Column("type", ("document type", "doc type", "kind", "type de document", "type piece",
                    "soort", "documenttype")),
    Column("applies_to", ("applied to", "original invoice", "invoice reference",
                          "against invoice", "facture d origine", "facture liee",
                          "oorspronkelijke factuur")),
    Column("invoice_date", ("date", "document date", "posting date", "date facture",
                            "date de facture", "factuurdatum", "datum")),
    Column("due_date", ("due", "due on", "date d echeance", "echeance", "vervaldatum",
                        "vervaldag")),
    Column("amount", ("total", "gross amount", "amount incl vat", "invoice amount", "montant",
                      "montant ttc", "total ttc", "bedrag", "bedrag incl btw")),
    Column("currency", ("ccy", "cur", "devise", "munt", "valuta")),
    Column("paid_amount", ("amount paid", "paid", "settled amount", "montant paye",
                           "montant regle", "betaald", "betaald bedrag")),
    Column("paid_date", ("payment date", "paid on", "date of payment", "date paiement",
                         "date de paiement", "date de reglement", "betaaldatum")),
)  # fmt: skip


class RowType(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"
    PAYMENT = "payment"


_TYPES = {
    RowType.INVOICE: ("invoice", "inv", "in", "facture", "fac", "fa", "f", "factuur", "debit",
                      "dr", "sales invoice"),
    RowType.CREDIT_NOTE: ("credit note", "credit", "credit memo", "cn", "cr", "avoir", "av",
                          "note de credit", "creditnota", "creditnote"),
    RowType.PAYMENT: ("payment", "pmt", "pay", "receipt", "paiement", "reglement", "encaissement",
                      "betaling", "ontvangst", "rc"),
}  # fmt: skip
_TYPE_BY_NAME = {name: kind for kind, names in _TYPES.items() for name in names}
_TERMS = re.compile(r"(\d{1,3})")


def payment_terms(text: str) -> int:
    """'30', 'Net 30', '30 days', '30 jours fin de mois' -> 30."""
    m = _TERMS.search(text)
    if m is None:
        raise CellError(f"payment terms {text!r} name no number of days")
    return int(m.group(1))


def row_type(text: str, amount: Decimal | None) -> RowType | None:
    if not text:
        return RowType.CREDIT_NOTE if amount is not None and amount < 0 else RowType.INVOICE
    return _TYPE_BY_NAME.get(" ".join(text.lower().replace(".", " ").split()))
