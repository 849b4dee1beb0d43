"""API keys -> callers with roles; keys compared in constant time and never logged.

With no key configured the API is open (local use) and every caller is an anonymous admin.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from enum import StrEnum

from starlette.requests import HTTPConnection

from graph_schema.errors import InvalidInput
from graphapi.errors import Forbidden, Unauthenticated


class Role(StrEnum):
    READER = "reader"  # look up companies, persons, addresses, search
    ANALYST = "analyst"  # plus due-diligence analytics (added by the analytics mixin)
    ADMIN = "admin"  # plus operational access (introspection when it is disabled)


_RANK = {Role.READER: 0, Role.ANALYST: 1, Role.ADMIN: 2}


@dataclass(frozen=True)
class Caller:
    key_id: str  # a hash prefix of the key: safe to log and audit, useless to an attacker
    role: Role

    def allows(self, role: Role) -> bool:
        return _RANK[self.role] >= _RANK[role]


ANONYMOUS = Caller(key_id="anonymous", role=Role.ADMIN)


def key_id(key: str) -> str:
    return "key-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def parse_api_keys(text: str) -> dict[str, Role]:
    """JSON {"key": "role"} or "key:role,key:role" -> {key: Role}; raises InvalidInput."""
    text = text.strip()
    if not text:
        return {}
    pairs: dict[str, str]
    if text.startswith("{"):
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError:
            raise InvalidInput("DUEGRAPH_API_KEYS is not valid JSON", "api_keys") from None
        if not isinstance(loaded, dict):
            raise InvalidInput("DUEGRAPH_API_KEYS must map keys to roles", "api_keys")
        pairs = {str(k): str(v) for k, v in loaded.items()}
    else:
        pairs = {}
        for item in filter(None, (part.strip() for part in text.split(","))):
            key, sep, role = item.rpartition(":")
            if not sep or not key.strip():
                raise InvalidInput("DUEGRAPH_API_KEYS entries must look like key:role", "api_keys")
            pairs[key.strip()] = role.strip()
    roles: dict[str, Role] = {}
    for key, role in pairs.items():
        try:
            roles[key] = Role(role.lower())
        except ValueError:
            # The message names the role and the key's id, never the key itself.
            raise InvalidInput(
                f"unknown role {role!r} for {key_id(key)}; use reader, analyst or admin",
                "api_keys",
            ) from None
        if len(key) < 16:
            raise InvalidInput(f"API key {key_id(key)} is shorter than 16 characters", "api_keys")
    return roles


def presented_key(conn: HTTPConnection) -> str | None:
    auth = conn.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    header = conn.headers.get("x-api-key", "").strip()
    return header or None


class Authenticator:
    def __init__(self, keys: dict[str, Role]) -> None:
        # Compare digests: equal lengths, and constant time over every configured key.
        self._keys = [(hashlib.sha256(k.encode()).digest(), key_id(k), r) for k, r in keys.items()]

    @property
    def enabled(self) -> bool:
        """Keys are configured: every request needs one (the workspace asks for it)."""
        return bool(self._keys)

    def caller(self, conn: HTTPConnection) -> Caller:
        """The caller of this request; raises Unauthenticated without a configured key."""
        if not self._keys:
            return ANONYMOUS
        key = presented_key(conn)
        if key is None:
            raise Unauthenticated(
                "an API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key'"
            )
        digest = hashlib.sha256(key.encode()).digest()
        found: Caller | None = None
        for known, kid, role in self._keys:  # no early exit: timing does not reveal which key
            if hmac.compare_digest(digest, known):
                found = Caller(kid, role)
        if found is None:
            raise Unauthenticated("the API key is not valid")
        return found


def require_role(caller: Caller, role: Role) -> None:
    if not caller.allows(role):
        raise Forbidden(f"this operation needs the {role.value} role; your key is {caller.role}")
