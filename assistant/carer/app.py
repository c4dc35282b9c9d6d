"""The carers' page as a Flask application: ``create_app(home, tz)``.

Every request passes one gate: the Host header must name this computer (unless the network was
allowed), every POST must carry this session's anti-forgery token, and nothing but the login and
first-PIN pages answers without a live session (pages redirect to the login form, the CSV and
``/api/`` answer 401). Sessions are server-side; the cookie is HttpOnly and SameSite=Strict.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from flask import Flask, Response, abort, g, jsonify, make_response, redirect, request, session, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as BaseResponse

from assistant.carer import auth, web
from assistant.errors import AssistantError

_LOGGER = logging.getLogger(__name__)

OPEN_ENDPOINTS = ("views.login", "views.setup")
MAX_FORM_BYTES = 64 * 1024
_TITLES = {400: "This form could not be used", 401: "Please log in", 404: "Page not found",
           405: "Not allowed", 413: "Too much text", 429: "Locked for a few minutes"}


def _utc_now() -> datetime:
    return datetime.now(UTC)


def create_app(
    home: Path, tz: tzinfo, *, clock: Callable[[], datetime] | None = None, loopback_only: bool = True
) -> Flask:
    """Build the application for one home folder (``clock`` lets tests fix the time)."""
    from assistant.carer.reminder_views import bp as reminders_bp
    from assistant.carer.views import bp

    app = Flask(__name__, static_folder=None)
    app.secret_key = auth.load_secret(home)
    app.config.update(
        SESSION_COOKIE_NAME="carer_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        PERMANENT_SESSION_LIFETIME=auth.SESSION_IDLE,  # the server-side idle limit decides
        MAX_CONTENT_LENGTH=MAX_FORM_BYTES,
        CARER_HOME=str(home),
        CARER_TZ=tz,
        CARER_CLOCK=clock or _utc_now,
        CARER_LOOPBACK_ONLY=loopback_only,
    )
    app.jinja_env.globals["new_nonce"] = auth.new_token
    app.before_request(_gate)
    app.after_request(_headers)
    app.teardown_appcontext(web.close_store)
    app.register_blueprint(bp)
    app.register_blueprint(reminders_bp)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(AssistantError, _assistant_error)
    return app


def _gate() -> BaseResponse | None:
    """Host check, anti-forgery check and the session check, before any page runs."""
    g.csp_nonce = auth.new_token()
    g.logged_in = False
    if web.app_config("CARER_LOOPBACK_ONLY") and not web.host_is_loopback(request.host):
        abort(400, "This page only answers at 127.0.0.1 or localhost.")
    if request.method == "POST":
        origin = request.headers.get("Origin")
        if origin and origin not in (f"http://{request.host}", f"https://{request.host}"):
            abort(400, "This form was sent from another web site, so it was refused.")
        web.check_csrf()
    g.logged_in = auth.session_valid(web.store(), session.get("sid"), web.now())
    if g.logged_in or request.endpoint in OPEN_ENDPOINTS:
        return None
    if request.path.startswith("/api/") or request.path.endswith(".csv"):
        return Response("Log in first.\n", status=401, mimetype="text/plain")
    if request.path == "/" and request.method == "GET":
        # The first page itself is the login form (or, before any PIN exists, the choose-a-PIN form),
        # so a carer who types the address sees a form at once, with no redirect to follow.
        from assistant.carer import views

        return make_response(views.login() if auth.has_pin(web.home()) else views.setup())
    return redirect(url_for("views.login"))


def _headers(response: BaseResponse) -> BaseResponse:
    """No caching of private pages, no framing, nothing loaded from anywhere else."""
    nonce = g.get("csp_nonce", "")
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; style-src 'nonce-{nonce}'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    )
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"  # no-referrer makes Chromium send "Origin: null"
    response.headers["Cache-Control"] = "no-store"
    return response


def _http_error(err: HTTPException) -> tuple[BaseResponse | str, int]:
    code = err.code or 500
    if request.path.startswith("/api/"):
        return jsonify(error=err.description), code
    message = err.description if code in (400, 429) else _TITLES.get(code, "Something went wrong")
    if code == 404:
        message = "There is no page at this address. Use the links above."
    if code == 413:
        message = "The form held more text than this page accepts. Please shorten it."
    return web.render("error.html", code, title=_TITLES.get(code, "Something went wrong"), message=message)


def _assistant_error(err: AssistantError) -> tuple[str, int]:
    _LOGGER.warning("carers' page: %s", err)
    return web.render("error.html", 503, title="Something went wrong", message=str(err))
