"""The editors' pages: sign in and out, the desk (drafts, publishing, corrections), a
draft with its edit forms, a published briefing with its correction forms.

Every POST checks the session and its CSRF token before it does anything; a GET never
changes anything. Editors' pages are never cached (Cache-Control: no-store)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from geobrief.errors import GeobriefError
from geobrief.web.security import LOGIN_WINDOW, Editor
from geobrief.web.site import Site
from geobrief.web.views import briefing_view, permalink

Handler = Callable[[Request, Editor, dict[str, str]], Awaitable[Response]]


def _no_store(response: Response) -> Response:
    response.headers["cache-control"] = "no-store"
    return response


def _path(request: Request) -> str:
    return str(request.path_params.get("briefing_id", ""))


def routes(site: Site) -> list[Route]:
    gb = site.gb
    guard = site.guard

    async def who(request: Request) -> Editor | None:
        return await run_in_threadpool(guard.editor, request)

    def to_login() -> Response:
        return RedirectResponse("/editor/login", status_code=303)

    def action(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        """A state-changing POST: signed in, with the session's CSRF token."""
        async def checked(request: Request) -> Response:
            editor = await who(request)
            if editor is None:
                return _no_store(to_login())
            form = {k: str(v) for k, v in (await request.form()).items()}
            if not guard.csrf_ok(request, editor, form.get("csrf")):
                return _no_store(site.message("Refused", "The form was stale or came from "
                                              "another site: reload the page and try again.",
                                              403, editor))
            try:
                return _no_store(await handler(request, editor, form))
            except GeobriefError as exc:
                return _no_store(site.message("Cannot do that", str(exc), 400, editor))
            except ValueError:
                return _no_store(site.message("Cannot do that", "A field was not valid.", 400,
                                              editor))
            finally:
                site.changed()  # what an editor publishes or corrects shows at once
        return checked

    async def login_form(request: Request) -> Response:
        if await who(request):
            return _no_store(RedirectResponse("/editor", status_code=303))
        response = Response()
        token = guard.login_token(request, response)
        page = site.page("login.html", title="Sign in", csrf=token)
        for key, value in response.headers.items():
            if key == "set-cookie":
                page.headers.append("set-cookie", value)
        return _no_store(page)

    async def login(request: Request) -> Response:
        form = await request.form()
        name = str(form.get("name", ""))[:64]
        password = str(form.get("password", ""))[:1000]
        if not guard.login_token_ok(request, str(form.get("csrf", ""))):
            return _no_store(site.message("Refused", "The sign-in form was stale or came "
                                          "from another site: reload it and try again.", 403))
        if await run_in_threadpool(guard.blocked, request, name):
            page = site.message("Too many attempts", "Too many failed sign-ins: wait "
                                f"{int(LOGIN_WINDOW.total_seconds() // 60)} minutes.", 429)
            page.headers["retry-after"] = str(int(LOGIN_WINDOW.total_seconds()))
            return _no_store(page)
        if not await run_in_threadpool(gb.desk.check_password, name, password):
            await run_in_threadpool(guard.failed, request, name)
            return _no_store(site.message("Not signed in", "Wrong name or password.", 401))
        await run_in_threadpool(guard.succeeded, request, name)
        response = RedirectResponse("/editor", status_code=303)
        await run_in_threadpool(guard.sign_in, response, request, name)
        return _no_store(response)

    async def logout(request: Request, editor: Editor, form: dict[str, str]) -> Response:
        response = RedirectResponse("/", status_code=303)
        await run_in_threadpool(guard.sign_out, response, editor)
        return response

    async def desk(request: Request) -> Response:
        editor = await who(request)
        if editor is None:
            return _no_store(to_login())

        def make() -> Response:
            published = list(reversed(gb.published()))
            return site.page(
                "desk.html", title="Desk", editor=editor, csrf=editor.csrf,
                drafts=gb.desk.drafts(), published=published,
                corrections=gb.desk.corrections([p.id for p in published]),
                today=(gb.days() or [date.today().isoformat()])[-1])
        return _no_store(await run_in_threadpool(make))

    async def draft(request: Request) -> Response:
        editor = await who(request)
        if editor is None:
            return _no_store(to_login())

        def make() -> Response:
            found = gb.desk.draft(_path(request))
            if found is None:
                return site.message("Not found", "No draft has that id (published "
                                    "already?).", 404, editor)
            view = briefing_view(found.briefing, site.extra_titles,
                                 dropped=found.dropped())
            b = found.briefing
            return site.page("draft.html", title=f"Draft {b.id}", editor=editor,
                             csrf=editor.csrf, view=view, mode="draft", edits=found.edits,
                             heading=f"Draft: {b.date.isoformat()}",
                             subtitle=f"For {b.audience.key}")
        return _no_store(await run_in_threadpool(make))

    async def published(request: Request) -> Response:
        editor = await who(request)
        if editor is None:
            return _no_store(to_login())

        def make() -> Response:
            issue = gb.newsroom.issue(_path(request))
            if issue is None:
                return site.message("Not found", "No published briefing has that id.", 404,
                                    editor)
            return site.page(
                "briefing.html", title=f"Correct {issue.id}", editor=editor,
                csrf=editor.csrf, mode="published", corrections=issue.corrections,
                view=briefing_view(issue.briefing, site.extra_titles, issue.corrections),
                heading=f"Published: {issue.date} (corrections)",
                subtitle=f"For {issue.audience}", permalink=permalink(issue.id),
                published_at=issue.published_at)
        return _no_store(await run_in_threadpool(make))

    def back(to: str) -> Response:
        return RedirectResponse(to, status_code=303)

    async def edit_line(request: Request, editor: Editor, form: dict[str, str]) -> Response:
        text = None if form.get("action") == "remove" else form.get("text", "")
        await run_in_threadpool(gb.desk.edit_line, _path(request), form.get("story", ""),
                                form.get("section", ""), int(form.get("idx", "-1")), text,
                                editor.name)
        return back(f"/editor/drafts/{request.path_params['briefing_id']}")

    async def move_story(request: Request, editor: Editor, form: dict[str, str]) -> Response:
        await run_in_threadpool(gb.desk.move_story, _path(request), form.get("story", ""),
                                form.get("action", ""), editor.name)
        return back(f"/editor/drafts/{request.path_params['briefing_id']}")

    async def publish(request: Request, editor: Editor, form: dict[str, str]) -> Response:
        done = await run_in_threadpool(gb.desk.publish, _path(request))
        return back(permalink(done.id))

    async def correct(request: Request, editor: Editor, form: dict[str, str]) -> Response:
        text = None if form.get("action") == "remove" else form.get("text", "")
        await run_in_threadpool(gb.desk.correct, _path(request), form.get("story", ""),
                                form.get("section", ""), int(form.get("idx", "-1")), text,
                                form.get("note", ""), editor.name)
        return back(permalink(_path(request)))

    async def compose(request: Request, editor: Editor, form: dict[str, str]) -> Response:
        day = date.fromisoformat(form.get("date", ""))

        def make() -> Any:
            briefing = gb.brief(day)
            if gb.published(day) and any(p.id == briefing.id for p in gb.published(day)):
                return None
            return gb.save_draft(briefing)
        made = await run_in_threadpool(make)
        if made is None:
            return site.message("Already published", f"The edition of {day} is published; "
                                "correct it instead.", 409, editor)
        return back(f"/editor/drafts/{made}")

    return [
        Route("/editor", desk),
        Route("/editor/login", login_form, methods=["GET"]),
        Route("/editor/login", login, methods=["POST"]),
        Route("/editor/logout", action(logout), methods=["POST"]),
        Route("/editor/compose", action(compose), methods=["POST"]),
        Route("/editor/drafts/{briefing_id:path}/lines", action(edit_line), methods=["POST"]),
        Route("/editor/drafts/{briefing_id:path}/stories", action(move_story),
              methods=["POST"]),
        Route("/editor/drafts/{briefing_id:path}/publish", action(publish), methods=["POST"]),
        Route("/editor/drafts/{briefing_id:path}", draft),
        Route("/editor/briefings/{briefing_id:path}/corrections", action(correct),
              methods=["POST"]),
        Route("/editor/briefings/{briefing_id:path}", published),
    ]
