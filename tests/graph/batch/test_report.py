"""The due-diligence report page: content from the graph, escaping, and how Chromium renders it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from neo4j import Driver

from graph_schema.nodes import CompanyRecord
from graph_schema.settings import Settings
from graphapi.report.html import ReportNotFound
from loaders.rejects import Location
from loaders.write.writer import GraphWriter
from tests.api.dd_world import AS_OF, DIRK, OLD, PAM, PROV, RITA, TARGET
from tests.availability import unavailable
from tests.graph.batch.report_page import page_section, render_report
from tests.graph.batch.world import build_world


def test_report_content(graph: Driver, settings: Settings) -> None:
    build_world(graph, settings.neo4j.database)
    page = render_report(settings, TARGET, AS_OF)
    assert '<h1 id="company-name">Nova Bouw Ltd</h1>' in page
    assert '<strong id="as-of">2026-06-30</strong>' in page
    rating = page_section(page, "rating")
    assert re.search(r'class="rating rating-[3-5]"', rating)
    assert "Dirk Failed" in rating  # the reason names the director with the history
    identity = page_section(page, "identity")
    assert "GB-COH: <code>10000001</code>" in identity and "2018-03-01" in identity
    ubo = page_section(page, "ubo")
    assert re.search(
        r"<td>Pam Owner</td><td><code>" + re.escape(PAM) + r"</code></td><td>30.00 %", ubo
    )
    assert re.search(
        r"<td>Rita Direct</td><td><code>" + re.escape(RITA) + r"</code></td><td>50.00 %", ubo
    )
    assert "MISSING_DECLARED" in ubo
    histories = page_section(page, "histories")
    assert "Old Bouw Ltd" in histories and "2024-03-31" in histories
    signals = page_section(page, "signals")
    assert "DIRECTOR_PAST_BANKRUPTCIES" in signals and "dd.jsonl" in signals  # provenance
    network = page_section(page, "network")
    for key in (TARGET, DIRK, PAM, RITA, OLD):
        assert f'data-key="{key}"' in network
    assert f'class="node company insolvent" data-key="{OLD}"' in network
    assert "threshold" in page_section(page, "parameters")
    assert 'id="generated"' in page


def test_report_escapes_values_and_rejects_unknown(graph: Driver, settings: Settings) -> None:
    evil = CompanyRecord(
        key="GB-COH-66666666", name="<script>alert(1)</script> O'Brien & Sons", provenance=PROV
    )
    with GraphWriter(graph, settings.neo4j.database) as writer:
        writer.add([evil], Location("evil", line=1))
    page = render_report(settings, "GB-COH-66666666", AS_OF)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; O&#x27;Brien &amp; Sons" in page
    with pytest.raises(ReportNotFound):
        render_report(settings, "GB-COH-12121212", AS_OF)


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        unavailable("chromium is not installed (apt-get install -y chromium)")
    return found


def _chrome_args(binary: str, tmp_path: Path) -> list[str]:
    return [
        binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,2000",
    ]  # fmt: skip


def test_report_renders_in_headless_chromium(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    binary = _chromium()
    build_world(graph, settings.neo4j.database)
    page = tmp_path / "report.html"
    page.write_text(render_report(settings, TARGET, AS_OF), encoding="utf-8")
    shot = tmp_path / "report.png"
    args = _chrome_args(binary, tmp_path)
    subprocess.run([*args, f"--screenshot={shot}", page.as_uri()], check=True, timeout=120,
                   capture_output=True)  # fmt: skip
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    dom = subprocess.run([*args, "--dump-dom", page.as_uri()], check=True, timeout=120,
                         capture_output=True, text=True).stdout  # fmt: skip
    assert '<h1 id="company-name">Nova Bouw Ltd</h1>' in dom
    assert re.search(r'<span class="score">[3-5]</span>', dom)
    ubo = re.search(r'<table class="ubo">.*?</table>', dom, re.S)
    assert ubo is not None
    assert re.findall(r"<tr><td>([^<]+)</td>", ubo.group(0)) == ["Rita Direct", "Pam Owner"]
    svg = re.search(r"<svg[^>]*class=\"network\".*?</svg>", dom, re.S)
    assert svg is not None
    assert len(re.findall(r'class="node (company|person)', svg.group(0))) >= 6
    keep = os.environ.get("DUEGRAPH_REPORT_SCREENSHOT")
    if keep:  # for a person to look at
        shutil.copy(shot, keep)
