"""What every page handler shares: the app, the templates (autoescaped), the security
guard, and a cache of published pages keyed by the store's publication stamp (a page is
rendered again once anything is published or corrected, by this process or another)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    TemplateRuntimeError,
    Undefined,
    UndefinedError,
    select_autoescape,
)
from jinja2.utils import missing
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from geobrief.app import Geobrief
from geobrief.compose.render.common import safe_url
from geobrief.plugins import registry
from geobrief.store.editorial import web_secret
from geobrief.store.search import MARK_END, MARK_START
from geobrief.web.security import CSS, META_CSP, Editor, Guard

CACHE_SIZE = 512


def marked(snippet: str) -> Markup:
    """A search snippet escaped, then its matched words in <mark>."""
    safe = str(escape(snippet))
    return Markup(safe.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


class PageCache:
    """Rendered public pages by request path, valid while the publication stamp holds."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._pages: OrderedDict[str, tuple[Any, Response]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0

    def get(self, key: str, stamp: Any, make: Callable[[], Response]) -> Response:
        with self._lock:
            found = self._pages.get(key)
            if found and found[0] == stamp:
                self._pages.move_to_end(key)
                self.hits += 1
                return _copy(found[1])
        response = make()
        if response.status_code == 200:
            with self._lock:
                self._pages[key] = (stamp, response)
                while len(self._pages) > self.size:
                    self._pages.popitem(last=False)
        return _copy(response)


def _copy(response: Response) -> Response:
    return Response(response.body, response.status_code,
                    {k: v for k, v in response.headers.items() if k != "content-length"},
                    media_type=response.media_type)


class NoMissingAttribute(Undefined):
    """A page may test for a value it was not given (``{% if canonical %}``), but an
    attribute its object lacks (a renamed field) is an error, never a blank cell."""

    def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None,
                 exc: type[TemplateRuntimeError] = UndefinedError) -> None:
        super().__init__(hint, obj, name, exc)
        if obj is not missing and not isinstance(obj, (dict, Undefined)):
            self._fail_with_undefined_error()


class Site:
    def __init__(self, gb: Geobrief) -> None:
        self.gb = gb
        self.env = Environment(
            loader=FileSystemLoader(str(Path(__file__).with_name("templates"))),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True, lstrip_blocks=True,
            undefined=NoMissingAttribute)
        self.env.filters["marked"] = marked
        self.env.filters["safe_url"] = safe_url
        self.guard = Guard(gb.store, web_secret(gb.store))
        self.cache = PageCache()
        self.extra_titles = {s.key: s.title for s in registry().extra_sections}

    def stamp(self) -> Any:
        return self.gb.newsroom.stamp()

    def cached(self, request: Request, make: Callable[[], Response]) -> Response:
        key = request.url.path + "?" + request.url.query
        return self.cache.get(key, self.stamp(), make)

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("title", "geobrief")
        html = self.env.get_template(template).render(csp=META_CSP, css=CSS, **context)
        return HTMLResponse(html, status_code=status)

    def message(self, heading: str, message: str, status: int,
                editor: Editor | None = None) -> HTMLResponse:
        return self.page("message.html", status, title=heading, heading=heading,
                         message=message, editor=editor)
