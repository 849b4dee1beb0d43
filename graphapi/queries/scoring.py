"""The internal rating stored on each :Client (`duegraph ledger score`), written and read back.

Properties (every one set by each scoring run, so a re-run with the same profile and date
writes the same values; graphapi/services/scoring.py documents their meaning):

    rating, rating_label, rating_points, rating_as_of (date), rating_profile,
    rating_profile_digest, rating_moved_by (family or null), rating_families,
    rating_family_scores (0 = no data), rating_family_points, rating_missing,
    rating_explanation (lines), policy_terms_days, policy_credit_limit (null without a
    current limit), policy_credit_limit_factor, review_months, next_review_on (date),
    previous_rating (the rating before the last run that changed it; null until one did)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, LiteralString

from pydantic import BaseModel, ConfigDict

from graph_schema.ledger import cents
from graphapi.analytics.scoring import ClientScore
from graphapi.graph import Graph

WRITE_BATCH = 2000

# previous_rating changes only when the rating does, so a re-run leaves everything as it was.
WRITE_SCORES: LiteralString = """
UNWIND $rows AS row
MATCH (c:Client {key: row.key})
SET c.previous_rating = CASE
      WHEN c.rating IS NOT NULL AND c.rating <> row.props.rating THEN c.rating
      ELSE c.previous_rating END
SET c += row.props
RETURN count(c) AS written
"""

STORED_SCORES: LiteralString = """
UNWIND $keys AS key
MATCH (c:Client {key: key})
WHERE c.rating IS NOT NULL
RETURN c.key AS client, c.company AS company, c.rating AS rating, c.rating_label AS label,
       c.rating_points AS points, c.rating_as_of AS as_of, c.rating_profile AS profile,
       c.rating_profile_digest AS profile_digest, c.rating_moved_by AS moved_by,
       c.rating_families AS families, c.rating_family_scores AS family_scores,
       c.rating_family_points AS family_points, c.rating_missing AS missing,
       c.rating_explanation AS explanation, c.policy_terms_days AS terms_days,
       c.policy_credit_limit AS credit_limit,
       c.policy_credit_limit_factor AS credit_limit_factor, c.review_months AS review_months,
       c.next_review_on AS next_review_on, c.previous_rating AS previous_rating
"""


class StoredScore(BaseModel):
    """A client's rating as the last `duegraph ledger score` stored it on the :Client."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    client: str
    company: str | None
    rating: int
    label: str
    points: float
    as_of: date
    profile: str
    profile_digest: str
    moved_by: str | None
    family_points: dict[str, float]  # every family, in the profile's order
    family_scores: dict[str, int | None]  # None: the family had no data
    missing: tuple[str, ...]
    explanation: tuple[str, ...]
    terms_days: int
    credit_limit: float | None
    credit_limit_factor: float
    review_months: int
    next_review_on: date
    previous_rating: int | None


def score_props(s: ClientScore) -> dict[str, Any]:
    """The properties one score sets on its :Client."""
    return {
        "rating": s.rating,
        "rating_label": s.label,
        "rating_points": s.points,
        "rating_as_of": s.as_of,
        "rating_profile": s.profile,
        "rating_profile_digest": s.profile_digest,
        "rating_moved_by": None if s.moved_by is None else s.moved_by.value,
        "rating_families": [f.family.value for f in s.families],
        "rating_family_scores": [f.score or 0 for f in s.families],
        "rating_family_points": [f.points for f in s.families],
        "rating_missing": [f.value for f in s.missing],
        "rating_explanation": s.explanation(),
        "policy_terms_days": s.policy.terms_days,
        "policy_credit_limit": None
        if s.policy.credit_limit is None
        else cents(s.policy.credit_limit),
        "policy_credit_limit_factor": s.policy.credit_limit_factor,
        "review_months": s.policy.review_months,
        "next_review_on": s.policy.next_review_on,
    }


async def write_scores(graph: Graph, scores: Sequence[ClientScore]) -> int:
    """Store each score on its :Client (a client no longer in the graph is skipped)."""
    written = 0
    for i in range(0, len(scores), WRITE_BATCH):
        rows = [{"key": s.client, "props": score_props(s)} for s in scores[i : i + WRITE_BATCH]]
        records = await graph.write(WRITE_SCORES, {"rows": rows})
        written += int(records[0]["written"]) if records else 0
    return written


def _stored(r: dict[str, Any]) -> StoredScore:
    names: list[str] = r["families"] or []
    scores: list[int] = r["family_scores"] or []
    points: list[float] = r["family_points"] or []
    return StoredScore(
        client=r["client"],
        company=r["company"],
        rating=r["rating"],
        label=r["label"],
        points=r["points"],
        as_of=r["as_of"],
        profile=r["profile"],
        profile_digest=r["profile_digest"],
        moved_by=r["moved_by"],
        family_points=dict(zip(names, points, strict=True)),
        family_scores={n: (s or None) for n, s in zip(names, scores, strict=True)},
        missing=tuple(r["missing"] or ()),
        explanation=tuple(r["explanation"] or ()),
        terms_days=r["terms_days"],
        credit_limit=r["credit_limit"],
        credit_limit_factor=r["credit_limit_factor"],
        review_months=r["review_months"],
        next_review_on=r["next_review_on"],
        previous_rating=r["previous_rating"],
    )


async def stored_scores(graph: Graph, client_keys: Sequence[str]) -> dict[str, StoredScore]:
    """The stored rating of each client that has one (others are left out)."""
    if not client_keys:
        return {}
    records = await graph.read(STORED_SCORES, {"keys": list(dict.fromkeys(client_keys))})
    return {r["client"]: _stored(r) for r in records}
