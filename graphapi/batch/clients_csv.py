"""A client list (CSV) -> candidate company keys per row, and the rows that cannot be checked.

Columns: `company_id` (a graph key, e.g. GB-COH-01234567) or `identifier` with an optional
`scheme` (GB-COH, BE-BCE_KBO, FR-SIREN, LEI…; without one, `GB-COH-01234567`-style values are
split and bare numbers are matched against every scheme they are valid in).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from graph_schema.errors import InvalidInput
from graph_schema.identifiers import SCHEMES, guess_identifiers, normalise_identifier


class ClientsFileError(ValueError):
    """The file as a whole cannot be read (no usable column, not UTF-8)."""


@dataclass(frozen=True)
class ClientRow:
    row: int  # line number in the file (the header is line 1)
    given: str  # what the user wrote, for the report
    keys: tuple[str, ...]  # identifier keys to look up, best first


@dataclass
class Problem:
    row: int
    given: str
    reason: str


@dataclass
class ClientList:
    rows: list[ClientRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _split_org_id(value: str) -> tuple[str, str] | None:
    """'GB-COH-01234567' -> ('GB-COH', '01234567') for a known scheme prefix."""
    upper = value.upper()
    for code in sorted(SCHEMES, key=len, reverse=True):
        if upper.startswith(code + "-"):
            return code, value[len(code) + 1 :]
    return None


def keys_for(identifier: str, scheme: str) -> tuple[str, ...]:
    """Identifier keys for one cell; raises InvalidInput with the reason when malformed."""
    if scheme:
        code, number = normalise_identifier(scheme, identifier)
        return (f"{code}-{number}",)
    split = _split_org_id(identifier)
    if split is not None:
        code, number = normalise_identifier(*split)
        return (f"{code}-{number}",)
    guesses = guess_identifiers(identifier)
    if not guesses:
        raise InvalidInput(
            f"{identifier!r} is not a valid company number in any known scheme; "
            "add a scheme column (e.g. GB-COH)",
            "identifier",
        )
    return tuple(f"{code}-{number}" for code, number in guesses)


def parse_clients(text: str) -> ClientList:
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    if "company_id" not in header and "identifier" not in header:
        raise ClientsFileError(
            f"the first line must name a company_id or identifier column, got {header}"
        )
    out = ClientList()
    for cells in reader:
        line = reader.line_num
        record = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        company_id = record.get("company_id", "")
        identifier = record.get("identifier", "")
        given = company_id or identifier
        if not any(c.strip() for c in cells):
            out.problems.append(Problem(line, "", "empty line"))
            continue
        if not given:
            out.problems.append(Problem(line, ",".join(cells), "no company_id or identifier"))
            continue
        try:
            if company_id:
                split = _split_org_id(company_id)
                keys = keys_for(company_id, "") if split else (company_id,)
            else:
                keys = keys_for(identifier, record.get("scheme", ""))
        except InvalidInput as exc:
            out.problems.append(Problem(line, given, f"malformed: {exc.message}"))
            continue
        out.rows.append(ClientRow(line, given, keys))
    return out


def read_clients(path: Path) -> ClientList:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ClientsFileError(f"{path} is not UTF-8 text ({exc.reason})") from None
    return parse_clients(text)
