"""Opening drivers and turning driver failures into errors a user can act on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import (
    AsyncDriver,
    AsyncGraphDatabase,
    Driver,
    GraphDatabase,
    NotificationDisabledClassification,
)
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from graph_schema.errors import GraphUnavailable
from graph_schema.settings import Neo4jSettings

# "Unknown label/type" notices are expected on a fresh or partial graph; keep deprecations.
_QUIET = [NotificationDisabledClassification.UNRECOGNIZED]


def _auth(settings: Neo4jSettings) -> tuple[str, str] | None:
    password = settings.password.get_secret_value()
    return (settings.user, password) if password else None


def open_driver(settings: Neo4jSettings) -> Driver:
    """A sync driver for CLI work (loaders, schema): never used inside the API's event loop."""
    return GraphDatabase.driver(
        settings.uri,
        auth=_auth(settings),
        connection_timeout=10.0,
        max_transaction_retry_time=15.0,
        notifications_disabled_classifications=_QUIET,
    )


def open_async_driver(settings: Neo4jSettings, *, pool_size: int = 100) -> AsyncDriver:
    """The API's driver: fails fast when Neo4j is away (a reader waits for an answer, and
    UNAVAILABLE within about a second beats a spinner), unlike the loaders' patient one."""
    return AsyncGraphDatabase.driver(
        settings.uri,
        auth=_auth(settings),
        connection_timeout=1.0,
        connection_acquisition_timeout=5.0,
        max_connection_pool_size=pool_size,
        max_transaction_retry_time=1.0,
        notifications_disabled_classifications=_QUIET,
    )


def _refused(exc: BaseException | None) -> bool:
    """The driver wraps the socket's ConnectionRefusedError in its own errors: look through."""
    while exc is not None:
        if isinstance(exc, ConnectionRefusedError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def unavailable_message(settings: Neo4jSettings, exc: Exception) -> str:
    if isinstance(exc, AuthError):
        return (
            f"Neo4j at {settings.uri} refused the credentials for user {settings.user!r}: "
            "check NEO4J_USER and NEO4J_PASSWORD."
        )
    reason = "connection refused" if _refused(exc) else str(exc).splitlines()[0]
    return (
        f"Neo4j is not reachable at {settings.uri} ({reason}). "
        "Start the project's own server with `duegraph neo4j start`, or point NEO4J_URI "
        "at a running Neo4j (or run `docker compose up`)."
    )


@contextmanager
def connected(settings: Neo4jSettings) -> Iterator[Driver]:
    """A verified sync driver; raises GraphUnavailable with a clear message otherwise."""
    driver = open_driver(settings)
    try:
        try:
            driver.verify_connectivity()
        except (ServiceUnavailable, SessionExpired, AuthError, OSError, ValueError) as exc:
            raise GraphUnavailable(unavailable_message(settings, exc)) from exc
        yield driver
    finally:
        driver.close()
