"""docs/analytics.md is the rules' reference: every parameter, every signal and where it is
decided, and every section the code cites (names, defaults and modules drift otherwise)."""

from __future__ import annotations

import re
from pathlib import Path

from graph_schema.financial_params import FinancialParams
from graph_schema.signal_params import PaymentParams, SignalParams, UboRules
from graphapi.analytics.signals.model import SignalKind
from graphapi.queries.neighbourhood import SEEDS
from graphapi.queries.ubo_inputs import UBO_INPUTS

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "analytics.md").read_text()
HEADINGS = [line.lstrip("#").strip() for line in DOC.splitlines() if line.startswith("#")]
# "\u00a7" is the section sign, spelled out so that this pattern is not itself a citation.
CITATION = re.compile("\u00a7" + r"\s*([^\s,;.)\"]+(?: [^\s,;.)\"]+)*)")


def test_every_signal_parameter_is_documented() -> None:
    names = [n for n in SignalParams.model_fields if n != "ubo"]
    names += [f"ubo.{n}" for n in UboRules.model_fields]
    names += [f"financial.{n}" for n in FinancialParams.model_fields]
    names += [f"payment.{n}" for n in PaymentParams.model_fields]
    assert [n for n in names if f"`{n}`" not in DOC] == []


def test_documented_numeric_defaults_match_the_code() -> None:
    params = SignalParams()
    for name in ("window_months", "horizon_months", "late_change_months", "mass_min_active"):
        assert f"| `{name}` | {getattr(params, name)} |" in DOC, name


def test_every_signal_has_a_section_and_names_the_function_that_decides_it() -> None:
    found = re.findall(r"^\| `([A-Z_]+)` \| `([^`]+\.py)` `(\w+)`", DOC, re.M)
    rows = {kind: (module, function) for kind, module, function in found}
    assert sorted(rows) == sorted(k.value for k in SignalKind)
    for kind, (module, function) in rows.items():
        assert kind in HEADINGS, kind
        source = (REPO / module).read_text()
        assert f"def {function}(" in source, (kind, module, function)
        assert f"SignalKind.{kind}" in source, (kind, module)


def test_every_section_the_code_cites_exists() -> None:
    cited: set[str] = set()
    for package in ("graph_schema", "loaders", "graphapi", "tests"):
        for path in (REPO / package).rglob("*.py"):
            # A citation may wrap onto the next line of a comment or docstring.
            text = re.sub(r"\s*\n\s*(#\s*)?", " ", path.read_text(encoding="utf-8"))
            cited.update(CITATION.findall(text))
    assert cited, "no citation found: the pattern no longer matches how the code cites"
    unknown = sorted(c for c in cited if not any(c.startswith(h) for h in HEADINGS))
    assert unknown == []


def test_nothing_cites_a_document_outside_the_repository() -> None:
    outside = ("detection" + ".md", "shared" + "/docs")
    offenders = []
    for package in ("graph_schema", "loaders", "graphapi", "tests", "docs"):
        for path in (REPO / package).rglob("*"):
            if path.suffix in (".py", ".md") and any(o in path.read_text() for o in outside):
                offenders.append(path.relative_to(REPO).as_posix())
    readme = (REPO / "README.md").read_text()
    assert offenders + [o for o in outside if o in readme] == []


def test_both_fetches_read_the_documented_six_levels_of_ownership() -> None:
    # Cypher takes no parameter in a path quantifier: the bound is a literal in each query.
    bounds = [
        re.findall(r"<-\[:OWNS\|CONTROLS\|DECLARED_BO_OF\]-(\{\d+,\d+\})", q)
        for q in (SEEDS, UBO_INPUTS)
    ]
    assert bounds == [["{1,6}"], ["{1,6}"]]
    assert "six levels" in DOC
