"""FtM topics as the followthemoney package defines them, and what a Sanction entity means.

The vocabulary is FtM's own topic registry (`followthemoney.registry.topic`): a topic it does
not know is dropped with a warning, never invented. A `Sanction` entity is a designation by an
authority under a program, and OpenSanctions emits one for far more than sanctions: World Bank
debarments, Russian or Chinese counter-sanctions against Western officials and companies
(https://www.opensanctions.org/docs/topics/: "sanction.counter … sanctions lists from
non-democratic countries"). So a Sanction gives its target a topic only by what its authority,
program and source say, and never overrides the target's own classification: OpenSanctions puts
the right topic on the target itself (`sanction`, `sanction.counter`, `debarment`…), which is
better informed than anything we can infer.
"""

from __future__ import annotations

from followthemoney import registry
from followthemoney.proxy import EntityProxy
from normality import normalize

# Topics that already say what a designation means: a Sanction adds nothing to an entity that
# carries one of them.
DESIGNATION_TOPICS = ("sanction", "sanction.linked", "sanction.control", "sanction.counter")
DEBARMENT = "debarment"
CLASSIFIED = (*DESIGNATION_TOPICS, DEBARMENT)

# Issuers whose own designations OpenSanctions files as counter-sanctions (its cn_sanctions and
# ru_mfa_sanctions datasets, tagged `list.sanction.counter`; Iran's and Belarus's lists of
# Western officials; North Korea). Their implementation of UN Security Council listings is a
# sanction like any other (see _implements_un).
COUNTER_ISSUERS = frozenset({"ru", "cn", "ir", "by", "kp"})
# Authorities and wording of exclusion from public procurement (OpenSanctions emits a Sanction
# for every debarment: World Bank, regional development banks, national procurement bans).
_DEBARRING_AUTHORITIES = (
    "world bank",
    "development bank",
    "european bank for reconstruction",
    "ebrd",
    "system for award management",
)
_DEBARRING_WORDS = (
    "debar",
    "ineligib",
    "excluded from public",
    "exclusion from public",
    "public procurement",
)


def known_topics() -> frozenset[str]:
    return frozenset(registry.topic.names)


def clean_topics(values: list[str]) -> tuple[list[str], list[str]]:
    """(topics FtM knows, values it does not), each sorted and without repeats."""
    known = known_topics()
    good = sorted({v for v in values if v in known})
    bad = sorted({v for v in values if v not in known})
    return good, bad


def _text(proxy: EntityProxy, *props: str) -> str:
    values = [v for p in props for v in proxy.get(p, quiet=True)]
    return normalize(" ".join(values), lowercase=True, ascii=True) or ""


def _issuers(proxy: EntityProxy, datasets: list[str]) -> set[str]:
    found = {c.lower() for c in proxy.get("country", quiet=True)}
    for program in proxy.get("programId", quiet=True):
        head = program.split("-", 1)[0].lower()
        if len(head) == 2:
            found.add(head)
    for dataset in datasets:
        head = dataset.split("_", 1)[0].lower()
        if len(head) == 2:
            found.add(head)
    return found


def _implements_un(proxy: EntityProxy) -> bool:
    if proxy.get("unscId", quiet=True):
        return True
    programs = [p.upper() for p in proxy.get("programId", quiet=True)]
    text = _text(proxy, "program", "authority", "reason", "summary")
    return any(p.startswith("UN-") for p in programs) or "security council" in text


def sanction_topic(proxy: EntityProxy, datasets: list[str]) -> str:
    """The topic one Sanction entity stands for: `debarment`, `sanction.counter` or
    `sanction`."""
    authority = _text(proxy, "authority", "publisher")
    wording = _text(proxy, "program", "provisions", "reason", "summary", "description")
    if any(a in authority for a in _DEBARRING_AUTHORITIES) or any(
        w in wording for w in _DEBARRING_WORDS
    ):
        return DEBARMENT
    if _issuers(proxy, datasets) & COUNTER_ISSUERS and not _implements_un(proxy):
        return "sanction.counter"
    return "sanction"


def with_designations(own: list[str], designations: set[str]) -> list[str]:
    """An entity's topics plus what Sanctions about it mean, unless it is already classified."""
    if any(t in CLASSIFIED for t in own):
        return sorted(set(own))
    return sorted(set(own) | designations)
