"""Companies House code lists (companieshouse/api-enumerations) and how each maps to our model.

The tables are copied from constants.yml, psc_descriptions.yml and
disqualified_officer_descriptions.yml; a unit test checks them against those files so that a
new code in the enumerations shows up as a failing test, not as silently dropped data.
"""

from __future__ import annotations

from graph_schema.events import EventKind

# officer_role -> our normalised Directorship.role (the raw role stays in role_label).
OFFICER_ROLES: dict[str, str] = {
    "cic-manager": "manager",
    "corporate-director": "director",
    "corporate-llp-designated-member": "designated_llp_member",
    "corporate-llp-member": "llp_member",
    "corporate-manager-of-an-eeig": "manager",
    "corporate-managing-officer": "managing_officer",
    "corporate-member-of-a-management-organ": "board_member",
    "corporate-member-of-a-supervisory-organ": "supervisory_board_member",
    "corporate-member-of-an-administrative-organ": "board_member",
    "corporate-nominee-director": "nominee_director",
    "corporate-nominee-secretary": "nominee_secretary",
    "corporate-secretary": "secretary",
    "director": "director",
    "general-partner-in-a-limited-partnership": "general_partner",
    "corporate-general-partner-in-a-limited-partnership": "general_partner",
    "limited-partner-in-a-limited-partnership": "limited_partner",
    "corporate-limited-partner-in-a-limited-partnership": "limited_partner",
    "judicial-factor": "judicial_factor",
    "llp-designated-member": "designated_llp_member",
    "llp-member": "llp_member",
    "manager-of-an-eeig": "manager",
    "managing-officer": "managing_officer",
    "member-of-a-management-organ": "board_member",
    "member-of-a-supervisory-organ": "supervisory_board_member",
    "member-of-an-administrative-organ": "board_member",
    "nominee-director": "nominee_director",
    "nominee-secretary": "nominee_secretary",
    "person-authorised-to-accept": "authorised_representative",
    "person-authorised-to-represent": "authorised_representative",
    "person-authorised-to-represent-and-accept": "authorised_representative",
    "receiver-and-manager": "receiver",
    "secretary": "secretary",
}

COMPANY_STATUSES: frozenset[str] = frozenset(
    {
        "active",
        "dissolved",
        "liquidation",
        "receivership",
        "converted-closed",
        "voluntary-arrangement",
        "insolvency-proceedings",
        "administration",
        "open",
        "closed",
        "registered",
        "removed",
    }
)

# insolvency_case_type -> event kind. Receivership counts as administration (an insolvency);
# CVAs, moratoria and restructuring plans are distress, not failure; MVL is solvent.
_MORATORIUM = "liquidation-moratorium-"
INSOLVENCY_CASE_KINDS: dict[str, EventKind] = {
    "compulsory-liquidation": EventKind.COMPULSORY_LIQUIDATION,
    "in-administration": EventKind.ADMINISTRATION,
    "creditors-voluntary-liquidation": EventKind.CREDITORS_VOLUNTARY_LIQUIDATION,
    "members-voluntary-liquidation": EventKind.MEMBERS_VOLUNTARY_LIQUIDATION,
    "foreign-insolvency": EventKind.BANKRUPTCY,
    "administrative-receiver": EventKind.ADMINISTRATION,
    "scottish-administrative-receiver": EventKind.ADMINISTRATION,
    "administration-order": EventKind.ADMINISTRATION,
    "corporate-voluntary-arrangement": EventKind.JUDICIAL_REORGANISATION,
    "receiver-manager": EventKind.ADMINISTRATION,
    "corporate-voluntary-arrangement-moratorium": EventKind.JUDICIAL_REORGANISATION,
    "order-of-court-restructuring-plan": EventKind.JUDICIAL_REORGANISATION,
    _MORATORIUM + "commencement-of-moratorium": EventKind.JUDICIAL_REORGANISATION,
    _MORATORIUM + "extension-of-moratorium": EventKind.JUDICIAL_REORGANISATION,
    _MORATORIUM + "early-end-of-moratorium": EventKind.JUDICIAL_REORGANISATION,
    _MORATORIUM + "end-of-moratorium-by-monitor": EventKind.JUDICIAL_REORGANISATION,
    _MORATORIUM + "end-of-moratorium-by-court": EventKind.JUDICIAL_REORGANISATION,
    _MORATORIUM
    + "end-of-moratorium-following-disposal-of-application-for-extension-by-court-or-"
    + "following-cva-proposal-taking-effect-or-being-withdrawn": EventKind.JUDICIAL_REORGANISATION,
    _MORATORIUM + "court-order-permitting-disposal-of-goods": EventKind.JUDICIAL_REORGANISATION,
    _MORATORIUM
    + "replacement-or-additonal-monitor-following-court-order": EventKind.JUDICIAL_REORGANISATION,
    _MORATORIUM + "monitor-ceasing-to-act-following-court-order": EventKind.JUDICIAL_REORGANISATION,
    "moratorium": EventKind.JUDICIAL_REORGANISATION,
}

