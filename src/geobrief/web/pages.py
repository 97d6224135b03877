"""The public pages: the latest edition, an edition by date, a briefing by permalink, the
archive, a storyline, personal briefings, search and the sources. Reading is public and
never shows a draft."""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from geobrief.newsroom import Issue
from geobrief.web.site import Site
from geobrief.web.views import briefing_view, permalink

PAGE_SIZE = 20


def _feeds(reader: str | None = None) -> list[dict[str, str]]:
    base = f"/feeds/readers/{reader}" if reader else "/feeds/edition"
    return [{"type": "application/rss+xml", "title": "RSS", "href": f"{base}.rss"},
            {"type": "application/atom+xml", "title": "Atom", "href": f"{base}.atom"},
            {"type": "application/feed+json", "title": "JSON Feed", "href": f"{base}.json"}]


def issue_page(site: Site, request: Request, issue: Issue, **extra: Any) -> Response:
    b = issue.briefing
    readers = ", ".join(b.readers)
    heading = (f"Personal briefing for {issue.reader}, {issue.date}" if issue.reader
               else f"Daily briefing, {issue.date}")
    subtitle = (f"Told for a reader in {readers}" if issue.reader
                else f"Edition for readers in {briefing_view(b, {}).readers}")
    return site.page(
        "briefing.html", title=heading, heading=heading, subtitle=subtitle,
        view=briefing_view(b, site.extra_titles, issue.corrections),
        corrections=issue.corrections, published_at=issue.published_at,
        permalink=permalink(issue.id), canonical=permalink(issue.id),
        json_url="/api" + permalink(issue.id), mode="public", feeds=_feeds(issue.reader),
        **extra)


def routes(site: Site) -> list[Route]:
    news = site.gb.newsroom

    def none_yet() -> Response:
        return site.message("Nothing published yet", "No edition has been published yet. "
                            "Editors publish drafts at /editor; `geobrief publish` "
                            "records one from the command line.", 404)

    def latest(request: Request) -> Response:
        def make() -> Response:
            issue = news.edition()
            return issue_page(site, request, issue) if issue else none_yet()
        return site.cached(request, make)

    def edition(request: Request) -> Response:
        day = request.path_params["day"]
        try:
            date.fromisoformat(day)
        except ValueError:
            return site.message("Not found", "That is not a date (YYYY-MM-DD).", 404)

        def make() -> Response:
            issue = news.edition(day)
            return issue_page(site, request, issue) if issue else site.message(
                "Not found", f"No edition was published for {day}.", 404)
        return site.cached(request, make)

    def briefing(request: Request) -> Response:
        def make() -> Response:
            issue = news.issue(request.path_params["briefing_id"])
            return issue_page(site, request, issue) if issue else site.message(
                "Not found", "No published briefing has that id.", 404)
        return site.cached(request, make)

    def archive(request: Request) -> Response:
        def make() -> Response:
            days: dict[str, dict[str, Any]] = {}
            for issue in news.issues(news.published()):
                day = days.setdefault(issue.date, {"date": issue.date, "briefings": [],
                                                   "titles": []})
                label = f"for {issue.reader}" if issue.reader else \
                    f"edition {issue.audience}"
                day["briefings"].append({"href": permalink(issue.id), "label": label})
                if not issue.reader:
                    day["titles"].extend(s.title for s in issue.briefing.stories)
            ordered = sorted(days.values(), key=lambda d: d["date"], reverse=True)
            return site.page("archive.html", title="Archive", days=ordered)
        return site.cached(request, make)

    def storyline(request: Request) -> Response:
        def make() -> Response:
            line = news.storyline(request.path_params["thread_id"])
            if line is None:
                return site.message("Not found", "No storyline has that id.", 404)
            carried: dict[str, list[Any]] = {}
            for c in line.briefings:
                carried.setdefault(c.story_id, []).append(c)
            return site.page("storyline.html", title=f"Storyline: {line.storyline.name}",
                             line=line, carried=carried)
        return site.cached(request, make)

    def readers(request: Request) -> Response:
        def make() -> Response:
            rows = []
            for name in news.readers():
                mine = news.personal(name)
                rows.append({"name": name, "latest": mine[-1].date,
                             "briefings": list(reversed(mine))})
            return site.page("readers.html", title="Personal briefings", readers=rows)
        return site.cached(request, make)

    def reader(request: Request) -> Response:
        name = request.path_params["name"]
        day = request.path_params.get("day")

        def make() -> Response:
            issue = news.reader_issue(name, day)
            return issue_page(site, request, issue) if issue else site.message(
                "Not found", "No personal briefing was published for that reader"
                + (" on that day." if day else "."), 404)
        return site.cached(request, make)

    def search(request: Request) -> Response:
        q = request.query_params.get("q", "")[:200]
        try:
            page = max(1, min(50, int(request.query_params.get("page", "1"))))
        except ValueError:
            page = 1

        def make() -> Response:
            hits = news.search(q, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE) if q else []
            return site.page("search.html", title=f"Search: {q}" if q else "Search", q=q,
                             hits=hits[:PAGE_SIZE], more=len(hits) > PAGE_SIZE, page=page)
        return site.cached(request, make) if not q else make()

    def sources(request: Request) -> Response:
        return site.page("sources.html", title="Sources", health=news.sources())

    return [
        Route("/", site.served(latest)),
        Route("/editions/{day}", site.served(edition)),
        Route("/briefings/{briefing_id:path}", site.served(briefing)),
        Route("/archive", site.served(archive)),
        Route("/storylines/{thread_id}", site.served(storyline)),
        Route("/readers", site.served(readers)),
        Route("/readers/{name}", site.served(reader)),
        Route("/readers/{name}/{day}", site.served(reader)),
        Route("/search", site.served(search)),
        Route("/sources", site.served(sources)),
    ]
