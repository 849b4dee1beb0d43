"""Detector parameters: every threshold of the UBO maths and of the signal rules, with defaults.

They are part of the settings (`DUEGRAPH_SIGNAL_PARAMS`, validated when the settings are
built), so they live here beside them; the analytics in graphapi read them and never build
their own. docs/analytics.md lists every name and default.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from graph_schema.financial_params import FinancialParams


class RuleSet(StrEnum):
    AMLR = "AMLR"  # Regulation 2024/1624 Arts. 52-54
    EU = "EU"  # same maths (AMLD reading combined with AMLR weighting)
    UK_PSC = "UK_PSC"  # Companies Act 2006 Sch. 1A: majority chains, no multiplication


class UboRules(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rule_set: RuleSet = RuleSet.AMLR
    threshold: float = 25.0  # percent
    operator: Literal[">", ">="] = ">"  # "more than the threshold" by default (BE, UK wording)
    max_depth: int = 25  # reverse-BFS depth cap on the ancestor subgraph
    max_nodes: int = 5000  # node cap on the ancestor subgraph
    max_paths: int = 10  # evidence paths per owner, heaviest first (display, never the maths)
    max_detailed_owners: int = 25  # owners that get max_paths paths; the rest get the heaviest

    def describe(self) -> str:
        return f"{self.rule_set.value} {self.operator} {self.threshold:g} %"


class PaymentParams(BaseModel):
    """Thresholds of PAYMENT_BEHAVIOUR, the firm's own payment experience with a client
    (docs/analytics.md §PAYMENT_BEHAVIOUR gives the reason for each default)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    window_days: int = 365  # invoices issued this recently are judged
    min_items: int = 3  # payments and overdue invoices needed to judge days beyond terms
    dbt_days: int = 15  # average days beyond terms (weighted by amount): severity 2
    dbt_days_moderate: int = 30  # severity 3
    dbt_days_severe: int = 60  # severity 4
    aged_share: float = 0.25  # share of the open balance past 60 days (3) / 90 days (4)
    aged_min_amount: float = 500.0  # overdue past 60 days below this (client currency): ignored
    trend_quarters: int = 3  # overdue growing at each of these quarter-ends: one step more


class SignalParams(BaseModel):
    """Every threshold of every rule; docs/analytics.md §Parameters and defaults documents each
    one (a unit test checks it)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ubo: UboRules = UboRules()
    # Findings from filed accounts (docs/accounts.md, "Findings and their defaults").
    financial: FinancialParams = FinancialParams()
    # The firm's own ledger (§PAYMENT_BEHAVIOUR).
    payment: PaymentParams = PaymentParams()
    # §DIRECTOR_PAST_BANKRUPTCIES: window after leaving, counting horizon, "shortly before" tier.
    window_months: int = 36
    horizon_months: int = 60
    left_shortly_months: int = 12
    # §DISQUALIFIED_DIRECTOR: a ban that ended this recently still counts (severity 3).
    ban_recent_months: int = 60
    # §LATE_DIRECTOR_CHANGE: role ended or started within this many months before t.
    late_change_months: int = 12
    # §HIDDEN_CONTROLLER: effective ownership that counts as a stake (percent).
    hidden_owner_threshold: float = 25.0
    # §FRONT_PERSON indicators.
    front_age_min: int = 21
    front_age_max: int = 75
    front_burst_count: int = 5
    front_burst_months: int = 12
    front_concurrent: int = 10
    front_failures: int = 2
    front_failure_months: int = 24
    front_replacement_days: int = 90
    front_owner_share: float = 50.0
    # §PHOENIX_SUCCESSOR: successor incorporated within +/- this window of the insolvency.
    phoenix_window_months: int = 12
    phoenix_name_jaccard: float = 0.6
    phoenix_prior_trading_months: int = 12
    # §MASS_REGISTRATION_ADDRESS.
    mass_min_active: int = 20
    mass_national_p999: int | None = None  # national 99.9th percentile, when known
    mass_new_share: float = 0.5
    mass_fail_multiple: float = 3.0
    national_fail_rate: float | None = None  # national 24-month failure rate, when known
    # §DORMANT_REACTIVATION.
    dormancy_months: int = 24
    reactivation_window_months: int = 6
    reactivation_insolvency_months: int = 12
    # §Rating: young companies (established_months is accepted but no rule reads it).
    young_company_months: int = 18
    established_months: int = 36
    # §Topics and what they mean: FollowTheMoney topics: only `sanction`
    # is a designation; linked, debarred and counter-sanctioned entities are other findings.
    sanction_topics: tuple[str, ...] = ("sanction",)
    sanction_ownership_topics: tuple[str, ...] = ("sanction.control",)
    sanction_linked_topics: tuple[str, ...] = ("sanction.linked",)
    debarment_topics: tuple[str, ...] = ("debarment",)
    counter_sanction_topics: tuple[str, ...] = ("sanction.counter",)
    pep_topics: tuple[str, ...] = ("role.pep", "role.pep.natl", "role.pep.intl", "role.pep.frmr")
    rca_topics: tuple[str, ...] = ("role.rca",)
    # Owned this much or more, alone or together, by sanctioned parties: blocked as they are
    # (OFAC's 50 % rule; the EU's "owned or controlled" guidance).
    sanction_ownership_threshold: float = 50.0
    # Belgian and similar legal forms whose BOs are role based (§NO_UBO_FOUND).
    nonprofit_forms: tuple[str, ...] = (
        "asbl",
        "vzw",
        "aisbl",
        "ivzw",
        "stichting",
        "foundation",
        "fondation",
        "trust",
        "fondazione",
    )
