"""Credentials in URLs are masked wherever geobrief prints or stores a URL."""

import pytest

from geobrief.redact import redact, redact_url


@pytest.mark.parametrize(("url", "masked"), [
    ("https://bob:hunter2@feeds.example/rss", "https://***@feeds.example/rss"),
    ("https://token@feeds.example/rss", "https://***@feeds.example/rss"),
    ("https://feeds.example/rss?api_key=abc&page=2", "https://feeds.example/rss?api_key=***&page=2"),
    ("https://feeds.example/rss?access_token=abc", "https://feeds.example/rss?access_token=***"),
    ("https://feeds.example/rss?sig=abc&keyword=x", "https://feeds.example/rss?sig=***&keyword=x"),
    ("https://feeds.example/world/rss.xml", "https://feeds.example/world/rss.xml"),
])
def test_redact_url(url: str, masked: str) -> None:
    assert redact_url(url) == masked


def test_redact_masks_every_url_in_a_message() -> None:
    message = ("fetch failed: ConnectError for https://bob:pw@a.example/feed?token=zz "
               "and http://u:p@b.example/")
    assert redact(message) == ("fetch failed: ConnectError for https://***@a.example/feed?"
                               "token=*** and http://***@b.example/")
