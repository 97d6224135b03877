"""The JSON API (a briefing is exactly the briefing schema, compose/render/
briefing.schema.json) and the feeds. Public, read-only, published briefings only."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from geobrief.compose.render.jsonfmt import briefing_json
from geobrief.newsroom import Issue
from geobrief.publish.feeds import FORMATS, edition_feed, render_feed
from geobrief.web.site import Site
from geobrief.web.views import permalink


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set):
        return sorted(value)
    raise TypeError(type(value).__name__)


def json_response(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, default=_default)
    return Response(body, status, media_type="application/json")


def not_found(what: str) -> Response:
    return JSONResponse({"error": f"no {what}"}, 404)


def site_url(site: Site, request: Request) -> str:
    """Absolute links: the setting ``site_url`` when set, else where this is served."""
    return site.gb.settings.site_url or str(request.base_url).rstrip("/")


def routes(site: Site) -> list[Route]:
    news = site.gb.newsroom

    def listing(issue: Issue) -> dict[str, Any]:
        return {"id": issue.id, "date": issue.date, "audience": issue.audience,
                "reader": issue.reader, "published_at": issue.published_at,
                "updated": issue.updated, "url": permalink(issue.id),
                "json": "/api" + permalink(issue.id),
                "stories": [s.title for s in issue.briefing.stories]}

    def briefings(request: Request) -> Response:
        return site.cached(request, lambda: json_response(
            [listing(i) for i in news.issues(news.published())]))

    def one(issue: Issue | None) -> Response:
        return json_response(briefing_json(issue.briefing)) if issue \
            else not_found("published briefing")

    def briefing(request: Request) -> Response:
        return site.cached(request, lambda: one(news.issue(request.path_params["briefing_id"])))

    def corrections(request: Request) -> Response:
        def make() -> Response:
            issue = news.issue(request.path_params["briefing_id"])
            if issue is None:
                return not_found("published briefing")
            return json_response([asdict(c) for c in issue.corrections])
        return site.cached(request, make)

    def edition(request: Request) -> Response:
        day = request.path_params.get("day")
        return site.cached(request, lambda: one(news.edition(day)))

    def storyline(request: Request) -> Response:
        def make() -> Response:
            line = news.storyline(request.path_params["thread_id"])
            if line is None:
                return not_found("storyline")
            return json_response({
                "id": line.storyline.id, "name": line.storyline.name,
                "stories": [asdict(s) for s in line.stories],
                "briefings": [asdict(c) for c in line.briefings],
                "claims": [{"id": e.id, "text": e.text, "status": e.status,
                            "stances": [str(s) for s in e.stances]} for e in line.ledger],
                "forecasts": [{k: f.get(k) for k in ("actor", "text", "band", "p_low",
                                                     "p_high", "horizon", "outlet", "url",
                                                     "published", "source")}
                              for f in line.forecasts]})
        return site.cached(request, make)

    def search(request: Request) -> Response:
        q = request.query_params.get("q", "")[:200]
        return json_response([asdict(h) for h in news.search(q, 50)] if q else [])

    def sources(request: Request) -> Response:
        return json_response([asdict(f) for f in news.sources()])

    def feed(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        reader = request.path_params.get("name")
        if fmt not in FORMATS:
            return not_found("feed format")

        def make() -> Response:
            found = news.personal(reader) if reader else news.editions()
            if reader and not found:
                return not_found("reader")
            made = edition_feed(site_url(site, request), news.issues(found), reader=reader)
            return Response(render_feed(made, fmt), media_type=FORMATS[fmt])
        return site.cached(request, make)

    return [
        Route("/api/briefings", site.served(briefings)),
        Route("/api/briefings/{briefing_id:path}/corrections", site.served(corrections)),
        Route("/api/briefings/{briefing_id:path}", site.served(briefing)),
        Route("/api/editions/latest", site.served(edition)),
        Route("/api/editions/{day}", site.served(edition)),
        Route("/api/storylines/{thread_id}", site.served(storyline)),
        Route("/api/search", site.served(search)),
        Route("/api/sources", site.served(sources)),
        Route("/feeds/edition.{fmt}", site.served(feed)),
        Route("/feeds/readers/{name}.{fmt}", site.served(feed)),
    ]
