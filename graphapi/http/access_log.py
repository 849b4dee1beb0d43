"""The access log never holds a query string: a key pasted into a URL (`?api_key=...`) is
refused by the API, but uvicorn would still log the full URL, and logs travel further than
the server (shippers, tickets). The path alone is enough to operate the service."""

from __future__ import annotations

import logging

ACCESS_LOGGER = "uvicorn.access"


class DropQueryString(logging.Filter):
    """uvicorn logs `%s - "%s %s HTTP/%s" %d` with the path and query as the third argument."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            path, sep, _ = args[2].partition("?")
            if sep:
                record.args = (*args[:2], path + "?[scrubbed]", *args[3:])
        return True


def scrub_access_log() -> None:
    """Install the filter on uvicorn's access logger (idempotent; each worker calls it)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, DropQueryString) for f in logger.filters):
        logger.addFilter(DropQueryString())
