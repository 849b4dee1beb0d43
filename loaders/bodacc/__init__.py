"""French BODACC announcements (open-data JSON, DILA XML) -> insolvencies, strike-offs, bans."""

from loaders.bodacc.parse import FORMAT

__all__ = ["FORMAT"]
