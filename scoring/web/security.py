"""What keeps the local server safe: request size limits, same-origin POSTs, CSRF tokens on
forms, security headers, and a log line that carries no personal data.

- **Size**: a body larger than the limit is refused with 413 before anything is parsed, whether
  it announces its length or not. The body is read and dropped (up to a cap) before answering,
  so the browser shows the message instead of "connection reset".
- **Origin**: a POST whose ``Origin`` header names another site is refused (a browser sends it on
  every cross-site POST): no other page can make a visitor's browser upload or score anything.
- **Host**: a request whose ``Host`` is not a name of the address the server listens on is refused
  (DNS rebinding: a site whose name an attacker points at 127.0.0.1 is, to the browser, the same
  origin as itself, so the Origin check alone would let its page upload a file and read the
  results). A server started on every address (``--host 0.0.0.0``) takes any name: the machine's
  names on the network cannot be known.
- **CSRF** (forms): a random session cookie (HttpOnly, SameSite=Strict) and, in each form, a
  token that is an HMAC of it with a secret made at start-up; a POSTed form must carry the token
  of the cookie it comes with.
- **Caching**: every answer but the static style and script says ``Cache-Control: no-store``.
- **Log**: one line per request, method, path and status: no query string (answers could be
  there), no file name, no body.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from typing import Any
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException

from scoring.packs.catalog import shipped_packs
from scoring.web.texts import lang_of, words

SESSION_COOKIE = "hoctap_phien"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})
DRAIN_CAP = 1 << 30   # past 1 GiB of a refused body the connection is simply closed
log = logging.getLogger("hoctap.web")

HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                 b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # not no-referrer: Chromium would then send "Origin: null"
    (b"x-frame-options", b"DENY"),
]


class Csrf:
    def __init__(self, secret: bytes | None = None):
        self.secret = secret or secrets.token_bytes(32)

    @staticmethod
    def new_session() -> str:
        return secrets.token_urlsafe(32)

    def token(self, session: str) -> str:
        return hmac.new(self.secret, session.encode(), hashlib.sha256).hexdigest()

    def valid(self, session: str | None, token: str | None) -> bool:
        return bool(session and token) and hmac.compare_digest(self.token(session or ""), token or "")


class TooLarge(HTTPException):
    """Raised while a body is read, past the limit. An HTTPException, so the framework's body
    parser lets it through (it turns any other error into "400 cannot parse the body")."""

    def __init__(self, limit: int):
        super().__init__(413, f"{limit / (1 << 20):g}")


class Guard:
    """ASGI middleware: size limit, same-origin POSTs, security headers, the privacy-safe log."""

    def __init__(self, app: Any, limit: int, host: str = "127.0.0.1"):
        self.app, self.limit = app, limit
        self.hosts = allowed_hosts(host)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = {"code": 0}
        headers = dict(scope.get("headers") or [])

        async def send_logged(message: dict) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + HEADERS + _caching(scope, message["headers"])
            await send(message)

        try:
            if not _host_allowed(headers, self.hosts):
                await _refuse(scope, send_logged, 403, "forbidden_host")
                return
            if scope["method"] == "POST" and not _same_origin(headers):
                await _refuse(scope, send_logged, 403, "forbidden_origin")
                return
            length = headers.get(b"content-length")
            if length is not None and length.isdigit() and int(length) > self.limit:
                await _drain(receive, int(length))
                await _refuse(scope, send_logged, 413, "too_large", mb=f"{self.limit / (1 << 20):g}")
                return
            await self.app(scope, _counting(receive, self.limit), send_logged)
        except TooLarge:
            if status["code"] == 0:
                await _refuse(scope, send_logged, 413, "too_large", mb=f"{self.limit / (1 << 20):g}")
        finally:
            log.info("%s %s %s", scope["method"], scope["path"], status["code"] or "-")


def _caching(scope: dict, headers: list) -> list[tuple[bytes, bytes]]:
    """Nothing but the style and script is kept by the browser or a proxy: a job's status (its
    rejected rows and ids), a result page and the API's answers are personal data."""
    if scope["path"].startswith("/static/") or any(k.lower() == b"cache-control" for k, _ in headers):
        return []
    return [(b"cache-control", b"no-store")]


def allowed_hosts(host: str) -> frozenset[str] | None:
    """The names a request may give in its Host header for a server listening on ``host``: the
    loopback names and the address itself; None (any) for a server on every address."""
    host = host.strip("[]").lower()
    return None if host in WILDCARDS else LOOPBACK_NAMES | {host}


def _host_allowed(headers: dict[bytes, bytes], hosts: frozenset[str] | None) -> bool:
    given = headers.get(b"host")
    if hosts is None or given is None:   # no Host: not a browser (every browser sends it)
        return True
    name = urlsplit("//" + given.decode("latin-1")).hostname or ""
    return name.lower().rstrip(".") in hosts


def _same_origin(headers: dict[bytes, bytes]) -> bool:
    origin = headers.get(b"origin")
    if origin is None:  # not a browser's cross-site request (a program, or a same-origin GET-made form)
        return True
    host = headers.get(b"host", b"").decode("latin-1")
    return urlsplit(origin.decode("latin-1")).netloc == host


def _counting(receive: Any, limit: int) -> Any:
    seen = {"n": 0}

    async def counted() -> dict:
        message = await receive()
        if message["type"] == "http.request":
            seen["n"] += len(message.get("body", b""))
            if seen["n"] > limit:
                raise TooLarge(limit)
        return message
    return counted


async def _drain(receive: Any, length: int) -> None:
    """Read and drop the refused body, so the browser reads the answer (up to DRAIN_CAP)."""
    if length > DRAIN_CAP:
        return
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body"):
            return


async def _refuse(scope: dict, send: Any, status: int, key: str, **fmt: str) -> None:
    """A refusal as JSON for the API, else as a small page, in the asker's language."""
    query = dict(p.split("=", 1) for p in scope.get("query_string", b"").decode("latin-1").split("&") if "=" in p)
    lang = lang_of(query.get("lang"))
    message = words(lang)[key].format(**fmt)
    if scope["path"].startswith("/api/"):
        body = json.dumps({"error": key, "message": message}, ensure_ascii=False).encode()
        kind = b"application/json"
    else:
        body = _page(lang, message, scope["path"]).encode()
        kind = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


FORMS = ("/hoi-dong", "/muc-tieu", "/tuan-le", "/tu-kiem-tra")


def form_of(path: str, lang: str) -> str:
    """Where an error page's "Back" goes: the form of the page that failed (the council's, the
    goals', the self-check of the pack), in the page's language; the home page for anything else.
    Before, every error went back to the home page, and what was typed was lost."""
    form = next((f for f in FORMS if path == f or path.startswith(f + "/")), "/")
    if form == "/tu-kiem-tra":   # the pack's own questions, when the path names a shipped pack
        pack = path.split("/")[2] if path.count("/") >= 2 else ""
        form = f"{form}/{pack}" if pack in shipped_packs() else form
    return form if lang == "vi" else f"{form}?lang={lang}"


def _page(lang: str, message: str, path: str = "/") -> str:
    from html import escape
    w = words(lang)
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="stylesheet" href="/static/style.css"><title>{escape(w["error_title"])}</title></head>'
            f'<body><main id="noi-dung"><h1>{escape(w["error_title"])}</h1>'
            f'<p class="error" role="alert">{escape(message)}</p>'
            f'<p><a href="{escape(form_of(path, lang))}" id="quay-lai">{escape(w["back"])}</a></p></main></body></html>')
