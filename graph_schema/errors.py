"""A small error tree shared by loaders, the CLI and the API (mapped to typed GraphQL errors)."""

from __future__ import annotations


class DuegraphError(Exception):
    """Base of every error we raise on purpose; `code` is what API clients see."""

    code = "INTERNAL"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DuegraphError):
    code = "NOT_FOUND"


class InvalidInput(DuegraphError):
    code = "INVALID_ARGUMENT"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class GraphUnavailable(DuegraphError):
    """Neo4j cannot be reached (down, wrong address, wrong password)."""

    code = "UNAVAILABLE"


class SetupError(DuegraphError):
    """The machine lacks something the project needs (Java, Maven, a free port)."""

    code = "SETUP"


class OutOfOrder(DuegraphError):
    """A numbered extract that does not follow the last one applied (older, or after a gap)."""

    code = "OUT_OF_ORDER"


class InvalidSetting(SetupError):
    """A setting (an environment variable) is malformed: raised when the settings are built."""

    def __init__(self, message: str, settings: list[str]) -> None:
        super().__init__(message)
        self.settings = settings  # the variables at fault, e.g. ["DUEGRAPH_SIGNAL_PARAMS"]
