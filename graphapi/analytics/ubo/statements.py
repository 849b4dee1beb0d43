"""What a register's statement about a company's beneficial owners means (docs/analytics.md).

Companies House publishes PSC statements instead of (or beside) persons with significant
control (api-enumerations psc_descriptions.yml, `statement_description`, `super_secure_*`,
exemption_descriptions.yml); BODS publishes an unspecified interested party with a reason
(codelist `unspecifiedReason`). duegraph keeps the code in `no_beneficial_owner_reason`.

- NONE: the company states there is no registrable person or relevant legal entity: no UBO,
  the senior managing officials stand in (NO_UBO_FOUND, severity 2 on its own).
- PENDING: a registrable person exists or may exist but is not identified or confirmed yet, or
  did not answer the company's notices: a milder finding of its own (UBO_REGISTER_STATEMENT 2).
- WITHHELD: the law withholds the details (a super-secure PSC, an exemption because the shares
  trade on a regulated market or DTR5 applies): UBO_REGISTER_STATEMENT 1.
- UNKNOWN: the publisher does not know (BODS `unknown`, `informationUnknownToPublisher`): 1.
- INFO: overseas-entity update statements that say nothing about who the owners are.
"""

from __future__ import annotations

from enum import StrEnum


class Meaning(StrEnum):
    NONE = "none"
    PENDING = "pending"
    WITHHELD = "withheld"
    UNKNOWN = "unknown"
    INFO = "info"


_NONE = {
    "no-individual-or-entity-with-signficant-control",  # sic: the enumeration's spelling
    "no-individual-or-entity-with-signficant-control-partnership",
    "no-beneficial-owner-identified",
    "noBeneficialOwners",
}
_PENDING = {
    "psc-exists-but-not-identified",
    "psc-details-not-confirmed",
    "steps-to-find-psc-not-yet-completed",
    "psc-contacted-but-no-response",
    "psc-has-failed-to-confirm-changed-details",
    "restrictions-notice-issued-to-psc",
    "awaiting-confirmation-from-psc",
    "at-least-one-beneficial-owner-unidentified",
    "information-not-provided-for-at-least-one-beneficial-owner",
    "at-least-one-beneficial-owner-unidentified-and-information-not-provided-for-at-least-one-"
    "beneficial-owner",
    "subjectUnableToConfirmOrIdentifyBeneficialOwner",
    "interestedPartyHasNotProvidedInformation",
}
_WITHHELD = {
    "super-secure-person-with-significant-control",
    "super-secure-persons-with-significant-control",
    "super-secure-beneficial-owner",
    "subjectExemptFromDisclosure",
    "interestedPartyExemptFromDisclosure",
}
_UNKNOWN = {"unknown", "informationUnknownToPublisher"}

_TEXT = {
    "no-individual-or-entity-with-signficant-control": "the company knows or has reasonable "
    "cause to believe that there is no registrable person or relevant legal entity",
    "psc-exists-but-not-identified": "the company believes there is a registrable person but "
    "has not identified them",
    "psc-details-not-confirmed": "the company has identified a registrable person but not "
    "confirmed all their particulars",
    "steps-to-find-psc-not-yet-completed": "the company has not yet completed taking reasonable "
    "steps to find its registrable persons",
    "psc-contacted-but-no-response": "a notice the company gave to find its PSC (s.790D) has "
    "not been complied with",
    "psc-has-failed-to-confirm-changed-details": "a PSC has failed to comply with a notice to "
    "confirm changed details (s.790E)",
    "restrictions-notice-issued-to-psc": "the company has issued a restrictions notice "
    "(Sch. 1B para 1)",
    "awaiting-confirmation-from-psc": "the company believes it has a PSC but awaits confirmation",
    "super-secure-person-with-significant-control": "the PSC's details are protected "
    "(super-secure: restrictions on disclosure are in force)",
    "noBeneficialOwners": "the publisher states there are no beneficial owners",
    "subjectUnableToConfirmOrIdentifyBeneficialOwner": "the company is unable to confirm or "
    "identify a beneficial owner",
    "interestedPartyHasNotProvidedInformation": "a beneficial owner has not provided the "
    "required information",
    "subjectExemptFromDisclosure": "the company is exempt from disclosure",
    "interestedPartyExemptFromDisclosure": "the beneficial owner is exempt from disclosure",
    "unknown": "the publisher does not know the beneficial owners",
    "informationUnknownToPublisher": "the publisher does not know the beneficial owners",
}


def meaning(reason: str | None) -> Meaning | None:
    """The meaning of a stored statement code (None when there is no statement)."""
    if not reason:
        return None
    base = reason.removesuffix("-partnership") if reason.endswith("-partnership") else reason
    if reason in _NONE:
        return Meaning.NONE
    if base in _PENDING or reason in _PENDING:
        return Meaning.PENDING
    if reason in _WITHHELD:
        return Meaning.WITHHELD
    # The PSC loader stores an exemption as its exemption types ("psc-exempt-as-…", "disclosure-
    # transparency-rules-chapter-five-applies"), comma-separated.
    if "exempt" in reason or "disclosure-transparency-rules" in reason:
        return Meaning.WITHHELD
    if reason in _UNKNOWN:
        return Meaning.UNKNOWN
    return Meaning.INFO


def describe(reason: str) -> str:
    """One plain clause for a statement code."""
    base = reason.removesuffix("-partnership")
    if base in _TEXT:
        return _TEXT[base]
    if "exempt" in reason or "disclosure-transparency-rules" in reason:
        return f"the company is exempt from keeping a PSC register ({reason})"
    return reason.replace("-", " ")
