"""The exception tree and the catalogue of coded messages.

Every problem a user can meet has a code (``GB1xx`` ingest, ``GB2xx`` store,
``GB3xx`` analysis, ``GB4xx`` compose, ``GB5xx`` settings, ``GB6xx`` knowledge) so that
messages can be looked up in docs/errors.md and matched in scripts.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    # ingest
    EMPTY = "GB101"
    TOO_LARGE = "GB102"
    BAD_ENCODING = "GB103"
    MALFORMED_XML = "GB104"
    FORBIDDEN_XML = "GB105"
    NOT_AN_ARTICLE = "GB106"
    BAD_JSON = "GB107"
    MISSING_FIELD = "GB108"
    MISSING_DATE = "GB109"
    FUTURE_DATE = "GB110"
    FETCH_FAILED = "GB111"
    UNKNOWN_FORMAT = "GB112"
    NOT_FOUND = "GB113"
    FEED_PAUSED = "GB114"
    UNEXPECTED = "GB115"
    BAD_FIELD = "GB116"
    DATE_OUT_OF_RANGE = "GB117"
    ADDRESS_REFUSED = "GB118"  # the network guard refused a non-public address
    URL_REFUSED = "GB119"  # a scheme other than http(s), or too many redirects
    # store
    STORE_OPEN = "GB201"
    STORE_BUSY = "GB202"
    STORE_HALF_MIGRATED = "GB203"
    RUN_IN_PROGRESS = "GB204"  # another `geobrief run` holds the store's run lock
    # analysis on workers (Dask)
    CLUSTER_UNAVAILABLE = "GB301"  # no scheduler or workers to reach, or no store to share
    WORKER_MISMATCH = "GB302"  # a worker analyses under another signature than the caller
    # compose
    NO_NEWS = "GB401"
    BAD_READER = "GB402"
    UNKNOWN_OUTPUT = "GB403"  # an output format or writer no plugin provides
    NO_SUCH_READER = "GB404"
    OUTPUT_IS_STORE = "GB405"  # --out names the store or another SQLite database
    OUTPUT_FAILED = "GB406"
    # settings
    BAD_SETTING = "GB501"
    EXTRA_MISSING = "GB502"
    BAD_PUBLISHERS = "GB503"
    BAD_SOURCES = "GB504"  # a sources file, OPML list or Kagi feed list that cannot be used
    # knowledge
    BAD_KNOWLEDGE = "GB601"
    # publishing: the web edition, editor sign-off, feeds and email
    NO_SUCH_BRIEFING = "GB801"  # no draft or published briefing of that id or date
    NO_SUCH_LINE = "GB802"  # an edit names a story, section or line the briefing lacks
    BAD_EDIT = "GB803"  # an empty or overlong line or note, an unknown story action
    BAD_EDITOR = "GB804"  # an editor name or password that cannot be used
    SEND_FAILED = "GB805"  # the SMTP server refused or could not be reached


class GeobriefError(Exception):
    """Base of every error geobrief raises on purpose."""

    code: Code = Code.BAD_SETTING

    def __init__(self, message: str, code: Code | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"[{self.code.value}] {self.args[0]}"


class IngestError(GeobriefError):
    """One input item could not be ingested; the run goes on with the rest."""

    def __init__(self, item: str, reason: str, code: Code) -> None:
        super().__init__(f"{item}: {reason}", code)
        self.item = item
        self.reason = reason


class SettingsError(GeobriefError):
    code = Code.BAD_SETTING


class StoreError(GeobriefError):
    code = Code.STORE_OPEN


class ComposeError(GeobriefError):
    code = Code.NO_NEWS


class KnowledgeError(GeobriefError):
    code = Code.BAD_KNOWLEDGE


class EditorialError(GeobriefError):
    """An editor's action or a publishing step that cannot be done as asked."""

    code = Code.BAD_EDIT


class OutputError(GeobriefError):
    """A briefing or page could not be written where asked."""

    code = Code.OUTPUT_FAILED
