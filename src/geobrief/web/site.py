"""What every page handler shares: the app, the templates (autoescaped), the security
guard, and a cache of published pages keyed by the store's publication stamp (a page is
rendered again once anything is published or corrected, by this process or another)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
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
from starlette.concurrency import run_in_threadpool
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
        hit = self.peek(key, stamp)
        if hit is not None:
            return hit
        response = make()
        if response.status_code == 200:
            with self._lock:
                self._pages[key] = (stamp, response)
                while len(self._pages) > self.size:
                    self._pages.popitem(last=False)
        return _copy(response)

    def peek(self, key: str, stamp: Any) -> Response | None:
        """The page stored for ``key`` under ``stamp``, or None (nothing is made)."""
        with self._lock:
            found = self._pages.get(key)
            if found and found[0] == stamp:
                self._pages.move_to_end(key)
                self.hits += 1
                return _copy(found[1])
        return None


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


def _key(request: Request) -> str:
    return request.url.path + "?" + request.url.query


class Site:
    def __init__(self, gb: Geobrief, stamp_seconds: float = 0.0) -> None:
        self.gb = gb
        self.stamp_seconds = stamp_seconds
        self._stamp: Any = None
        self._stamp_at = 0.0
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
        """The publication stamp, read again at most every ``stamp_seconds`` (0: on every
        request): under load, one query a second rather than one per page. What an editor
        does here is seen at once (``changed``); a publication by another process shows
        within ``stamp_seconds``."""
        now = time.monotonic()
        if self._stamp is None or now - self._stamp_at >= self.stamp_seconds:
            self._stamp, self._stamp_at = self.gb.newsroom.stamp(), now
        return self._stamp

    def changed(self) -> None:
        """Something readers see may have changed here: read the stamp again."""
        self._stamp = None

    def cached(self, request: Request, make: Callable[[], Response]) -> Response:
        return self.cache.get(_key(request), self.stamp(), make)

    def served(self, handler: Callable[[Request], Response]
               ) -> Callable[[Request], Awaitable[Response]]:
        """``handler`` as an endpoint that answers a page already made under a stamp read
        less than ``stamp_seconds`` ago on the event loop, with no thread and no query;
        anything else runs ``handler`` in the thread pool, as Starlette runs a plain
        function."""
        async def endpoint(request: Request) -> Response:
            stamp = self._stamp
            if stamp is not None and time.monotonic() - self._stamp_at < self.stamp_seconds:
                hit = self.cache.peek(_key(request), stamp)
                if hit is not None:
                    return hit
            return await run_in_threadpool(handler, request)
        return endpoint

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("title", "geobrief")
        html = self.env.get_template(template).render(csp=META_CSP, css=CSS, **context)
        return HTMLResponse(html, status_code=status)

    def message(self, heading: str, message: str, status: int,
                editor: Editor | None = None) -> HTMLResponse:
        return self.page("message.html", status, title=heading, heading=heading,
                         message=message, editor=editor)
