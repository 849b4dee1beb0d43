"""Hypothesis strategies for loader fuzzing: valid minimal records of each format mixed with
malformed and adversarial ones, each tagged with what the parser must make of it.

A source record is (bytes, expect): "good" must come back Parsed, "bad" must come back a
Rejection with a reason, "any" (adversarial but arguably valid) may be either, never a crash.
Shared by tests/unit/loaders/test_fuzz_loaders.py and tests/graph/loaders/test_fuzz_load.py.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any, Literal

from hypothesis import strategies as st
from stdnum import luhn
from stdnum.iso7064 import mod_97_10

# "dangling": names an entity that is not in the file; the parser passes it on (it may be in
# the graph already), the writer rejects it when it is not there either.
Expect = Literal["good", "bad", "dangling", "any"]
Item = tuple[bytes, Expect]

# Valid text that looks wrong: RTL/LTR marks, zero-width (non-)joiners, homoglyphs (Cyrillic
# а/о/е, Greek Α), combining accents, emoji with ZWJ, CJK. Control characters (a NUL, a BEL)
# are not valid text: every format rejects them (tests/unit/loaders/test_text_checks.py).
TRICKS = [
    "\u200f",
    "\u202e",
    "\u200d",
    "\u200c",
    "\ufeff",
    "\u0430",
    "\u043e",
    "\u0435",
    "\u0391",
    "e\u0301",
    "\U0001f468\u200d\U0001f469",
    "株式会社",
    "Ω",
    " ",
]
NAMES = st.builds(
    lambda base, tricks: base + "".join(tricks),
    st.sampled_from(["Acme", "Bulk Holdings", "Ivan Petrov", "Société Générale", "Müller GmbH"]),
    st.lists(st.sampled_from(TRICKS), max_size=6),
)
HUGE = "N" * 1_000_000  # a 1 MB name: the parser must cope (the pipeline rejects it, see DB test)

# Lines no format can read: each must become one rejection, never an exception.
JUNK: list[bytes] = [
    b'{"truncated": ',
    b"\xff\xfe{}",  # not UTF-8
    b'{"a": "raw \x00 NUL"}',  # a raw control character is not JSON
    b'{"a": "\\ud800 lone surrogate"}',
    b"[" * 5000 + b"]" * 5000,  # deeper than the JSON decoder's recursion limit
    b"42",
    b"null",
    b'"just a string"',
    b"[1, 2]",
    b'{"a": 1}',
    b"{}",
]
JUNK_ITEMS: st.SearchStrategy[Item] = st.sampled_from([(line, "bad") for line in JUNK])


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def lei(n: int) -> str:
    base = f"5493{n:014d}"
    return base + mod_97_10.calc_check_digits(base)


def siren(n: int) -> str:
    base = f"{n % 10**8:08d}"
    return base + luhn.calc_check_digit(base)


def kbo_number(n: int) -> str:
    base = f"0{2 + n % 7}{n % 10**6:06d}"
    digits = base + f"{97 - int(base) % 97:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def write_lines(
    path: Path, items: list[Item], *, bom: bool, crlf: bool, gz: bool, blanks: list[bool]
) -> dict[int, Expect]:
    """Write one record per line (blank lines between some); return line number -> expect."""
    newline = b"\r\n" if crlf else b"\n"
    out: list[bytes] = []
    expected: dict[int, Expect] = {}
    for index, (line, expect) in enumerate(items):
        if index < len(blanks) and blanks[index] and index > 0:
            out.append(b"   " if index % 2 else b"")
        out.append(line)
        expected[len(out)] = expect
    data = (b"\xef\xbb\xbf" if bom else b"") + newline.join(out) + newline
    path.write_bytes(gzip.compress(data) if gz else data)
    return expected


WRAPPING = st.fixed_dictionaries(
    {
        "bom": st.booleans(),
        "crlf": st.booleans(),
        "gz": st.booleans(),
        "blanks": st.lists(st.booleans(), max_size=40),
    }
)


# --- FollowTheMoney -------------------------------------------------------------------------


def _ftm(entity_id: Any, schema: Any, **props: Any) -> dict[str, Any]:
    return {"id": entity_id, "schema": schema, "properties": props}


@st.composite
def ftm_items(draw: st.DrawFn, size: int = 25) -> list[Item]:
    companies = [f"c{i}" for i in range(3)]
    persons = [f"p{i}" for i in range(2)]
    items: list[Item] = [(dumps(_ftm(c, "Company", name=[draw(NAMES)])), "good") for c in companies]
    items += [
        (dumps(_ftm(p, "Person", name=[draw(NAMES)], birthDate=["1970-05-06"])), "good")
        for p in persons
    ]
    for n in range(draw(st.integers(0, size))):
        choice = draw(st.integers(0, 14))
        owner = draw(st.sampled_from(companies + persons))
        asset = draw(st.sampled_from(companies))
        if choice == 0:  # an ownership (company -> company links make cycles)
            link = _ftm(f"o{n}", "Ownership", owner=[owner], asset=[asset], percentage=["25"])
            items.append((dumps(link), "good"))
        elif choice == 1:
            items.append((dumps(_ftm(f"x{n}", "Company", name=[draw(NAMES)])), "good"))
        elif choice == 2:  # duplicate keys: the last "id" wins, as in every JSON parser
            text = f'{{"id": "dup", "id": "d{n}", "schema": "Person", "properties": {{}}}}'
            items.append((text.encode(), "good"))
        elif choice == 3:
            items.append((dumps(_ftm(f"h{n}", "Company", name=[HUGE])), "good"))
        elif choice == 4:
            items.append((dumps(_ftm(f"s{n}", "Spaceship", name=["x"])), "bad"))
        elif choice == 5:
            bad_id = draw(st.sampled_from([None, 123, "", "   ", ["c1"]]))
            items.append((dumps(_ftm(bad_id, "Company", name=["x"])), "bad"))
        elif choice == 6:
            items.append(
                (dumps({"id": f"b{n}", "schema": "Company", "properties": {"n": "x"}}), "bad")
            )
        elif choice == 7:
            date = draw(st.sampled_from(["2023-02-30", "20233-01-01", "yesterday", "0000-00-00"]))
            items.append((dumps(_ftm(f"b{n}", "Company", incorporationDate=[date])), "bad"))
        elif choice == 8:  # a link to an entity that is not in the file
            link = _ftm(f"o{n}", "Ownership", owner=["nobody"], asset=[asset])
            items.append((dumps(link), "dangling"))
        elif choice == 9:
            link = _ftm(f"o{n}", "Ownership", owner=[owner], asset=[asset], percentage=["lots"])
            items.append((dumps(link), "bad"))
        elif choice == 10:
            items.append((dumps({"op": "ZAP", "entity": _ftm(f"z{n}", "Company")}), "bad"))
        elif choice == 11:  # nested lists where strings belong
            nested: Any = "x"
            for _ in range(draw(st.integers(1, 200))):
                nested = [nested]
            items.append((dumps(_ftm(f"n{n}", "Company", name=nested)), "any"))
        else:
            items.append(draw(JUNK_ITEMS))
    return _shuffle_after_first(draw, items)


def _shuffle_after_first(draw: st.DrawFn, items: list[Item]) -> list[Item]:
    # The first line stays a good record: a file whose first line starts with "[" is, quite
    # rightly, read as one JSON array.
    rest = draw(st.permutations(items[1:])) if len(items) > 1 else []
    return [items[0], *rest]


# --- BODS 0.4 -------------------------------------------------------------------------------

PUB = {"publicationDate": "2024-01-02", "bodsVersion": "0.4", "publisher": {"name": "Fuzz"}}


def bods_statement(record_id: str, kind: str, details: dict[str, Any]) -> dict[str, Any]:
    return {
        "statementId": f"{record_id}-statement".ljust(32, "0"),
        "declarationSubject": record_id,
        "statementDate": "2024-01-01",
        "publicationDetails": PUB,
        "recordId": record_id,
        "recordType": kind,
        "recordStatus": "new",
        "recordDetails": {"isComponent": False, **details},
    }


def bods_entity(record_id: str, name: str) -> dict[str, Any]:
    return bods_statement(
        record_id, "entity", {"entityType": {"type": "registeredEntity"}, "name": name}
    )


def bods_person(record_id: str, name: str) -> dict[str, Any]:
    return bods_statement(
        record_id,
        "person",
        {"personType": "knownPerson", "names": [{"type": "individual", "fullName": name}]},
    )


def bods_relationship(record_id: str, subject: str, party: str, share: Any) -> dict[str, Any]:
    interest = {"type": "shareholding", "share": {"exact": share}, "startDate": "2020-01-01"}
    return bods_statement(
        record_id,
        "relationship",
        {"subject": subject, "interestedParty": party, "interests": [interest]},
    )


@st.composite
def bods_items(draw: st.DrawFn, size: int = 25) -> list[Item]:
    entities = [f"ent-{i}" for i in range(3)]
    persons = [f"per-{i}" for i in range(2)]
    items: list[Item] = [(dumps(bods_entity(e, draw(NAMES))), "good") for e in entities]
    items += [(dumps(bods_person(p, draw(NAMES))), "good") for p in persons]
    for n in range(draw(st.integers(0, size))):
        choice = draw(st.integers(0, 12))
        subject = draw(st.sampled_from(entities))
        party = draw(st.sampled_from(entities + persons))
        if choice == 0:  # entity -> entity holdings make ownership cycles
            rel = bods_relationship(f"rel-{n}", subject, party, 30)
            items.append((dumps(rel), "good"))
        elif choice == 1:
            items.append((dumps(bods_entity(f"ex-{n}", draw(NAMES))), "good"))
        elif choice == 2:
            items.append((dumps(bods_entity(f"eh-{n}", HUGE)), "good"))
        elif choice == 3:  # dangling: the party is nowhere in the file
            rel = bods_relationship(f"rel-{n}", subject, "ghost", 30)
            items.append((dumps(rel), "dangling"))
        elif choice == 4:
            rel = bods_relationship(f"rel-{n}", subject, party, draw(st.sampled_from([150, -1])))
            items.append((dumps(rel), "bad"))
        elif choice == 5:
            statement = bods_entity(f"eb-{n}", "x")
            statement["statementId"] = "short"
            items.append((dumps(statement), "bad"))
        elif choice == 6:
            statement = bods_entity(f"eb-{n}", "x")
            statement["recordType"] = draw(st.sampled_from(["spaceship", 7, None]))
            items.append((dumps(statement), "bad"))
        elif choice == 7:
            statement = bods_entity(f"eb-{n}", "x")
            statement["recordDetails"]["foundingDate"] = draw(
                st.sampled_from(["2023-02-30", "2023-13-01", "soon", 20230101])
            )
            items.append((dumps(statement), "bad"))
        elif choice == 8:
            statement = bods_entity(f"eb-{n}", "x")
            statement["recordDetails"] = draw(st.sampled_from(["details", [1, 2], 3]))
            items.append((dumps(statement), "bad"))
        elif choice == 9:
            statement = bods_entity(f"eb-{n}", "x")
            statement["recordDetails"]["isComponent"] = "no"
            items.append((dumps(statement), "bad"))
        else:
            items.append(draw(JUNK_ITEMS))
    return _shuffle_after_first(draw, items)


# --- BODACC (opendatasoft API records as JSON Lines) ----------------------------------------

JUGEMENT = {"nature": "Jugement d'ouverture de liquidation judiciaire", "date": "4 février 2026"}


def bodacc_announcement(ident: str, number: str | None, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": ident,
        "dateparution": "2026-02-13",
        "familleavis": "collective",
        "tribunal": "Tribunal de commerce de Nantes",
        "commercant": "EXEMPLE SAS",
        "registre": [number] if number else None,
        "jugement": json.dumps(JUGEMENT),
    }
    base.update(fields)
    return base


@st.composite
def bodacc_items(draw: st.DrawFn, size: int = 25) -> list[Item]:
    items: list[Item] = [(dumps(bodacc_announcement("A0", siren(1), commercant="Acme")), "good")]
    for n in range(draw(st.integers(0, size))):
        choice = draw(st.integers(0, 10))
        number = siren(draw(st.integers(0, 10**8 - 1)))
        if choice in (0, 1):
            items.append(
                (dumps(bodacc_announcement(f"A{n}", number, commercant=draw(NAMES))), "good")
            )
        elif choice == 2:
            bad_siren = number[:-1] + str((int(number[-1]) + 1) % 10)
            items.append((dumps(bodacc_announcement(f"B{n}", bad_siren)), "bad"))
        elif choice == 3:
            jugement = json.dumps({**JUGEMENT, "date": "30 février 2026"})
            items.append((dumps(bodacc_announcement(f"B{n}", number, jugement=jugement)), "bad"))
        elif choice == 4:
            jugement = json.dumps({"nature": "Jugement de bonne humeur", "date": "2026-02-04"})
            items.append((dumps(bodacc_announcement(f"B{n}", number, jugement=jugement)), "bad"))
        elif choice == 5:
            jugement = draw(st.sampled_from(["{not json", "[" * 5000 + "]" * 5000, "[1]"]))
            items.append((dumps(bodacc_announcement(f"B{n}", number, jugement=jugement)), "bad"))
        elif choice == 6:
            items.append((dumps(bodacc_announcement(f"B{n}", None)), "bad"))
        elif choice == 7:  # a lone surrogate hidden inside the nested jugement JSON string
            jugement = json.dumps(JUGEMENT)[:-1] + ', "complementJugement": "x \\ud800 y"}'
            items.append((dumps(bodacc_announcement(f"B{n}", number, jugement=jugement)), "any"))
        else:
            items.append(draw(JUNK_ITEMS))
    return _shuffle_after_first(draw, items)


# --- GLEIF golden-copy JSON ------------------------------------------------------------------


def gleif_record(code: str, name: Any = "Fuzz Holdings SA", **overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "LEI": {"$": code},
        "Entity": {
            "LegalName": {"$": name},
            "RegistrationAuthority": {
                "RegistrationAuthorityID": {"$": "RA000665"},
                "RegistrationAuthorityEntityID": {"$": "S000005113"},
            },
            "EntityStatus": {"$": overrides.pop("status", "ACTIVE")},
            "EntityCreationDate": {"$": overrides.pop("created", "2001-02-03T00:00:00Z")},
        },
        "Registration": {"RegistrationStatus": {"$": overrides.pop("registration", "ISSUED")}},
    }
    return record


@st.composite
def gleif_records(draw: st.DrawFn, size: int = 25) -> list[tuple[dict[str, Any], Expect]]:
    items: list[tuple[dict[str, Any], Expect]] = []
    for _ in range(draw(st.integers(1, size))):
        code = lei(draw(st.integers(0, 10**14 - 1)))
        choice = draw(st.integers(0, 7))
        if choice in (0, 1):
            items.append((gleif_record(code, draw(NAMES)), "good"))
        elif choice == 2:
            broken = code[:-1] + ("0" if code[-1] != "0" else "1")
            items.append((gleif_record(broken), "bad"))
        elif choice == 3:
            items.append((gleif_record(code, status="ZOMBIE"), "bad"))
        elif choice == 4:
            items.append((gleif_record(code, created="2023-02-30T00:00:00Z"), "bad"))
        elif choice == 5:
            items.append((gleif_record(code, name=""), "bad"))
        elif choice == 6:
            items.append((gleif_record(code, registration=["ISSUED"]), "any"))
        else:
            items.append((gleif_record(code, name=HUGE), "good"))
    return items


def write_gleif(path: Path, records: list[tuple[dict[str, Any], Expect]], bom: bool) -> None:
    data = dumps({"records": [r for r, _ in records]})
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


# --- KBO enterprise.csv ----------------------------------------------------------------------

KBO_HEADER = (
    '"EnterpriseNumber","Status","JuridicalSituation","TypeOfEnterprise","JuridicalForm",'
    '"JuridicalFormCAC","StartDate"'
)


@st.composite
def kbo_rows(draw: st.DrawFn, size: int = 25) -> list[Item]:
    items: list[Item] = []
    for _ in range(draw(st.integers(1, size))):
        number = kbo_number(draw(st.integers(0, 10**6 - 1)))
        choice = draw(st.integers(0, 8))
        row = [number, "AC", "000", "2", "610", "", "15-03-2015"]
        expect: Expect = "good"
        if choice == 2:
            row[0] = number[:-1] + str((int(number[-1]) + 1) % 10)
            expect = "bad"
        elif choice == 3:
            row[6] = draw(st.sampled_from(["31-02-2020", "2020-01-01", "", "99-99-9999"]))
            expect = "bad" if row[6] else "any"
        elif choice == 4:
            row[4] = "999"
            expect = "bad"
        elif choice == 5:
            row = row[:3]
            expect = "bad"
        elif choice == 6:
            row[1] = "XX"
            expect = "bad"
        line = ",".join(f'"{cell}"' for cell in row).encode()
        if choice == 7:
            line = line.replace(b'"610"', b'"6\xe910"')  # Latin-1 byte: not UTF-8
            expect = "bad"
        items.append((line, expect))
    return items


# --- Companies House PSC snapshot (JSON Lines) ---------------------------------------------


def psc_line(number: str, name: Any, **data: Any) -> dict[str, Any]:
    return {
        "company_number": number,
        "ContentDate": "2024-12-19",
        "data": {
            "kind": "individual-person-with-significant-control",
            "name": name,
            "date_of_birth": {"month": 12, "year": 1961},
            "natures_of_control": ["ownership-of-shares-75-to-100-percent"],
            "notified_on": "2021-12-13",
            "links": {"self": f"/company/{number}/persons-with-significant-control/individual/X"},
            **data,
        },
    }


@st.composite
def psc_items(draw: st.DrawFn, size: int = 25) -> list[Item]:
    items: list[Item] = [(dumps(psc_line("08209948", "Mr Marc Feldman")), "good")]
    for _ in range(draw(st.integers(0, size))):
        number = f"{draw(st.integers(1, 99_999_999)):08d}"
        choice = draw(st.integers(0, 10))
        if choice in (0, 1):
            items.append((dumps(psc_line(number, draw(NAMES))), "good"))
        elif choice == 2:
            items.append((dumps(psc_line(number, HUGE)), "good"))
        elif choice == 3:
            # A nature of control Companies House may add later: kept as-is, with a warning.
            line = psc_line(number, "x", natures_of_control=["owns-the-moon"])
            items.append((dumps(line), "good"))
        elif choice == 4:
            line = psc_line(number, "x", notified_on=draw(st.sampled_from(["2021-02-30", 7])))
            items.append((dumps(line), "bad"))
        elif choice == 5:
            bad = draw(st.sampled_from([None, "NOT A NUMBER", 123456789012, ""]))
            items.append((dumps(psc_line(bad, "x")), "bad"))  # type: ignore[arg-type]
        elif choice == 6:
            items.append((dumps(psc_line(number, "x", ceased_on="2001-01-01")), "bad"))
        elif choice == 7:
            items.append((dumps({"company_number": number, "data": {"kind": "wizard"}}), "bad"))
        else:
            items.append(draw(JUNK_ITEMS))
    return _shuffle_after_first(draw, items)
