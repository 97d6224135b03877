"""Every coded error is in docs/errors.md's table, so a user who meets one finds what
it means and what to do."""

from __future__ import annotations

from pathlib import Path

from geobrief.errors import Code

DOCS = Path(__file__).resolve().parent.parent / "docs" / "errors.md"


def test_every_code_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [c.value for c in Code if f"| {c.value} |" not in text]
    assert missing == [], f"add these codes to docs/errors.md: {missing}"