# insolvency_case_date_type, in order of preference for the case's opening date...
CASE_OPENING_DATES: tuple[str, ...] = (
    "wound-up-on",
    "ordered-to-wind-up-on",
    "administration-started-on",
    "voluntary-arrangement-started-on",
    "moratorium-started-on",
    "instrumented-on",
    "declaration-solvent-on",
    "petitioned-on",
)
# ... and for its end.
CASE_ENDING_DATES: tuple[str, ...] = (
    "concluded-winding-up-on",
    "dissolved-on",
    "administration-ended-on",
    "administration-discharged-on",
    "voluntary-arrangement-ended-on",
    "moratorium-ended-on",
)
CASE_DATE_TYPES: frozenset[str] = frozenset(
    {*CASE_OPENING_DATES, *CASE_ENDING_DATES, "due-to-be-dissolved-on"}
)

PSC_PERSON_KINDS = frozenset(
    {"individual-person-with-significant-control", "individual-beneficial-owner"}
)
PSC_ENTITY_KINDS = frozenset(
    {
        "corporate-entity-person-with-significant-control",
        "legal-person-person-with-significant-control",
        "corporate-entity-beneficial-owner",
        "legal-person-beneficial-owner",
    }
)
PSC_SUPER_SECURE_KINDS = frozenset(
    {"super-secure-person-with-significant-control", "super-secure-beneficial-owner"}
)
PSC_STATEMENT_KIND = "persons-with-significant-control-statement"
PSC_EXEMPTIONS_KIND = "exemptions"
PSC_TOTALS_KIND = "totals#persons-of-significant-control-snapshot"

DISQUALIFICATION_REASONS: dict[str, str] = {
    "conviction-of-indictable-offence": "Disqualification on conviction of indictable offence",
    "persistent-breaches-of-companies-legislation": (
        "Disqualification for persistent breaches of companies legislation"
    ),
    "fraud-etc-in-winding-up": "Disqualification for fraud, etc., in winding up",
    "summary-conviction": "Disqualification on summary conviction",
    "court-to-disqualify-unfit-directors-of-insolvent-companies": (
        "Duty of court to disqualify unfit directors of insolvent companies"
    ),
    "order-or-undertaking-and-reporting-provisions": (
        "Disqualification order or undertaking; and reporting provisions"
    ),
    "investigation-of-company": "Disqualification after investigation of company",
    "matters-determining-unfitness-of-directors": "Matters for determining unfitness of directors",
    "competition-infringements": "Disqualification for competition infringements",
    "undertaking-for-competition": "Disqualification undertaking for competition",
    "competition-and-markets-authority-disqualification-undertaking": (
        "Competition and Markets Authority Disqualification Undertaking"
    ),
    "participation-in-wrongful-trading": "Participation in wrongful trading",
    "conviction-of-offence-punishable-on-indictment-or-conviction-on-indictment-or-summary-"
    "conviction": (
        "Disqualification on conviction of offence punishable only on indictment or either on "
        "conviction on indictment or on summary conviction"
    ),
    "persistent-default-under-companies-legislation": (
        "Disqualification for persistent default under companies legislation"
    ),
    "summary-conviction-of-offence": "Disqualification on summary conviction of offence",
    "high-court-to-disqualify-unfit-directors-of-insolvent-companies": (
        "Duty of High Court to disqualify unfit directors of insolvent companies"
    ),
    "competition-disqualification-order": "Competition Disqualification Order",
    "competition-and-markets-authority-disqualification-order": (
        "Competition and Markets Authority Disqualification Order"
    ),
    "certain-convictions-abroad": "Disqualification for certain convictions abroad",
    "undertaking-instead-of-order-under-article-11a": (
        "Disqualification undertaking instead of an order under Article 11A"
    ),
    "undertaking-instead-of-order-under-article-11d": (
        "Disqualification undertaking instead of an order under Article 11D"
    ),
    "order-disqualifying-a-person-instructing-an-unfit-director-of-an-insolvent-company": (
        "Order disqualifying a person instructing an unfit director of an insolvent company"
    ),
    "order-disqualifying-a-person-instructing-an-unfit-director": (
        "Order disqualifying a person instructing an unfit director"
    ),
    "undertaking-disqualifying-a-person-instructing-an-unfit-director-of-an-insolvent-company": (
        "Disqualification undertaking disqualifying a person instructing an unfit director of an "
        "insolvent company"
    ),
    "undertaking-disqualifying-a-person-instructing-an-unfit-director": (
        "Disqualification undertaking disqualifying a person instructing an unfit director"
    ),
    "disqualification-under-sanctions-regulation": (
        "Disqualification of persons designated under sanctions legislation"
    ),
}

