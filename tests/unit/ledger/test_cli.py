"""`duegraph ledger import` refuses what it cannot read before touching the database."""

from __future__ import annotations

from pathlib import Path

from graphapi.cli.ledger import import_command
from tests.cli import invoke


def _files(tmp_path: Path, invoices: str) -> tuple[str, str]:
    clients, inv = tmp_path / "clients.csv", tmp_path / "invoices.csv"
    clients.write_text("client id,name\nK1,Acme Ltd\n")
    inv.write_text(invoices)
    return str(clients), str(inv)


def test_a_file_that_is_not_a_ledger_is_one_clear_error(tmp_path: Path) -> None:
    clients, invoices = _files(tmp_path, "colour,size\nred,2\n")
    result = invoke(import_command, clients, invoices)
    assert result.exit_code == 1
    assert "no column name is understood" in " ".join(result.output.split())


def test_a_bad_ledger_name_or_currency_is_refused(tmp_path: Path) -> None:
    clients, invoices = _files(tmp_path, "client id,invoice no,date,amount\nK1,1,2026-01-01,10\n")
    bad_name = invoke(import_command, clients, invoices, "--ledger", "my ledger")
    assert bad_name.exit_code == 1
    assert "ledger name 'my ledger'" in " ".join(bad_name.output.split())
    bad_currency = invoke(import_command, clients, invoices, "--currency", "EURO")
    assert bad_currency.exit_code == 1
    assert "unknown currency 'EURO'" in " ".join(bad_currency.output.split())
