"""BODACC parser (no database): the real 500-announcement sample and small API-shaped inputs."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from graph_schema.edges import Directorship
from graph_schema.events import EventKind
from graph_schema.nodes import CompanyRecord, DisqualificationRecord, EventRecord, PersonRecord
from loaders.bodacc.dila_xml import officers, role_of
from loaders.bodacc.parse import NO_SIREN, parse
from loaders.bodacc.rules import judgment_kind, parse_french_date, sanctioned_person
from loaders.contract import Parsed
from loaders.rejects import Rejection
from loaders.source import ByteCounter

SAMPLE = Path("bodacc") / "procedures-collectives-2026-02-13.json"


def _run(path: Path) -> tuple[list[Parsed], list[Rejection]]:
    items = list(parse(path, ByteCounter()))
    return (
        [i for i in items if isinstance(i, Parsed)],
        [i for i in items if isinstance(i, Rejection)],
    )


def test_the_sample_parses_one_result_per_announcement(datasets_dir: Path) -> None:
    parsed, rejected = _run(datasets_dir / SAMPLE)
    assert len(parsed) + len(rejected) == 500
    # 40 announcements have no RCS number; one of them is a ban, kept on the person.
    assert Counter(r.reason for r in rejected) == {NO_SIREN: 39}
    records = [r for p in parsed for r in p.records]
    kinds = Counter(r.kind for r in records if isinstance(r, EventRecord))
    assert kinds == {
        EventKind.COMPULSORY_LIQUIDATION: 148,
        EventKind.INSOLVENCY_CLOSED: 98,
        EventKind.FILING: 72,
        EventKind.JUDICIAL_REORGANISATION: 67,
        EventKind.REORGANISATION_FAILED: 59,
    }
    assert sum(isinstance(r, DisqualificationRecord) for r in records) == 17
    assert sum(isinstance(r, CompanyRecord) for r in records) == 460


def test_a_ban_is_on_the_named_person_for_its_duration(datasets_dir: Path) -> None:
    parsed, _ = _run(datasets_dir / SAMPLE)
    ban = next(
        p
        for p in parsed
        if any(isinstance(r, PersonRecord) and r.name == "Simsek Ismet" for r in p.records)
    )
    disq = next(r for r in ban.records if isinstance(r, DisqualificationRecord))
    assert (disq.start, disq.end) == (date(2026, 2, 2), date(2034, 2, 2))
    assert disq.reference == "2026-02-13-3340"
    assert "SIREN 803254606" in (disq.reason or "")
    assert not any(isinstance(r, EventRecord) for r in ban.records)


def test_a_conversion_is_a_failed_reorganisation_on_the_siren(datasets_dir: Path) -> None:
    parsed, _ = _run(datasets_dir / SAMPLE)
    event = next(
        r
        for p in parsed
        for r in p.records
        if isinstance(r, EventRecord) and r.reference == "2026-02-13-3174"
    )
    assert event.company == "FR-SIREN-489466755"
    assert event.kind == EventKind.REORGANISATION_FAILED
    assert event.date == date(2026, 2, 4)
    assert event.court == "Greffe du Tribunal de Commerce de Lille Métropole"


def _api(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "A202600291001",
        "dateparution": "2026-02-13",
        "numeroannonce": 1001,
        "familleavis": "collective",
        "tribunal": "Tribunal de commerce de Nantes",
        "commercant": "EXEMPLE SAS",
        "registre": ["552100554", "552 100 554"],
    }
    base.update(fields)
    return base


def test_api_json_lines_all_families_and_bad_records(tmp_path: Path) -> None:
    jugement = {
        "nature": "Jugement d'ouverture de liquidation judiciaire",
        "date": "4 février 2026",
    }
    lines = [
        _api(jugement=json.dumps(jugement)),
        _api(id="B1", familleavis="radiation", radiationaurcs=json.dumps({"radiationPM": "O"})),
        _api(
            id="B2",
            familleavis="radiation",
            radiationaurcs='{"commentaire": "Radiation d\'office"}',
        ),
        _api(id="C1", familleavis="dpc", depot=json.dumps({"dateCloture": "2024-12-31"})),
        _api(id="X1", jugement=json.dumps({**jugement, "date": "30 février 2026"})),
        _api(id="X2", registre=["552100555"], jugement=json.dumps(jugement)),
        _api(
            id="X3",
            jugement=json.dumps({"nature": "Jugement de bonne humeur", "date": "2026-02-04"}),
        ),
        _api(id="X4", jugement="{not json"),
        _api(id="X5", registre=None, jugement=json.dumps(jugement)),
    ]
    src = tmp_path / "annonces.jsonl"
    src.write_bytes(
        "\n".join(json.dumps(line) for line in lines).encode() + b'\n{"bad json\n\xff\xfe\n'
    )
    parsed, rejected = _run(src)
    events = {r.reference: r for p in parsed for r in p.records if isinstance(r, EventRecord)}
    assert events["A202600291001"].kind == EventKind.COMPULSORY_LIQUIDATION
    assert events["A202600291001"].date == date(2026, 2, 4)
    assert events["B1"].kind == EventKind.DISSOLUTION
    assert events["B2"].kind == EventKind.STRIKE_OFF
    assert (events["C1"].kind, events["C1"].made_up_to) == (
        EventKind.ACCOUNTS_FILED,
        date(2024, 12, 31),
    )
    reasons = [r.reason for r in rejected]
    assert reasons[0] == "invalid date '30 février 2026' in jugement.date"
    assert reasons[1].startswith("invalid SIREN '552100555'")
    assert reasons[2] == "unknown jugement nature 'Jugement de bonne humeur'"
    assert reasons[3].startswith("invalid JSON in jugement")
    assert reasons[4] == NO_SIREN
    assert reasons[5].startswith("invalid JSON")
    assert reasons[6].startswith("not UTF-8")
    assert len(parsed) + len(rejected) == len(lines) + 2


def test_api_page_wrapping_is_streamed(tmp_path: Path) -> None:
    page = {
        "total_count": 1,
        "results": [
            _api(
                jugement=json.dumps(
                    {
                        "nature": "Jugement de clôture pour insuffisance d'actif",
                        "date": "2026-01-05",
                    }
                )
            )
        ],
    }
    src = tmp_path / "page.json"
    src.write_text(json.dumps(page), encoding="utf-8")
    parsed, rejected = _run(src)
    assert rejected == []
    assert [r.kind for p in parsed for r in p.records if isinstance(r, EventRecord)] == [
        EventKind.INSOLVENCY_CLOSED
    ]


@pytest.mark.parametrize(
    ("nature", "complement", "kind"),
    [
        (
            "Jugement prononçant la résolution du plan de redressement et la liquidation "
            "judiciaire",
            "",
            EventKind.REORGANISATION_FAILED,
        ),
        (
            "Jugement d'ouverture d'une procédure de sauvegarde",
            "",
            EventKind.JUDICIAL_REORGANISATION,
        ),
        (
            "Autre jugement et ordonnance",
            "Ouvre les opérations de la liquidation judiciaire - …",
            EventKind.COMPULSORY_LIQUIDATION,
        ),
        (
            "Autre jugement et ordonnance",
            "Ordonnance sur requête prorogeant la mission",
            EventKind.FILING,
        ),
        ("Dépôt de l'état des créances", "", EventKind.FILING),
    ],
)
def test_judgment_kinds(nature: str, complement: str, kind: EventKind) -> None:
    assert judgment_kind(nature, complement) == kind


def test_french_dates_and_sanctioned_names() -> None:
    assert parse_french_date("1er mars 2025", "d") == date(2025, 3, 1)
    assert parse_french_date("04/02/2026", "d") == date(2026, 2, 4)
    with pytest.raises(ValueError, match="invalid date"):
        parse_french_date("2026-02-30", "d")
    found = sanctioned_person("… à l’encontre de Mme Nadia DANI pour une durée de 8 ans.")
    assert found is not None and (found.name, found.years) == ("Nadia DANI", 8)


XML = Path("bodacc") / "dila-xml" / "RCS-A_BXA20210005.xml"


def test_dila_xml_creations_with_their_officers(datasets_dir: Path) -> None:
    parsed, rejected = _run(datasets_dir / XML)
    assert (len(parsed), rejected) == (642, [])
    records = [r for p in parsed for r in p.records]
    roles = Counter(r.role for r in records if isinstance(r, Directorship))
    assert roles == {"manager": 242, "director": 116, "managing_director": 33}
    imex = next(p for p in parsed if p.location.record == "6")
    company = next(r for r in imex.records if isinstance(r, CompanyRecord))
    assert (company.key, company.name, company.incorporated_on) == (
        "FR-SIREN-892106113",
        "IMEX CARS",
        date(2020, 12, 30),
    )
    link = next(r for r in imex.records if isinstance(r, Directorship))
    person = next(r for r in imex.records if isinstance(r, PersonRecord))
    assert (person.name, link.role, link.role_label, link.start) == (
        "Messaoudi, Yacine",
        "director",
        "Président",
        date(2020, 12, 30),
    )


def test_officer_text_is_split_into_roles_and_names() -> None:
    found = officers(
        "Gérant : MAZZILLI Valérie Angèle nom d'usage : D'ALESSANDRO. Président : ACME SAS, "
        "Associé indéfiniment responsable : Pommerolle, Lucie Cécile, "
        "Commissaire aux comptes titulaire : Finet, Francois"
    )
    assert [(o.label, o.name, o.natural_person) for o in found] == [
        ("Gérant", "MAZZILLI Valérie Angèle", True),
        ("Président", "ACME SAS", False),
        ("Associé indéfiniment responsable", "Pommerolle, Lucie Cécile", True),
        ("Commissaire aux comptes titulaire", "Finet, Francois", True),
    ]
    assert [role_of(o.label) for o in found] == ["manager", "director", None, None]
    assert role_of("Directeur général délégué") == "managing_director"


def test_truncated_xml_is_one_rejection_after_the_good_notices(
    datasets_dir: Path, tmp_path: Path
) -> None:
    data = (datasets_dir / XML).read_bytes()
    cut = data.index(b"<numeroAnnonce>6</numeroAnnonce>")
    broken = tmp_path / "RCS-A_broken.xml"
    broken.write_bytes(data[:cut] + b"<<<")
    parsed, rejected = _run(broken)
    assert len(parsed) == 5
    assert len(rejected) == 1 and rejected[0].reason.startswith("invalid XML after avis 5")


def test_accounts_family_by_its_label(tmp_path: Path) -> None:
    src = tmp_path / "dpc.json"
    record = _api(
        familleavis=None, familleavis_lib="Dépôts des comptes", depot={"dateCloture": "2024-12-31"}
    )
    src.write_text(json.dumps([record]), encoding="utf-8")
    parsed, rejected = _run(src)
    assert rejected == []
    events = [r for p in parsed for r in p.records if isinstance(r, EventRecord)]
    assert [(e.kind, e.made_up_to) for e in events] == [
        (EventKind.ACCOUNTS_FILED, date(2024, 12, 31))
    ]
