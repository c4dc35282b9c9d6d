"""Per-request helpers for the carers' page: its store, clock, zone, tokens and page rendering."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from flask import abort, current_app, g, request, session
from flask import render_template as _render

from assistant.carer import auth
from assistant.carer.db import open_store
from assistant.reminders.store import Store

NAV = (
    ("views.today", "Today"),
    ("reminders.index", "Reminders"),
    ("views.plan", "Recovery plan"),
    ("views.log", "Log"),
    ("views.settings", "Settings"),
)
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")


def home() -> Path:
    """The home folder this page serves."""
    return Path(current_app.config["CARER_HOME"])


def zone() -> tzinfo:
    """The user's time zone."""
    tz: tzinfo = current_app.config["CARER_TZ"]
    return tz


def now() -> datetime:
    """The current time (aware); tests inject a clock."""
    when: datetime = current_app.config["CARER_CLOCK"]()
    return when


def store() -> Store:
    """The reminder store for this request (opened once per request, closed after it)."""
    if "store" not in g:
        g.store = open_store(home())
    opened: Store = g.store
    return opened


def close_store(_error: BaseException | None = None) -> None:
    """Close this request's store, if it opened one."""
    opened = g.pop("store", None)
    if opened is not None:
        opened.close()


def csrf_token() -> str:
    """This browser session's anti-forgery token (made on first use)."""
    if not auth.is_token(session.get("csrf")):
        session["csrf"] = auth.new_token()
    token: str = session["csrf"]
    return token


def check_csrf() -> None:
    """Refuse a POST whose hidden token is missing or not this session's (400)."""
    sent = request.form.get("csrf_token", "")
    expected = session.get("csrf", "")
    if not (auth.is_token(sent) and auth.is_token(expected) and secrets.compare_digest(sent, expected)):
        abort(400, "This form has expired or did not come from this page. Go back, reload the page "
                   "and try again.")


def form_nonce() -> str:
    """The one-time nonce a changing form was sent with (400 if missing or malformed)."""
    nonce = request.form.get("nonce", "")
    if not auth.is_token(nonce):
        abort(400, "This form is out of date. Go back, reload the page and try again.")
    return nonce


def host_is_loopback(host: str) -> bool:
    """Whether a request's Host header names this computer (defends against DNS rebinding)."""
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name.lower() in LOOPBACK_NAMES


def remote_is_loopback() -> bool:
    """Whether the request comes from this computer."""
    return (request.remote_addr or "") in ("127.0.0.1", "::1") or (request.remote_addr or "").startswith("127.")


def render(template: str, status: int = 200, **context: Any) -> tuple[str, int]:
    """Render a page with the navigation and tokens (each form calls ``new_nonce()`` for its own)."""
    page = _render(
        template,
        nav=NAV,
        logged_in=g.get("logged_in", False),
        csrf_token=csrf_token(),
        csp_nonce=g.csp_nonce,
        **context,
    )
    return page, status


def app_config(key: str) -> Any:
    """One of the application's settings."""
    return current_app.config[key]


def version_of(value: object) -> str:
    """A short fingerprint of what a form was loaded with, to notice someone else's change."""
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()[:16]


def changed_meanwhile(value: object) -> bool:
    """Whether ``value`` differs from what the submitted form was loaded with (field ``version``)."""
    return request.form.get("version", "") != version_of(value)
