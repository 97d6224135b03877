"""The parsed-knowledge cache: used when the bytes match, ignored when broken or off."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from geobrief.knowledge import cache
from geobrief.knowledge.load import DATA, load_knowledge


def _calls() -> tuple[list[bytes], Callable[[bytes], dict[str, str]]]:
    seen: list[bytes] = []

    def parse(raw: bytes) -> dict[str, str]:
        seen.append(raw)
        return {"text": raw.decode()}

    return seen, parse


def test_second_parse_of_same_bytes_comes_from_cache(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOBRIEF_CACHE_DIR", str(tmp_path))
    seen, parse = _calls()
    assert cache.cached_parse(b"a: 1", parse) == {"text": "a: 1"}
    assert cache.cached_parse(b"a: 1", parse) == {"text": "a: 1"}
    assert seen == [b"a: 1"]
    assert cache.cached_parse(b"a: 2", parse) == {"text": "a: 2"}  # edited: parsed again
    assert seen == [b"a: 1", b"a: 2"]


def test_corrupt_cache_entry_is_parsed_again(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOBRIEF_CACHE_DIR", str(tmp_path))
    seen, parse = _calls()
    cache.cached_parse(b"x", parse)
    for entry in tmp_path.iterdir():
        entry.write_bytes(b"not a pickle")
    assert cache.cached_parse(b"x", parse) == {"text": "x"}
    assert len(seen) == 2


def test_cache_off_and_unwritable_cache_still_parse(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOBRIEF_CACHE_DIR", "off")
    seen, parse = _calls()
    cache.cached_parse(b"x", parse)
    cache.cached_parse(b"x", parse)
    assert len(seen) == 2 and not any(tmp_path.iterdir())
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("GEOBRIEF_CACHE_DIR", str(blocked / "sub"))
    assert cache.cached_parse(b"y", parse) == {"text": "y"}


def test_knowledge_from_cache_equals_parsed_knowledge(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOBRIEF_CACHE_DIR", "off")
    parsed = load_knowledge()
    monkeypatch.setenv("GEOBRIEF_CACHE_DIR", str(tmp_path))
    load_knowledge()  # fills the cache
    cached = load_knowledge()
    assert len(list(tmp_path.glob("*.pickle"))) >= 6
    assert cached.countries == parsed.countries and cached.people == parsed.people
    assert cached.treaties == parsed.treaties and cached.problems == parsed.problems


def test_malformed_file_is_reported_not_cached(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cache_folder = tmp_path / "cache"
    monkeypatch.setenv("GEOBRIEF_CACHE_DIR", str(cache_folder))
    data = tmp_path / "data"
    data.mkdir()
    for name in ("countries.yaml", "organisations.yaml", "treaties.yaml", "people.yaml",
                 "bodies.yaml", "regions.yaml", "places.csv"):
        (data / name).write_bytes((DATA / name).read_bytes())
    (data / "people.yaml").write_text("- id: [unclosed\n")
    knowledge = load_knowledge(data)
    assert any(p.startswith("people.yaml: not valid YAML") for p in knowledge.problems)
    assert len(knowledge.countries) > 200  # the rest still loads
