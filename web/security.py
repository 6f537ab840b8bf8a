"""Access token, CSRF and response headers for the auditor UI.

The UI shows text written by thousands of agencies, so the rules are simple
and strict: a token is required unless the server only listens on the loopback
address; every form carries a CSRF token that must match a SameSite=Strict
cookie; the Content-Security-Policy forbids inline script, so even text that
slipped past escaping could not run.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from urllib.parse import quote

from fastapi import Form, HTTPException, Request
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import JSONResponse, RedirectResponse, Response

SESSION_COOKIE = "gidar_session"
CSRF_COOKIE = "gidar_csrf"
REVIEWER_COOKIE = "gidar_reviewer"
PUBLIC_PATHS = ("/login", "/static/", "/favicon.ico")

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Not "no-referrer": under it Chromium sends "Origin: null" with every form post, which the
    # same-origin check must refuse.  "same-origin" keeps the origin and tells other sites nothing.
    "Referrer-Policy": "same-origin",
}


class InsecureBinding(ValueError):
    """Serving beyond the loopback address without a token would open the store to anyone."""


def is_loopback(host: str) -> bool:
    if host in {"localhost", "127.0.0.1", "::1"}:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_binding(host: str, token: str | None) -> None:
    if not token and not is_loopback(host):
        raise InsecureBinding(f"监听 {host} 时必须设置访问令牌（--token 或 GIDAR_WEB_TOKEN）；"
                              "只有绑定 127.0.0.1 时才可不设令牌")


def session_value(token: str) -> str:
    """What the session cookie holds: a digest of the token, never the token itself."""
    return hmac.new(token.encode(), b"gidar-session-v1", hashlib.sha256).hexdigest()


def token_matches(token: str | None, offered: str | None) -> bool:
    return bool(token) and bool(offered) and hmac.compare_digest(token.encode(), offered.encode())


def authenticated(request: Request, token: str | None) -> bool:
    if not token:
        return True
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer ") and token_matches(token, auth[7:].strip()):
        return True
    cookie = request.cookies.get(SESSION_COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), session_value(token).encode())


def safe_next(target: str | None) -> str:
    """Only local paths: ``//evil.example`` and ``https://…`` would send the auditor away."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser: the cookie's, or a new one the middleware will set."""
    existing = request.cookies.get(CSRF_COOKIE)
    if existing and len(existing) >= 32:
        return existing
    if not getattr(request.state, "new_csrf", None):
        request.state.new_csrf = secrets.token_urlsafe(32)
    return request.state.new_csrf


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin != "null"
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


async def verify_csrf(request: Request, csrf: str = Form("")) -> None:
    """A dependency of every form handler: the hidden field must match the cookie."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not (cookie and csrf and hmac.compare_digest(cookie.encode(), csrf.encode()) and _same_origin(request)):
        raise HTTPException(status_code=403, detail="表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试")


class AccessMiddleware(BaseHTTPMiddleware):
    """Asks for the token (or a session) and adds the security headers to every response."""

    def __init__(self, app, token: str | None):
        super().__init__(app)
        self.token = token

    async def dispatch(self, request: Request, call_next) -> Response:
        path = request.url.path
        if not path.startswith(PUBLIC_PATHS) and not authenticated(request, self.token):
            if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
                target = path + (f"?{request.url.query}" if request.url.query else "")
                response: Response = RedirectResponse(f"/login?next={quote(target)}", status_code=303)
            else:
                response = JSONResponse({"detail": "需要访问令牌"}, status_code=401)
        else:
            response = await call_next(request)
        new_csrf = getattr(request.state, "new_csrf", None)
        if new_csrf:
            response.set_cookie(CSRF_COOKIE, new_csrf, httponly=True, samesite="strict")
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
