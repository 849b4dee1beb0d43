"""The BODS party map spills to disk past its limit: the same answers, bounded memory. No
database."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from loaders.bods import party_map as bods_party_map
from loaders.bods.parse import parse
from loaders.bods.parties import Party
from loaders.bods.party_map import PartyMap
from loaders.contract import Format, ParseResult
from loaders.source import ByteCounter


def test_a_spilled_map_answers_as_a_dict_and_removes_its_file() -> None:
    parties = PartyMap(limit=3)
    for i in range(7):
        parties[f"s{i}"] = Party("person", f"P-{i}", "name+birth")
    spill = parties.spill_file
    assert spill is not None and spill.exists()
    parties["s1"] = Party("entity", "GB-COH-00000001")  # a later version replaces the first
    assert parties.get("s1") == Party("entity", "GB-COH-00000001")  # from memory
    parties["s9"], parties["s10"] = Party("person", "P-9"), Party("person", "P-10")  # spills s1
    assert [parties.get(f"s{i}") for i in (0, 1, 6, 10)] == [
        Party("person", "P-0", "name+birth"),
        Party("entity", "GB-COH-00000001"),
        Party("person", "P-6", "name+birth"),
        Party("person", "P-10"),
    ]
    assert parties.get("missing") is None
    parties.close()
    assert not spill.exists()


def _parse_all(path: Path) -> list[ParseResult]:
    return list(parse(path, ByteCounter()))


@pytest.mark.parametrize("sample", ["oo-register-0.2", "v0.2", "valid-0.4", "invalid-0.4"])
def test_real_packages_parse_the_same_when_the_map_spills(
    datasets_dir: Path, sample: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = datasets_dir / "bods" / sample
    in_memory = _parse_all(path)
    # More records than the limit set below, so the map does spill (an empty parse proves nothing).
    assert len(in_memory) > 2, (sample, in_memory)
    monkeypatch.setattr(bods_party_map, "LIMIT", 2)
    assert _parse_all(path) == in_memory


def test_a_generated_registry_parses_the_same_when_the_map_spills(
    world_with_rejects: list[tuple[Format, Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    bods = next(path for fmt, path in world_with_rejects if fmt.name == "bods")
    in_memory = _parse_all(bods)
    # The generated BODS is the non-UK companies' registers only: a few dozen statements.
    assert len(in_memory) > 15
    monkeypatch.setattr(bods_party_map, "LIMIT", 5)
    assert _parse_all(bods) == in_memory


def test_an_abandoned_parse_leaves_no_spill_file(
    world_with_rejects: list[tuple[Format, Path]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(bods_party_map, "LIMIT", 3)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    bods = next(path for fmt, path in world_with_rejects if fmt.name == "bods")
    results = parse(bods, ByteCounter())
    for _ in range(12):
        next(results)
    assert [p.name for p in tmp_path.iterdir()][0].startswith("duegraph-bods-")
    results.close()  # a caller that stops early (an error elsewhere) closes the generator
    assert list(tmp_path.iterdir()) == []
