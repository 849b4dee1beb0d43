"""XBRL and inline XBRL instances as plain facts: concept (namespace URI + local name), context
(entity, period, dimension members) and value, with lxml.

Concepts and dimension members are resolved through each element's own namespace map, never by
prefix: the same concept appears as `core:`, `uk-core:`, `frs-core:`, `ns5:` … and iXBRL files
often declare the taxonomy namespaces on inner elements, not on the root. Numbers follow the
inline XBRL transformation registry (`format`, `scale`, `sign`, `xsi:nil`) and stay `Decimal`.

Security: no DTD loading, no entity expansion, no network access (the filings are untrusted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Literal

from lxml import etree

XBRLI = "http://www.xbrl.org/2003/instance"
XBRLDI = "http://xbrl.org/2006/xbrldi"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
LINK = "http://www.xbrl.org/2003/linkbase"
XLINK = "http://www.w3.org/1999/xlink"
IX_NAMESPACES = ("http://www.xbrl.org/2013/inlineXBRL", "http://www.xbrl.org/2008/inlineXBRL")
# Elements of these namespaces are never facts in a plain XBRL instance.
_NOT_FACTS = {XBRLI, LINK, XLINK, XBRLDI, *IX_NAMESPACES}

Dimension = tuple[str, str]  # (dimension local name, member local name or typed value)


class XbrlError(ValueError):
    """The bytes are not a readable XBRL or inline XBRL instance."""


@dataclass(frozen=True, slots=True)
class Context:
    id: str
    identifier: str | None  # the entity identifier as written (e.g. "390616")
    scheme: str | None
    start: date | None  # None for an instant
    end: date | None  # the instant, or the end of a duration; None when unreadable
    dims: tuple[Dimension, ...] = ()  # sorted; segment and scenario members together

    @property
    def is_instant(self) -> bool:
        return self.start is None

    def member(self, dimension: str) -> str | None:
        for dim, member in self.dims:
            if dim == dimension:
                return member
        return None


@dataclass(frozen=True, slots=True)
class Fact:
    namespace: str
    name: str  # local name of the concept
    context: Context
    value: Decimal | None = None  # numeric facts (None when nil)
    text: str | None = None  # non-numeric facts
    unit: str | None = None  # measure's local name: GBP, EUR, pure, shares
    numeric: bool = False
    nil: bool = False
    fmt: str | None = None  # the iXBRL transformation (local name), for dates and booleans
    scale: int = 0  # the iXBRL scale applied (a negative scale on a headcount is a filer slip)


@dataclass
class Document:
    kind: Literal["ixbrl", "xbrl"]
    schema_refs: list[str]
    contexts: dict[str, Context]
    facts: list[Fact]
    problems: list[str] = field(default_factory=list)  # facts skipped, with the reason

    def namespaces(self) -> set[str]:
        return {f.namespace for f in self.facts}


def _parser(recover: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,
        recover=recover,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes) -> etree._Element:
    """Parse strictly, then leniently (some filings carry stray bytes); raise XbrlError."""
    start = data.find(b"<")
    if start < 0:
        raise XbrlError("no XML element in the file")
    data = data[start:]
    try:
        return etree.fromstring(data, _parser(recover=False))
    except etree.XMLSyntaxError as strict_error:
        try:
            root = etree.fromstring(data, _parser(recover=True))
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            raise XbrlError(f"not well-formed XML: {strict_error}") from None
        return root


def _local(tag: object) -> str:
    text = str(tag)
    return text.rpartition("}")[2]


def _namespace(tag: object) -> str:
    text = str(tag)
    return text[1:].partition("}")[0] if text.startswith("{") else ""


def _qname(el: etree._Element, prefixed: str) -> tuple[str, str]:
    """Resolve 'prefix:Local' with the element's in-scope namespaces -> (namespace, local)."""
    prefixed = prefixed.strip()
    prefix, sep, local = prefixed.partition(":")
    if not sep:
        return el.nsmap.get(None, "") or "", prefix
    return el.nsmap.get(prefix, "") or "", local


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def iso_date(text: str | None) -> date | None:
    if not text:
        return None
    m = _ISO_DATE.match(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _context(el: etree._Element) -> Context:
    identifier = scheme = None
    start = end = None
    dims: list[Dimension] = []
    for child in el.iter():
        local = _local(child.tag)
        if local == "identifier":
            identifier = (child.text or "").strip() or None
            scheme = child.get("scheme")
        elif local == "instant":
            end = iso_date(child.text)
        elif local == "startDate":
            start = iso_date(child.text)
        elif local == "endDate":
            end = iso_date(child.text)
        elif local == "explicitMember":
            dim = _qname(child, child.get("dimension", ""))[1]
            dims.append((dim, _qname(child, child.text or "")[1]))
        elif local == "typedMember":
            dim = _qname(child, child.get("dimension", ""))[1]
            dims.append((dim, " ".join(child.itertext()).strip()))
    return Context(
        id=el.get("id", ""),
        identifier=identifier,
        scheme=scheme,
        start=start,
        end=end,
        dims=tuple(sorted(dims)),
    )


def _unit(el: etree._Element) -> str:
    measures = [_qname(m, m.text or "")[1] for m in el.iter(f"{{{XBRLI}}}measure")]
    return "/".join(measures)


# --- numbers -------------------------------------------------------------------------------

_DASHES = {"-", "\u2013", "\u2014", "\u2012", "\u2212"}
_ZERO_FORMATS = {"zerodash", "numdash", "fixed-zero", "fixedzero", "nocontent"}
_ZERO_WORDS = {"no", "none", "nil", "zero"}


def parse_number(text: str, fmt: str | None) -> Decimal:
    """The number an iXBRL transformation reads from `text` (before scale and sign)."""
    fmt_local = (fmt or "").rpartition(":")[2].strip().lower()
    cleaned = "".join(ch for ch in text if not ch.isspace() and ch not in "()\u00a0")
    # A dash printed in a figure column is a stated nil, whatever the format says.
    if fmt_local in _ZERO_FORMATS or cleaned in _DASHES:
        return Decimal(0)
    if cleaned == "":
        raise ValueError("empty number")
    if fmt_local == "numwordsen" and cleaned.lower() in _ZERO_WORDS:
        return Decimal(0)
    if fmt_local in {"numcommadecimal", "numdotcomma", "num-comma-decimal", "numspacecomma"}:
        cleaned = cleaned.replace(".", "").replace("'", "").replace(",", ".")
    else:  # numdotdecimal, numcommadot, numspacedot, num-dot-decimal, or a plain xs:decimal
        cleaned = cleaned.replace(",", "").replace("'", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(
            f"unreadable number {text.strip()!r} (format {fmt_local or 'none'})"
        ) from None


def _scaled(value: Decimal, scale: int, sign: str | None) -> Decimal:
    if scale:
        value = value.scaleb(scale)
    if sign == "-":
        value = -value
    return value


# --- inline XBRL ---------------------------------------------------------------------------


def _ix_text(el: etree._Element, by_id: dict[str, etree._Element]) -> str:
    """Text of an ix:nonNumeric without ix:exclude parts, following ix:continuation."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text and _local(node.tag) != "exclude":
            parts.append(node.text)
        for child in node:
            if _local(child.tag) != "exclude":
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    seen: set[str] = set()
    nxt = el.get("continuedAt")
    while nxt and nxt not in seen and nxt in by_id:
        seen.add(nxt)
        walk(by_id[nxt])
        nxt = by_id[nxt].get("continuedAt")
    return " ".join(" ".join(parts).split())


def _read_ixbrl(root: etree._Element, ix: str) -> Document:
    contexts = {c.get("id", ""): _context(c) for c in root.iter(f"{{{XBRLI}}}context")}
    units = {u.get("id", ""): _unit(u) for u in root.iter(f"{{{XBRLI}}}unit")}
    schema_refs = [s.get(f"{{{XLINK}}}href", "") for s in root.iter(f"{{{LINK}}}schemaRef")]
    continuations = {c.get("id", ""): c for c in root.iter(f"{{{ix}}}continuation")}
    facts: list[Fact] = []
    problems: list[str] = []
    for el in root.iter(f"{{{ix}}}nonFraction", f"{{{ix}}}nonNumeric"):
        name = el.get("name", "")
        ctx = contexts.get(el.get("contextRef", "").strip())
        if ctx is None:
            problems.append(f"{name}: unknown context {el.get('contextRef')!r}")
            continue
        namespace, local = _qname(el, name)
        fmt = el.get("format")
        if _local(el.tag) == "nonNumeric":
            text = _ix_text(el, continuations)
            facts.append(Fact(namespace, local, ctx, text=text, fmt=fmt))
            continue
        unit = units.get(el.get("unitRef", "").strip())
        if el.get(f"{{{XSI}}}nil") == "true":
            facts.append(Fact(namespace, local, ctx, unit=unit, numeric=True, nil=True))
            continue
        try:
            number = parse_number("".join(el.itertext()), fmt)
            scale = int((el.get("scale") or "0").strip())
            value = _scaled(number, scale, el.get("sign"))
        except ValueError as exc:
            problems.append(f"{name} in {ctx.id}: {exc}")
            continue
        facts.append(
            Fact(namespace, local, ctx, value=value, unit=unit, numeric=True, fmt=fmt, scale=scale)
        )
    return Document("ixbrl", schema_refs, contexts, facts, problems)


# --- plain XBRL ----------------------------------------------------------------------------


def _read_xbrl(root: etree._Element) -> Document:
    contexts = {c.get("id", ""): _context(c) for c in root.iter(f"{{{XBRLI}}}context")}
    units = {u.get("id", ""): _unit(u) for u in root.iter(f"{{{XBRLI}}}unit")}
    schema_refs = [s.get(f"{{{XLINK}}}href", "") for s in root.iter(f"{{{LINK}}}schemaRef")]
    facts: list[Fact] = []
    problems: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.get("contextRef") is None:
            continue
        namespace, local = _namespace(el.tag), _local(el.tag)
        if namespace in _NOT_FACTS:
            continue
        ctx = contexts.get(el.get("contextRef", "").strip())
        if ctx is None:
            problems.append(f"{local}: unknown context {el.get('contextRef')!r}")
            continue
        nil = el.get(f"{{{XSI}}}nil") == "true"
        unit_ref = el.get("unitRef")
        if unit_ref is None:
            text = " ".join("".join(el.itertext()).split())
            facts.append(Fact(namespace, local, ctx, text=text, nil=nil))
            continue
        unit = units.get(unit_ref.strip())
        if nil:
            facts.append(Fact(namespace, local, ctx, unit=unit, numeric=True, nil=True))
            continue
        raw = (el.text or "").strip()
        try:
            value = Decimal(raw)
        except InvalidOperation:
            problems.append(f"{local} in {ctx.id}: unreadable number {raw!r}")
            continue
        facts.append(Fact(namespace, local, ctx, value=value, unit=unit, numeric=True))
    return Document("xbrl", schema_refs, contexts, facts, problems)


def read_document(data: bytes) -> Document:
    """Facts of an inline XBRL (XHTML) or plain XBRL instance; XbrlError if neither."""
    root = parse_xml(data)
    if _local(root.tag) == "xbrl":
        return _read_xbrl(root)
    for ix in IX_NAMESPACES:
        if next(root.iter(f"{{{ix}}}header", f"{{{ix}}}nonFraction"), None) is not None:
            return _read_ixbrl(root, ix)
    raise XbrlError(f"neither XBRL nor inline XBRL (root element {_local(root.tag)!r})")


# --- dates written as text (BalanceSheetDate and friends) -----------------------------------

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}
_DMY_NUMERIC = re.compile(r"^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{2}|\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s*([a-z]+)\.?,?\s*(\d{2}|\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})$")


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y


def text_date(text: str | None) -> date | None:
    """A date as UK filings print it: 2020-12-31, 31.12.20, 31/12/2020, 31 October 2017,
    31st Oct 2017, October 31, 2017. Day first when numeric (UK usage). None if unreadable."""
    if not text:
        return None
    if (iso := iso_date(text)) is not None:
        return iso
    t = " ".join(text.strip().lower().split())
    try:
        if m := _DMY_NUMERIC.match(t):
            return date(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
        if (m := _DAY_MONTH_YEAR.match(t)) and m.group(2)[:3] in _MONTHS:
            return date(_year(m.group(3)), _MONTHS[m.group(2)[:3]], int(m.group(1)))
        if (m := _MONTH_DAY_YEAR.match(t)) and m.group(1)[:3] in _MONTHS:
            return date(int(m.group(3)), _MONTHS[m.group(1)[:3]], int(m.group(2)))
    except ValueError:
        return None
    return None
