"""The web edition (``geobrief serve``): a thin Starlette app over ``geobrief.Geobrief``.

Public pages and the JSON API read published briefings through ``gb.newsroom``; editors
sign in to sign off drafts and correct what was published, through ``gb.desk``. Needs
the web extra (``pip install "geobrief[web]"``). docs/web.md describes the pages."""

from __future__ import annotations

from typing import Any

from geobrief.app import Geobrief
from geobrief.errors import Code, SettingsError


def create_app(gb: Geobrief, stamp_seconds: float = 0.0) -> Any:
    """The ASGI app serving ``gb``'s store; with ``stamp_seconds``, public pages check
    for new publications at most that often (see ``Site.stamp``)."""
    try:
        from starlette.applications import Starlette
        from starlette.middleware import Middleware
    except ImportError as exc:
        raise SettingsError('the web edition needs the web extra: pip install '
                            '"geobrief[web]"', Code.EXTRA_MISSING) from exc
    from geobrief.web import api, editor, pages
    from geobrief.web.security import SecurityHeaders
    from geobrief.web.site import Site

    site = Site(gb, stamp_seconds)
    app = Starlette(routes=pages.routes(site) + editor.routes(site) + api.routes(site),
                    middleware=[Middleware(SecurityHeaders)])
    app.state.site = site
    return app
