"""Malformed ledgers: every refused row reported with its file, line and exact reason, the rest
imported. Files written from how accounting packages export (a Belgian Excel: `;`, cp1252,
decimal commas; a UK one: `,`, UTF-8 with BOM), as no real ledger is public."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from graph_schema.ledger import DocumentKind, DocumentStatus
from graphapi.batch.tables import TableError
from graphapi.ledger.parse import ParsedLedger, parse_ledger
from graphapi.ledger.values import DateOrder

NOW = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)

CLIENTS = (
    "N° client;Raison sociale;N° d'entreprise;Pays;Conditions de paiement;Limite de crédit;"
    "Devise;Commercial;Catégorie\n"
    """\
C001;Acme SA;BE0403170701;BE;30 jours;€ 50.000,00;EUR;Alice;Retail
C002;Beta SPRL;;BE;Net 60;12k;;Bob;Wholesale
C001;Acme encore;;;;;;;
;Sans numéro;;;;;;;
C003;Gamma BV;;Belgique;net 30;1 000,00 £;EUR;;
"""
)

INVOICES = (
    "Client;N° facture;Type;Date facture;Échéance;Montant TTC;Devise;Montant payé;"
    "Date de paiement;Facture d'origine\n"
    """\
C001;F-1;Facture;31/03/2026;30.04.2026;1.234,56;EUR;500,00;2026-05-10;
C001;F-2;;15/03/2026;;€2.000,00;;;;
C001;F-1;FAC;01/04/2026;;100;EUR;;;
C001;AV-1;Avoir;10/04/2026;;-200,00;EUR;;;F-1
C001;AV-2;Avoir;11/04/2026;;5.000,00;EUR;;;F-2
C001;P-1;Paiement;;;;EUR;300,00;20/05/2026;F-1
C009;F-3;;01/04/2026;;100;EUR;;;
C002;F-4;;13/04/2026;;1 000,00;EUR;;;
C002;F-5;;04/13/2026;;1 000,00;EUR;;;
C001;F-6;;01/04/2026;;1.000,00;EUR;;;
C001;AV-3;Avoir;02/04/2026;;-600,00;EUR;;;F-6
C001;AV-4;Avoir;03/04/2026;;-600,00;EUR;;;F-6
C001;F-7;;2026-04-31;;10,00;EUR;;;
C001;F-8;;01/04/2026;;dix euros;EUR;;;
C002;F-9;;01/04/2026;;100,00;;;;
C001;P-2;Paiement;;;;EUR;50,00;01/05/2026;F-404
C002;P-3;Paiement;;;;EUR;50,00;01/05/2026;F-2
C001;F-10;Note;01/04/2026;;10,00;EUR;;;
C001;AV-5;Avoir;05/04/2026;;-25,00;EUR;;;
C001;P-1;Paiement;;;;EUR;300,00;20/05/2026;F-1
C001;P-9;Paiement;;;;EUR;1.000,00;20/05/2026;F-6
"""
)


@pytest.fixture
def ledger(tmp_path: Path) -> ParsedLedger:
    clients, invoices = tmp_path / "clients.csv", tmp_path / "invoices.csv"
    clients.write_bytes(CLIENTS.encode("cp1252"))
    invoices.write_bytes(INVOICES.encode("cp1252"))
    return parse_ledger(clients, invoices, "be", NOW)


def _report(parsed: ParsedLedger) -> list[tuple[str, int | None, bool, str]]:
    return [
        (Path(r.location.file).name, r.location.line, r.kept, r.reason) for r in parsed.rejections
    ]


def test_every_bad_row_is_reported_exactly(ledger: ParsedLedger) -> None:
    assert _report(ledger) == [
        ("clients.csv", 3, True, "credit limit: not an amount: '12k': kept without a credit limit"),
        ("clients.csv", 4, False, "duplicate client id 'C001' (first on line 2)"),
        ("clients.csv", 5, False, "no client id"),
        ("clients.csv", 6, True,
         "credit limit '1 000,00 £' is in GBP, the client in EUR: kept without a credit limit"),
        ("invoices.csv", 4, False, "duplicate invoice number 'F-1' (first on line 2)"),
        ("invoices.csv", 6, False,
         "credit note 'AV-2' of 5,000.00 is larger than invoice 'F-2' (2,000.00)"),
        ("invoices.csv", 8, False, "unknown client id 'C009' (not in the client file)"),
        ("invoices.csv", 10, False,
         "ambiguous date '04/13/2026': month-first, but the file is day-first"),
        ("invoices.csv", 11, True,
         "invoice 'F-6' of 1,000.00 is paid and credited 1,600.00: kept, 600.00 overpaid"),
        ("invoices.csv", 13, False,
         "credit note 'AV-4' of 600.00 is larger than invoice 'F-6' (1,000.00, 600.00 already "
         "credited)"),
        ("invoices.csv", 14, False, "not a date: '2026-04-31'"),
        ("invoices.csv", 15, False, "amount: not an amount: 'dix euros'"),
        ("invoices.csv", 16, False, "no currency (add a currency column, or --currency)"),
        ("invoices.csv", 17, False, "payment for invoice 'F-404', which is not in the file"),
        ("invoices.csv", 18, False,
         "payment for invoice 'F-2' of client 'C001', not of 'C002'"),
        ("invoices.csv", 19, False, "unknown document type 'Note'"),
        ("invoices.csv", 21, False, "duplicate payment number 'P-1' (first on line 7)"),
    ]  # fmt: skip
    assert (ledger.client_rows, ledger.invoice_rows) == (5, 21)
    assert ledger.date_order is DateOrder.DMY


def test_what_is_kept_is_read_right(ledger: ParsedLedger) -> None:
    clients = {c.client_id: c for c in ledger.clients}
    assert list(clients) == ["C001", "C002", "C003"]
    acme = clients["C001"]
    assert (acme.name, acme.registry_number, acme.country, acme.payment_terms_days) == (
        "Acme SA", "BE0403170701", "BE", 30,
    )  # fmt: skip
    assert (acme.credit_limit, acme.currency, acme.sales_owner, acme.segment) == (
        Decimal("50000.00"), "EUR", "Alice", "Retail",
    )  # fmt: skip
    assert (clients["C002"].credit_limit, clients["C002"].payment_terms_days) == (None, 60)
    assert clients["C003"].country == "BE"  # "Belgique"
    docs = {(d.kind, d.number): d for d in ledger.invoices}
    assert sorted(n for _, n in docs) == ["AV-1", "AV-3", "AV-5", "F-1", "F-2", "F-4", "F-6"]
    f1 = docs[DocumentKind.INVOICE, "F-1"]
    assert (f1.issued_on, f1.due_on, f1.amount, f1.currency) == (
        date(2026, 3, 31), date(2026, 4, 30), Decimal("1234.56"), "EUR",
    )  # fmt: skip
    # One payment on its own row, a partial payment on a payment row, a credit note.
    assert [(p.on, p.amount, p.line) for p in f1.payments] == [
        (date(2026, 5, 10), Decimal("500.00"), 2),
        (date(2026, 5, 20), Decimal("300.00"), 7),
    ]
    assert [(c.on, c.amount, c.reference) for c in f1.credits] == [
        (date(2026, 4, 10), Decimal("200.00"), "AV-1")
    ]
    assert f1.open_amount() == Decimal("234.56")
    assert f1.open_amount(date(2026, 5, 15)) == Decimal("534.56")
    assert f1.open_amount(date(2026, 3, 30)) == 0  # not yet issued
    # No due date: the client's terms from the invoice date; the currency from the amount.
    f2 = docs[DocumentKind.INVOICE, "F-2"]
    assert (f2.due_on, f2.currency, f2.status()) == (date(2026, 4, 14), "EUR", DocumentStatus.OPEN)
    assert docs[DocumentKind.INVOICE, "F-4"].due_on == date(2026, 6, 12)  # Net 60
    # A credit note without an invoice: a credit on the client's account.
    av5 = docs[DocumentKind.CREDIT_NOTE, "AV-5"]
    assert (av5.applies_to, av5.amount, av5.open_amount()) == (
        None,
        Decimal("25.00"),
        Decimal("-25.00"),
    )
    assert av5.source.file == "invoices.csv" and av5.source.line == 20


def test_a_month_first_export_is_recognised(tmp_path: Path) -> None:
    clients, invoices = tmp_path / "c.csv", tmp_path / "i.csv"
    clients.write_text("customer,terms,currency\nK1,30,USD\n", encoding="utf-8-sig")
    invoices.write_text(
        "customer,invoice no,date,due date,amount\n"
        'K1,1001,03/04/2026,05/04/2026,"$1,200.00"\n'
        "K1,1002,03/14/2026,04/13/2026,$80.50\n"
        "K1,1003,13/03/2026,,$10\n",
        encoding="utf-8-sig",
    )
    parsed = parse_ledger(clients, invoices, "us", NOW)
    assert parsed.date_order is DateOrder.MDY
    assert [(i.number, i.issued_on, i.due_on, i.amount, i.currency) for i in parsed.invoices] == [
        ("1001", date(2026, 3, 4), date(2026, 5, 4), Decimal("1200.00"), "USD"),
        ("1002", date(2026, 3, 14), date(2026, 4, 13), Decimal("80.50"), "USD"),
    ]
    assert _report(parsed) == [
        ("i.csv", 4, False, "ambiguous date '13/03/2026': day-first, but the file is month-first")
    ]
    forced = parse_ledger(clients, invoices, "us", NOW, order=DateOrder.DMY)
    assert [i.number for i in forced.invoices] == ["1001", "1003"]


def test_xlsx_exports_read_the_same(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Customer No", "Customer name", "Company number", "Credit limit", "Currency"])
    sheet.append(["K1", "Solo Widgets Ltd", "01234567", 25000, "GBP"])
    book.save(tmp_path / "clients.xlsx")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Customer No", "Invoice No", "Invoice date", "Due date", "Amount"])
    sheet.append(["K1", 5001, datetime(2026, 3, 31), datetime(2026, 4, 30), 1234.5])
    book.save(tmp_path / "invoices.xlsx")
    parsed = parse_ledger(tmp_path / "clients.xlsx", tmp_path / "invoices.xlsx", "uk", NOW)
    assert parsed.rejections == []
    (invoice,) = parsed.invoices
    assert (invoice.number, invoice.issued_on, invoice.due_on, invoice.amount) == (
        "5001", date(2026, 3, 31), date(2026, 4, 30), Decimal("1234.5"),
    )  # fmt: skip
    assert invoice.currency == "GBP"  # the client's


def test_a_file_without_the_needed_columns_is_refused_whole(tmp_path: Path) -> None:
    clients, invoices = tmp_path / "c.csv", tmp_path / "i.csv"
    clients.write_text("client id,name\nK1,A\n")
    invoices.write_text("client id,amount\nK1,10\n")
    with pytest.raises(TableError) as err:
        parse_ledger(clients, invoices, "x", NOW)
    assert str(err.value) == (
        f"{invoices}: no number, invoice_date column in ['client id', 'amount']"
    )
