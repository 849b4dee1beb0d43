"""The (inline) XBRL fact reader on small hand-made documents: formats, scale, sign, nil,
namespaces resolved by URI, contexts and their dimensions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from loaders.accounts.xbrl_facts import XbrlError, parse_number, read_document, text_date


@pytest.mark.parametrize(
    ("text", "fmt", "value"),
    [
        ("1,234,567", "ixt:numcommadot", "1234567"),
        ("1,234.50", "ixt2:numdotdecimal", "1234.50"),
        ("1.234,50", "ixt:numdotcomma", "1234.50"),
        ("1 234,5", "ixt4:num-comma-decimal", "1234.5"),
        ("-", "ixt:numdash", "0"),
        ("", "ixt2:zerodash", "0"),
        ("\u2013", "ixt2:numdotdecimal", "0"),  # a printed dash is a stated nil
        ("(3,810)", "ixt2:numdotdecimal", "3810"),  # brackets are presentation; sign= decides
        ("42", None, "42"),
    ],
)
def test_numbers(text: str, fmt: str | None, value: str) -> None:
    assert parse_number(text, fmt) == Decimal(value)


def test_unreadable_numbers_raise() -> None:
    with pytest.raises(ValueError):
        parse_number("n/a", "ixt:numcommadot")
    with pytest.raises(ValueError):
        parse_number("  ", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-12-31", date(2020, 12, 31)),
        ("31.12.20", date(2020, 12, 31)),
        ("31.3.18", date(2018, 3, 31)),
        ("31/12/2020", date(2020, 12, 31)),
        ("31 October 2017", date(2017, 10, 31)),
        ("31st Oct 2017", date(2017, 10, 31)),
        ("October 31, 2017", date(2017, 10, 31)),
        ("not a date", None),
        ("31.02.20", None),
    ],
)
def test_dates_as_printed(text: str, expected: date | None) -> None:
    assert text_date(text) == expected


IXBRL = b"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
      xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi"
      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<body>
<ix:header><ix:resources>
  <xbrli:context id="c1"><xbrli:entity><xbrli:identifier scheme="http://www.companieshouse.gov.uk/">390616</xbrli:identifier></xbrli:entity>
    <xbrli:period><xbrli:instant>2020-12-31</xbrli:instant></xbrli:period></xbrli:context>
  <xbrli:context id="c2"><xbrli:entity><xbrli:identifier scheme="x">390616</xbrli:identifier>
    <xbrli:segment><xbrldi:explicitMember xmlns:b="http://xbrl.frc.org.uk/cd/2019-01-01/business"
      dimension="b:GroupCompanyDataDimension">b:Consolidated</xbrldi:explicitMember></xbrli:segment></xbrli:entity>
    <xbrli:period><xbrli:startDate>2020-01-01</xbrli:startDate><xbrli:endDate>2020-12-31</xbrli:endDate></xbrli:period></xbrli:context>
  <xbrli:unit id="GBP"><xbrli:measure xmlns:iso4217="http://www.xbrl.org/2003/iso4217">iso4217:GBP</xbrli:measure></xbrli:unit>
</ix:resources></ix:header>
<p><ix:nonFraction xmlns:c="http://xbrl.frc.org.uk/fr/2019-01-01/core" name="c:Equity"
   contextRef="c1" unitRef="GBP" format="ixt:numcommadot" scale="3" sign="-"
   >1,250</ix:nonFraction></p>
<p><ix:nonFraction xmlns:other="http://xbrl.frc.org.uk/fr/2019-01-01/core"
   name="other:TurnoverRevenue" contextRef = 'c2' unitRef='GBP' xsi:nil="true"
   ></ix:nonFraction></p>
<p><ix:nonNumeric xmlns:b="http://xbrl.frc.org.uk/cd/2019-01-01/business"
   name="b:EntityCurrentLegalOrRegisteredName" contextRef="c2" continuedAt="k1"
   >MAURICE <ix:exclude>(draft)</ix:exclude>CROUCH</ix:nonNumeric></p>
<ix:continuation id="k1">(GROWERS) LTD</ix:continuation>
</body></html>"""


def test_inline_facts_are_resolved_by_namespace_uri() -> None:
    doc = read_document(IXBRL)
    assert doc.kind == "ixbrl"
    equity, turnover, name = doc.facts
    # Two prefixes ("c", "other"), one namespace: the prefix never matters.
    assert equity.namespace == turnover.namespace == "http://xbrl.frc.org.uk/fr/2019-01-01/core"
    assert (equity.name, equity.value, equity.unit, equity.scale) == (
        "Equity",
        Decimal("-1.250E+6"),
        "GBP",
        3,
    )
    assert equity.context.identifier == "390616" and equity.context.is_instant
    assert turnover.nil and turnover.value is None
    assert turnover.context.member("GroupCompanyDataDimension") == "Consolidated"
    assert (turnover.context.start, turnover.context.end) == (date(2020, 1, 1), date(2020, 12, 31))
    assert name.text == "MAURICE CROUCH (GROWERS) LTD"


def test_not_xbrl_is_an_error() -> None:
    with pytest.raises(XbrlError):
        read_document(b"<html><body>no facts</body></html>")
    with pytest.raises(XbrlError):
        read_document(b"%PDF-1.4 binary")


def test_entities_are_not_expanded() -> None:
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<xbrl xmlns="http://www.xbrl.org/2003/instance"><a contextRef="c">&e;</a></xbrl>'
    )
    doc = read_document(evil)
    assert all("root:" not in (f.text or "") for f in doc.facts)
