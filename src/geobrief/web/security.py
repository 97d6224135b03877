"""What every response of the web edition carries, and what guards the editors' side.

- Headers: a strict Content-Security-Policy (no script at all, no remote resource, only
  the page's own inline style by hash, forms only to this site, no framing), nosniff, no
  referrer to other sites, no framing, a closed permissions policy; HSTS over https.
- Sessions: the cookie holds a random token signed with the store's key (itsdangerous);
  the store keeps only its hash, with the editor and the session's CSRF token. HttpOnly,
  SameSite=Strict, Secure when served over https, 12 hours.
- CSRF: every state-changing form carries the session's token (the sign-in form a token
  bound to a signed cookie), compared in constant time; a request whose Origin names
  another site is refused as well.
- Sign-in: at most LOGIN_LIMIT failures per client address and per account name in
  LOGIN_WINDOW, then 429 with Retry-After; password checks take as long for an unknown
  name (see ``editorial.Desk.check_password``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

from geobrief.compose.render.html import _CSS as BRIEFING_CSS
from geobrief.editorial import SESSION_LIFETIME, now
from geobrief.store import Store
from geobrief.store.editorial import (
    Session,
    clear_failures,
    close_session,
    count_failures,
    find_session,
    open_session,
    record_failure,
)

SESSION_COOKIE = "gb_session"
LOGIN_COOKIE = "gb_login"
LOGIN_LIMIT = 5
LOGIN_WINDOW = timedelta(minutes=15)

CSS = BRIEFING_CSS + "\n" + (Path(__file__).with_name("web.css")).read_text(encoding="utf-8")
_CSS_HASH = base64.b64encode(hashlib.sha256(CSS.encode("utf-8")).digest()).decode("ascii")
META_CSP = (f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; img-src 'self' data:; "
            "form-action 'self'; base-uri 'none'")
# the header adds what a <meta> policy cannot say
CSP = META_CSP + "; frame-ancestors 'none'"
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]],
                    Callable[[Message], Awaitable[None]]], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [h for h in HEADERS if h[0] not in names]
                if https:
                    extra.append(HSTS)
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, with_headers)


@dataclass(frozen=True)
class Editor:
    name: str
    csrf: str
    token_hash: str


class Guard:
    """Sessions, CSRF and sign-in limits over the store (one per web app)."""

    def __init__(self, store: Store, secret: str) -> None:
        self.store = store
        self.signer = URLSafeTimedSerializer(secret, salt="geobrief-web")

    # sessions

    def editor(self, request: Request) -> Editor | None:
        token = self._unsign(request.cookies.get(SESSION_COOKIE), "session",
                             SESSION_LIFETIME)
        if token is None:
            return None
        digest = _digest(token)
        found: Session | None = find_session(self.store, digest, now())
        return Editor(found.editor, found.csrf, digest) if found else None

    def sign_in(self, response: Response, request: Request, name: str) -> None:
        token = secrets.token_urlsafe(32)
        open_session(self.store, _digest(token), name, secrets.token_urlsafe(32), now(),
                     SESSION_LIFETIME)
        self._cookie(response, request, SESSION_COOKIE,
                     self.signer.dumps({"k": "session", "t": token}),
                     int(SESSION_LIFETIME.total_seconds()))
        response.delete_cookie(LOGIN_COOKIE, path="/editor")

    def sign_out(self, response: Response, editor: Editor) -> None:
        close_session(self.store, editor.token_hash)
        response.delete_cookie(SESSION_COOKIE, path="/")

    # CSRF

    def login_token(self, request: Request, response: Response) -> str:
        """The sign-in form's CSRF token, bound to a signed cookie set on ``response``."""
        token = self._unsign(request.cookies.get(LOGIN_COOKIE), "login", timedelta(hours=1))
        if token is None:
            token = secrets.token_urlsafe(24)
            self._cookie(response, request, LOGIN_COOKIE,
                         self.signer.dumps({"k": "login", "t": token}), 3600, "/editor")
        return token

    def login_token_ok(self, request: Request, sent: str | None) -> bool:
        token = self._unsign(request.cookies.get(LOGIN_COOKIE), "login", timedelta(hours=1))
        return token is not None and same(token, sent) and same_origin(request)

    @staticmethod
    def csrf_ok(request: Request, editor: Editor, sent: str | None) -> bool:
        return same(editor.csrf, sent) and same_origin(request)

    # sign-in limits

    @staticmethod
    def _keys(request: Request, name: str) -> list[str]:
        client = request.client.host if request.client else "unknown"
        return [f"ip:{client}", f"name:{name.casefold()[:100]}"]

    def blocked(self, request: Request, name: str) -> bool:
        return count_failures(self.store, self._keys(request, name),
                              now() - LOGIN_WINDOW) >= LOGIN_LIMIT

    def failed(self, request: Request, name: str) -> None:
        record_failure(self.store, self._keys(request, name), now(), LOGIN_WINDOW)

    def succeeded(self, request: Request, name: str) -> None:
        clear_failures(self.store, self._keys(request, name)[1:])

    # helpers

    def _unsign(self, value: str | None, kind: str, age: timedelta) -> str | None:
        if not value:
            return None
        try:
            data = self.signer.loads(value, max_age=int(age.total_seconds()))
        except BadSignature:
            return None
        if not isinstance(data, dict) or data.get("k") != kind:
            return None
        token = data.get("t")
        return token if isinstance(token, str) else None

    @staticmethod
    def _cookie(response: Response, request: Request, name: str, value: str, age: int,
                path: str = "/") -> None:
        response.set_cookie(name, value, max_age=age, path=path, httponly=True,
                            samesite="strict", secure=request.url.scheme == "https")


def same(expected: str, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(expected.encode(), str(sent).encode())


def same_origin(request: Request) -> bool:
    """False when the request says it comes from another site (Origin, else Referer)."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or origin == "null":
        return origin != "null"
    own = f"{request.url.scheme}://{request.url.netloc}"
    return origin == own or origin.startswith(own + "/")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