DISQUALIFICATION_ACTS: dict[str, str] = {
    "company-directors-disqualification-act-1986": "Company Directors Disqualification Act 1986",
    "company-directors-disqualification-northern-ireland-order-2002": (
        "Company Directors Disqualification (Northern Ireland) Order 2002"
    ),
    "sanctions-anti-money-laundering-act-2018": "Sanctions and Anti-Money Laundering Act 2018",
    "sanctions-counter-terrorism-regulations-2019": (
        "Counter-Terrorism (Sanctions) (EU Exit) Regulations 2019"
    ),
}

PSC_NATURES: frozenset[str] = frozenset(
    {
        "ownership-of-shares-25-to-50-percent",
        "ownership-of-shares-50-to-75-percent",
        "ownership-of-shares-75-to-100-percent",
        "ownership-of-shares-25-to-50-percent-as-trust",
        "ownership-of-shares-50-to-75-percent-as-trust",
        "ownership-of-shares-75-to-100-percent-as-trust",
        "ownership-of-shares-25-to-50-percent-as-firm",
        "ownership-of-shares-50-to-75-percent-as-firm",
        "ownership-of-shares-75-to-100-percent-as-firm",
        "ownership-of-shares-more-than-25-percent-registered-overseas-entity",
        "ownership-of-shares-more-than-25-percent-as-trust-registered-overseas-entity",
        "ownership-of-shares-more-than-25-percent-as-firm-registered-overseas-entity",
        "ownership-of-shares-more-than-25-percent-as-control-over-trust-registered-overseas-entity",
        "ownership-of-shares-more-than-25-percent-as-control-over-firm-registered-overseas-entity",
        "voting-rights-25-to-50-percent",
        "voting-rights-50-to-75-percent",
        "voting-rights-75-to-100-percent",
        "voting-rights-25-to-50-percent-as-trust",
        "voting-rights-50-to-75-percent-as-trust",
        "voting-rights-75-to-100-percent-as-trust",
        "voting-rights-25-to-50-percent-as-firm",
        "voting-rights-50-to-75-percent-as-firm",
        "voting-rights-75-to-100-percent-as-firm",
        "voting-rights-more-than-25-percent-registered-overseas-entity",
        "voting-rights-more-than-25-percent-as-trust-registered-overseas-entity",
        "voting-rights-more-than-25-percent-as-firm-registered-overseas-entity",
        "voting-rights-more-than-25-percent-as-control-over-trust-registered-overseas-entity",
        "voting-rights-more-than-25-percent-as-control-over-firm-registered-overseas-entity",
        "right-to-appoint-and-remove-directors",
        "right-to-appoint-and-remove-directors-as-trust",
        "right-to-appoint-and-remove-directors-as-firm",
        "right-to-appoint-and-remove-directors-as-control-over-trust-registered-overseas-entity",
        "right-to-appoint-and-remove-directors-as-control-over-firm-registered-overseas-entity",
        "significant-influence-or-control",
        "significant-influence-or-control-as-trust",
        "significant-influence-or-control-as-firm",
        "right-to-share-surplus-assets-25-to-50-percent-limited-liability-partnership",
        "right-to-share-surplus-assets-50-to-75-percent-limited-liability-partnership",
        "right-to-share-surplus-assets-75-to-100-percent-limited-liability-partnership",
        "right-to-share-surplus-assets-25-to-50-percent-as-trust-limited-liability-partnership",
        "right-to-share-surplus-assets-50-to-75-percent-as-trust-limited-liability-partnership",
        "right-to-share-surplus-assets-75-to-100-percent-as-trust-limited-liability-partnership",
        "right-to-share-surplus-assets-25-to-50-percent-as-firm-limited-liability-partnership",
        "right-to-share-surplus-assets-50-to-75-percent-as-firm-limited-liability-partnership",
        "right-to-share-surplus-assets-75-to-100-percent-as-firm-limited-liability-partnership",
        "voting-rights-25-to-50-percent-limited-liability-partnership",
        "voting-rights-50-to-75-percent-limited-liability-partnership",
        "voting-rights-75-to-100-percent-limited-liability-partnership",
        "voting-rights-25-to-50-percent-as-trust-limited-liability-partnership",
        "voting-rights-50-to-75-percent-as-trust-limited-liability-partnership",
        "voting-rights-75-to-100-percent-as-trust-limited-liability-partnership",
        "voting-rights-25-to-50-percent-as-firm-limited-liability-partnership",
        "voting-rights-50-to-75-percent-as-firm-limited-liability-partnership",
        "voting-rights-75-to-100-percent-as-firm-limited-liability-partnership",
        "right-to-appoint-and-remove-members-limited-liability-partnership",
        "right-to-appoint-and-remove-members-as-trust-limited-liability-partnership",
        "right-to-appoint-and-remove-members-as-firm-limited-liability-partnership",
        "significant-influence-or-control-limited-liability-partnership",
        "significant-influence-or-control-as-trust-limited-liability-partnership",
        "significant-influence-or-control-as-firm-limited-liability-partnership",
        "significant-influence-or-control-registered-overseas-entity",
        "significant-influence-or-control-as-trust-registered-overseas-entity",
        "significant-influence-or-control-as-firm-registered-overseas-entity",
        "significant-influence-or-control-as-control-over-trust-registered-overseas-entity",
        "significant-influence-or-control-as-control-over-firm-registered-overseas-entity",
        "part-right-to-share-surplus-assets-25-to-50-percent",
        "part-right-to-share-surplus-assets-50-to-75-percent",
        "part-right-to-share-surplus-assets-75-to-100-percent",
        "part-right-to-share-surplus-assets-25-to-50-percent-as-trust",
        "part-right-to-share-surplus-assets-50-to-75-percent-as-trust",
        "part-right-to-share-surplus-assets-75-to-100-percent-as-trust",
        "part-right-to-share-surplus-assets-25-to-50-percent-as-firm",
        "part-right-to-share-surplus-assets-50-to-75-percent-as-firm",
        "part-right-to-share-surplus-assets-75-to-100-percent-as-firm",
        "right-to-appoint-and-remove-person",
        "right-to-appoint-and-remove-person-as-firm",
        "right-to-appoint-and-remove-person-as-trust",
        "right-to-appoint-and-remove-directors-registered-overseas-entity",
        "right-to-appoint-and-remove-directors-as-trust-registered-overseas-entity",
        "right-to-appoint-and-remove-directors-as-firm-registered-overseas-entity",
        "registered-owner-as-nominee-person-england-wales-registered-overseas-entity",
        "registered-owner-as-nominee-person-scotland-registered-overseas-entity",
        "registered-owner-as-nominee-person-northern-ireland-registered-overseas-entity",
        "registered-owner-as-nominee-another-entity-england-wales-registered-overseas-entity",
        "registered-owner-as-nominee-another-entity-scotland-registered-overseas-entity",
        "registered-owner-as-nominee-another-entity-northern-ireland-registered-overseas-entity",
    }
)

