"""Client files written the way Excel writes them, through `screen`, `ubo-check` and `changes`.

The files are built here byte for byte as Excel saves them ("CSV" on a Belgian Windows: `;` and
cp1252 with CRLF; "CSV UTF-8": `,` with a BOM; "Text (Tab delimited)"; an .xlsx workbook), with
Dutch, French and English headers, the user's own reference column, a number given with another
company's name, a typo in a name, a name two companies share and an unknown header. The
outputs are compared whole, file for file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
import typer
from neo4j import Driver
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from graph_schema.settings import Settings
from graphapi.cli.batch import screen_command, ubo_check_command
from graphapi.cli.changes import changes_command
from tests.api.dd_world import CARL, PAM, RITA
from tests.graph.batch.world import build_world

BELGIAN = (
    "Klantnummer;Ondernemingsnummer;Naam;Land;Opmerking\r\n"
    "K-001;0403.170.701;Brouwerij Janssens;BE;Vaste klant\r\n"
    "K-002;;Solo Widgts;;tikfout\r\n"
    "K-003;;Twin Trading;GB;twee kandidaten\r\n"
    "K-004;;Société Inconnue;FR;\r\n"
    "K-005;0403.170.702;Brouwerij Janssens;;\r\n"
).encode("cp1252")
ENGLISH = (
    "\ufeffYour Reference,Company Number,Company Name,Notes\r\n"
    "C-100,10000001,Acme Widgets Ltd,wrong name\r\n"
    "C-101,FR 552 100 554,Société Exemple,\r\n"
    "C-102,GB-COH-10000005,CLEAN LIMITED,\r\n"
    "C-103,99999999,Nobody Ltd,\r\n"
).encode()
FRENCH_TAB = (
    "Référence\tNuméro d'entreprise\tNom\tPays\r\n"
    "R1\t552100554\tSociété Exemple SA\tFR\r\n"
    "R2\t\tNova Bouw\tRoyaume-Uni\r\n"
).encode()
UNKNOWN_HEADER = "Klant;Adres\r\nJanssens;Brussel\r\n".encode("cp1252")
AS_OF = "2026-06-30"


@pytest.fixture
def cli(graph: Driver, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    build_world(graph, settings.neo4j.database)
    monkeypatch.setenv("NEO4J_URI", settings.neo4j.uri)
    app = typer.Typer()
    app.command("ubo-check")(ubo_check_command)
    app.command("screen")(screen_command)
    app.command("changes")(changes_command)
    return app


def _run(cli: typer.Typer, *args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _lines(path: Path, encoding: str = "utf-8-sig") -> list[str]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the accents right
    return data.decode(encoding).split("\r\n")


NOVA_SIGNALS = (
    "DIRECTOR_PAST_BANKRUPTCIES", "3",
    "Director Dirk Failed was involved in 1 company that became insolvent (1 after leaving, "
    "the nearest 3 months after) in the last 60 months (window 36 months after leaving).",
    "LATE_DIRECTOR_CHANGE", "3",
    "Dirk Failed left Old Bouw Ltd as director on 2023-12-31, 3 months before its insolvency "
    "on 2024-03-31; now director of Nova Bouw Ltd.",
    "UBO_DISCREPANCY", "3",
    "MISSING_DECLARED: Pam Owner is a beneficial owner under AMLR > 25 % (ownership, art54a; "
    "effective 30.00 %) but is not declared. (compared: PSC register (dd-test) vs "
    "shareholdings (dd-shareholders))",
)  # fmt: skip
NO_SIGNALS = ("",) * 9
KNOWN = "sufficient (no legal form, no filed accounts)"
# A status and nothing else: nobody known to run or own the company (docs/analytics.md).
STATUS_ONLY = (
    "insufficient data",
    "insufficient data: no officers, no ownership or control information, no legal form, "
    "no filed accounts",
)
SCREEN_HEADER = (
    "row", "status", "company_id", "registry_name", "warning", "rating", "label", "data_coverage",
    "signal_1_kind", "signal_1_severity", "signal_1_summary",
    "signal_2_kind", "signal_2_severity", "signal_2_summary",
    "signal_3_kind", "signal_3_severity", "signal_3_summary", "reason",
)  # fmt: skip
TYPO = (
    "NAME_APPROXIMATE: no company is named exactly 'Solo Widgts'; matched the similar name "
    "'Solo Widgets Ltd'"
)
TWINS = (
    "name 'Twin Trading (GB)' matches 2 companies: GB-COH-20000001 Twin Trading Ltd; "
    "GB-COH-20000002 Twin Trading Limited"
)
UNKNOWN = (
    "no company named 'Société Inconnue' in FR (searched for 'societe inconnue': legal form, "
    "case and accents ignored, exact or a typo or two away); nearest: FR-SIREN-552100554 "
    "Société Exemple SA"
)
CHECKSUM = (
    "invalid Belgian enterprise number '0403.170.702': The number's checksum or check digit "
    "is invalid."
)
MISMATCH = (
    "NAME_MISMATCH: the registry name of GB-COH-10000001 is 'Nova Bouw Ltd', not like the name "
    "given, 'Acme Widgets Ltd'"
)
NOBODY = "no company with identifier GB-COH-99999999 or NL-KVK-99999999"


def _csv_line(cells: tuple[str, ...], delimiter: str) -> str:
    """A row as Python's csv module (and Excel) quotes it: cells with the delimiter, quotes
    or line breaks in double quotes."""
    out = []
    for c in cells:
        if delimiter in c or '"' in c or "\n" in c:
            c = '"' + c.replace('"', '""') + '"'
        out.append(c)
    return delimiter.join(out)


def _expected(rows: Sequence[tuple[str, ...]], delimiter: str) -> list[str]:
    return [_csv_line(r, delimiter) for r in rows] + [""]


def test_belgian_excel_file_semicolon_cp1252_dutch_header(cli: typer.Typer, tmp_path: Path) -> None:
    source = _file(tmp_path / "klanten.csv", BELGIAN)
    out = tmp_path / "screening.csv"
    printed = _run(cli, "screen", "-i", str(source), "-o", str(out), "--as-of", AS_OF, "-q")
    assert printed.splitlines()[0] == (
        "rows 5 (+0 empty lines skipped), ok 2, not found 1, malformed 1, ambiguous 1, "
        "duplicates 0; written 5, resumed past 0; " + printed.splitlines()[0].split("; ")[-1]
    )
    header = ("Klantnummer", "Ondernemingsnummer", "Naam", "Land", "Opmerking", *SCREEN_HEADER)
    assert _lines(out) == _expected(
        [
            header,
            ("K-001", "0403.170.701", "Brouwerij Janssens", "BE", "Vaste klant", "2", "OK",
             "BE-BCE_KBO-0403170701", "Brouwerij Janssens NV", "", "1", "very low", KNOWN,
             *NO_SIGNALS, ""),
            ("K-002", "", "Solo Widgts", "", "tikfout", "3", "OK", "GB-COH-20000003",
             "Solo Widgets Ltd", TYPO, "1", *STATUS_ONLY, *NO_SIGNALS, ""),
            ("K-003", "", "Twin Trading", "GB", "twee kandidaten", "4", "AMBIGUOUS", "", "", "",
             "", "", "", *NO_SIGNALS, TWINS),
            ("K-004", "", "Société Inconnue", "FR", "", "5", "NOT_FOUND", "", "", "", "", "", "",
             *NO_SIGNALS, UNKNOWN),
            ("K-005", "0403.170.702", "Brouwerij Janssens", "", "", "6", "MALFORMED_IDENTIFIER",
             "", "", "", "", "", "", *NO_SIGNALS, CHECKSUM),
        ],
        ";",
    )  # fmt: skip


def test_utf8_bom_comma_file_wrong_name_ubo_one_row_per_owner(
    cli: typer.Typer, tmp_path: Path
) -> None:
    source = _file(tmp_path / "clients.csv", ENGLISH)
    out = tmp_path / "ubo.csv"
    _run(cli, "ubo-check", "-i", str(source), "-o", str(out), "--as-of", AS_OF, "-q")
    given = ("Your Reference", "Company Number", "Company Name", "Notes")
    base = ("row", "status", "company_id", "registry_name", "warning")
    c100 = ("C-100", "10000001", "Acme Widgets Ltd", "wrong name", "2", "OK", "GB-COH-10000001",
            "Nova Bouw Ltd", MISMATCH)  # fmt: skip
    c101 = ("C-101", "FR 552 100 554", "Société Exemple", "", "3", "OK", "FR-SIREN-552100554",
            "Société Exemple SA", "")  # fmt: skip
    c102 = ("C-102", "GB-COH-10000005", "CLEAN LIMITED", "", "4", "OK", "GB-COH-10000005",
            "Clean Ltd", "")  # fmt: skip
    c103 = ("C-103", "99999999", "Nobody Ltd", "", "5", "NOT_FOUND", "", "", "")
    psc = "(25.00, 50.00] %"
    assert _lines(out) == _expected(
        [
            (*given, *base, "owner_role", "owner_name", "owner_id", "share", "control", "basis",
             "owner_status", "reason"),
            (*c100, "beneficial owner", "Rita Direct", RITA, "50.00 %", "no", "ownership",
             "certain", ""),
            (*c100, "beneficial owner", "Pam Owner", PAM, "30.00 %", "no", "ownership, art54a",
             "certain", ""),
            (*c100, "declared owner", "Rita Direct", RITA, psc, "no", "declared (psc)",
             "declared", ""),
            (*c101, "", "", "", "", "", "", "", "no owner, declared owner or officer known"),
            (*c102, "beneficial owner", "Carl Clean", CARL, "100.00 %", "yes",
             "ownership, control", "certain", ""),
            (*c102, "declared owner", "Carl Clean", CARL, "(75.00, 100.00] %", "no",
             "declared (psc)", "declared", ""),
            (*c103, "", "", "", "", "", "", "", NOBODY),
        ],
        ",",
    )  # fmt: skip
    missing = (
        "MISSING_DECLARED: Pam Owner is a beneficial owner under AMLR > 25 % (ownership, art54a;"
        " effective 30.00 %) but is not declared. (compared: PSC register (dd-test) vs "
        "shareholdings (dd-shareholders))"
    )
    assert _lines(tmp_path / "ubo.companies.csv") == _expected(
        [
            (*given, *base, "owners", "legal_entity_owners", "ownership_basis",
             "declared_owners", "discrepancies", "no_ubo_found", "senior_managing_officials",
             "reason"),
            (*c100, "Rita Direct 50.00 % (certain); Pam Owner 30.00 % (certain)", "",
             "computed", f"Rita Direct {psc} (psc)", missing, "no", "Dirk Failed", ""),
            (*c101, "", "", "none", "", "", "yes", "", ""),
            (*c102, "Carl Clean 100.00 % (certain, control)", "", "computed",
             "Carl Clean (75.00, 100.00] % (psc)", "", "no", "Carl Clean", ""),
            (*c103, "", "", "", "", "", "", "", NOBODY),
        ],
        ",",
    )  # fmt: skip


def test_tab_file_french_header_and_a_workbook_give_the_same_rows(
    cli: typer.Typer, tmp_path: Path
) -> None:
    source = _file(tmp_path / "clients.txt", FRENCH_TAB)
    out = tmp_path / "screening.csv"
    _run(cli, "screen", "-i", str(source), "-o", str(out), "--as-of", AS_OF, "-q", "--no-bom")
    rows = [
        ("Référence", "Numéro d'entreprise", "Nom", "Pays", *SCREEN_HEADER),
        ("R1", "552100554", "Société Exemple SA", "FR", "2", "OK", "FR-SIREN-552100554",
         "Société Exemple SA", "", "1", *STATUS_ONLY, *NO_SIGNALS, ""),
        ("R2", "", "Nova Bouw", "Royaume-Uni", "3", "OK", "GB-COH-10000001", "Nova Bouw Ltd", "",
         "4", "high", KNOWN, *NOVA_SIGNALS, ""),
    ]  # fmt: skip
    assert out.read_bytes().decode().split("\r\n") == _expected(rows, "\t")  # no BOM asked

    # The same list saved as an Excel workbook, screened into a workbook.
    book = Workbook()
    for r in (rows[0][:4], rows[1][:4], rows[2][:4]):
        book.active.append(list(r))  # type: ignore[union-attr]
    book.save(tmp_path / "clients.xlsx")
    xlsx = tmp_path / "screening.xlsx"
    _run(cli, "screen", "-i", str(tmp_path / "clients.xlsx"), "-o", str(xlsx), "--as-of", AS_OF,
         "-q")  # fmt: skip
    sheet = load_workbook(xlsx).worksheets[0]
    got = [tuple("" if v is None else v for v in r) for r in sheet.iter_rows(values_only=True)]
    assert got == rows


def test_changes_reads_the_same_client_file(cli: typer.Typer, tmp_path: Path) -> None:
    source = _file(tmp_path / "klanten.csv", BELGIAN)
    printed = _run(cli, "changes", "-i", str(source), "--since", "2026-01-01", "--as-of", AS_OF)
    assert printed.splitlines() == [
        "row 2: 0403.170.701 = BE-BCE_KBO-0403170701 Brouwerij Janssens NV (rating 1 -> 1): "
        "no changes",
        f"row 3: Solo Widgts = GB-COH-20000003 Solo Widgets Ltd (rating 1 -> 1) [{TYPO}]: "
        "no changes",
        f"row 4: Twin Trading (GB) not checked: AMBIGUOUS: {TWINS}",
        f"row 5: Société Inconnue (FR) not checked: NOT_FOUND: {UNKNOWN}",
        f"row 6: 0403.170.702 not checked: MALFORMED_IDENTIFIER: {CHECKSUM}",
        "2 client(s) checked, 0 with changes, 3 row(s) not checked",
    ]


def test_an_unknown_header_is_refused_with_the_names_understood(
    cli: typer.Typer, tmp_path: Path
) -> None:
    source = _file(tmp_path / "klanten.csv", UNKNOWN_HEADER)
    for command in ("screen", "ubo-check"):
        out = tmp_path / f"{command}.csv"
        result = CliRunner().invoke(cli, [command, "-i", str(source), "-o", str(out), "-q"])
        assert result.exit_code == 1
        message = " ".join(result.output.split())
        assert message.startswith(
            f"error: {source}, line 1: no column name is understood in ['Klant', 'Adres']; "
            "expected any of: number (id, identifier, company id, "
        )
        for name in (
            "kbo",
            "ondernemingsnummer",
            "numéro d'entreprise",
            "siren",
            "vat",
            "btw",
            "tva",
            "naam",
            "nom",
            "raison sociale",
            "country (",
            "pays",
            "reference (",
        ):
            assert name in message  # fmt: skip
        assert not out.exists()