PSC_STATEMENTS: frozenset[str] = frozenset(
    {
        "no-individual-or-entity-with-signficant-control",
        "psc-exists-but-not-identified",
        "psc-details-not-confirmed",
        "steps-to-find-psc-not-yet-completed",
        "psc-contacted-but-no-response",
        "psc-has-failed-to-confirm-changed-details",
        "restrictions-notice-issued-to-psc",
        "no-individual-or-entity-with-signficant-control-partnership",
        "psc-exists-but-not-identified-partnership",
        "psc-details-not-confirmed-partnership",
        "steps-to-find-psc-not-yet-completed-partnership",
        "psc-contacted-but-no-response-partnership",
        "psc-has-failed-to-confirm-changed-details-partnership",
        "restrictions-notice-issued-to-psc-partnership",
        "all-beneficial-owners-identified",
        "no-beneficial-owner-identified",
        "at-least-one-beneficial-owner-unidentified",
        "information-not-provided-for-at-least-one-beneficial-owner",
        "at-least-one-beneficial-owner-unidentified-and-information-not-provided-for-at-least-one-beneficial-owner",
        "nobody-has-become-or-ceased-to-be-a-beneficial-owner",
        "somebody-has-become-or-ceased-to-be-a-beneficial-owner",
        "no-change-beneficial-owner-relevant-period",
        "change-beneficial-owner-relevant-period",
        "no-trust-involved-relevant-period",
        "trust-involved-relevant-period",
        "no-change-beneficiary-relevant-period",
        "change-beneficiary-relevant-period",
        "awaiting-confirmation-from-psc",
    }
)
