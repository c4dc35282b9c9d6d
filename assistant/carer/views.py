"""The carers' pages: log in, first PIN, today, the log (and CSV), the recovery plan, settings."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import Blueprint, Response, flash, g, jsonify, redirect, request, session, url_for
from werkzeug.wrappers import Response as BaseResponse

from assistant.carer import auth, forms, history, records, web
from assistant.carer.words import KIND_WORDS, next_words, schedule_words
from assistant.errors import ConfigError
from assistant.reminders.parse import say_date, say_time
from assistant.reminders.plan import hospital_stay
from assistant.reminders.store import Plan
from assistant.settings import Settings, load_settings, save_settings

_LOGGER = logging.getLogger(__name__)

bp = Blueprint("views", __name__)
Page = tuple[str, int] | BaseResponse
LOG_ROWS_SHOWN = 300
SURGERY_WORDS = {
    "keyhole-small": "Keyhole (laparoscopic) surgery to remove a small part of the liver, through a few "
    "small cuts.",
    "keyhole-large": "Keyhole (laparoscopic) surgery to remove a larger part of the liver, through a few "
    "small cuts.",
    "open": "Open surgery: the surgeon removes part of the liver through one larger cut in the tummy "
    "(abdomen).",
}


@bp.route("/")
def index() -> Page:
    """The start page is today's timeline."""
    return redirect(url_for("views.today"))


def _locked_page(until: datetime) -> Page:
    local = until.astimezone(web.zone())
    message = (f"The PIN was wrong {auth.MAX_FAILURES} times, so logging in is locked until "
               f"{say_time(local)}. Please wait, then try again.")
    return web.render("login.html", 429, title="Log in", errors={"pin": message})


@bp.route("/login", methods=["GET", "POST"])
def login() -> Page:
    """The login form: one PIN field and the hidden anti-forgery token."""
    store, now = web.store(), web.now()
    if not auth.has_pin(web.home()):
        if web.remote_is_loopback() and web.host_is_loopback(request.host):
            return redirect(url_for("views.setup"))
        return web.render("no_pin.html", 403, title="No PIN yet")
    if request.method == "GET":
        if g.logged_in:
            return redirect(url_for("views.today"))
        message = "You have logged out." if request.args.get("bye") else None
        return web.render("login.html", title="Log in", errors={}, message=message)
    until = auth.locked_until(store, now)
    if until is not None:
        return _locked_page(until)
    if not auth.verify_pin(web.home(), request.form.get("pin", "")):
        until = auth.record_failure(store, now)
        if until is not None:
            return _locked_page(until)
        left = auth.failures_left(store)
        message = (f"That PIN is not right. After {left} more wrong "
                   f"{'try' if left == 1 else 'tries'}, logging in locks for 5 minutes.")
        return web.render("login.html", 401, title="Log in", errors={"pin": message})
    auth.reset_failures(store)
    _begin_session(auth.start_session(store, now))
    return redirect(url_for("views.today"))


def _begin_session(sid: str) -> None:
    """A fresh cookie on every login, so a token seen before logging in is worth nothing."""
    session.clear()
    session.permanent = True
    session["sid"] = sid
    session["csrf"] = auth.new_token()


@bp.route("/setup", methods=["GET", "POST"])
def setup() -> Page:
    """First start: choose the PIN (only on this computer, only while there is none)."""
    if auth.has_pin(web.home()):
        return redirect(url_for("views.login"))
    if not (web.remote_is_loopback() and web.host_is_loopback(request.host)):
        return web.render("no_pin.html", 403, title="No PIN yet")
    if request.method == "GET":
        return web.render("setup.html", title="Choose a PIN", errors={})
    pin, again = request.form.get("pin", ""), request.form.get("pin_again", "")
    errors: dict[str, str] = {}
    try:
        auth.check_pin(pin)
    except ConfigError:
        errors["pin"] = "The PIN must be 4 to 12 digits (0 to 9), with no spaces or letters."
    if not errors and pin != again:
        errors["pin_again"] = "The two PINs are not the same. Please type the same PIN twice."
    if errors:
        return web.render("setup.html", 400, title="Choose a PIN", errors=errors)
    auth.save_pin(web.home(), pin)
    store = web.store()
    auth.reset_failures(store)
    _begin_session(auth.start_session(store, web.now()))
    flash("Your PIN is saved. Keep it somewhere safe: it is needed to open this page.", "done")
    return redirect(url_for("views.plan"))


@bp.route("/logout")
def logout() -> Page:
    """End the session (a link, as SameSite=Strict cookies never come with another site's link)."""
    auth.end_session(web.store(), session.get("sid"))
    session.clear()
    return redirect(url_for("views.login", bye=1))


@bp.route("/today")
def today() -> Page:
    """What falls due today and what the assistant said and heard."""
    now, tz = web.now(), web.zone()
    entries = history.today_timeline(web.store(), tz, now)
    return web.render("today.html", title="Today", entries=entries, kinds=KIND_WORDS,
                      day=say_date(now.astimezone(tz).date()), time_now=say_time(now.astimezone(tz)),
                      today_date=now.astimezone(tz).date())


@bp.route("/log")
def log() -> Page:
    """The adherence log, newest first."""
    rows = history.log_rows(web.store(), web.zone(), limit=LOG_ROWS_SHOWN)
    return web.render("log.html", title="Log", rows=rows, limit=LOG_ROWS_SHOWN, say_when=_when,
                      due_words=_due)


def _when(when: datetime) -> str:
    return f"{say_date(when.date())}, {say_time(when)}"


def _due(row: history.LogRow) -> str:
    """The due time, with its day when that is not the day it happened."""
    return say_time(row.due) if row.due.date() == row.at.date() else _when(row.due)


@bp.route("/log.csv")
def log_csv() -> BaseResponse:
    """The whole log as a spreadsheet file (same columns as ``run.py reminders log --csv``)."""
    text = history.log_csv(history.log_rows(web.store(), web.zone()), web.zone())
    stamp = web.now().astimezone(web.zone()).strftime("%Y-%m-%d")
    return Response(
        text.encode("utf-8-sig"),  # the BOM lets spreadsheet programs read accents correctly
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="reminder-log-{stamp}.csv"'},
    )


@bp.route("/plan", methods=["GET", "POST"])
def plan() -> Page:
    """The operation date and type, which set the recovery reminders."""
    store, tz, now = web.store(), web.zone(), web.now()
    current, values, errors, status, problem = store.plan(), {}, {}, 200, None
    if request.method == "POST":
        checked = forms.read_plan(request.form, now.astimezone(tz).date())
        if checked.errors or not isinstance(checked.value, Plan):
            values, errors, status = dict(request.form), checked.errors, 400
        elif web.changed_meanwhile(current) and not records.nonce_used(store, request.form.get("nonce", "")):
            values, status = dict(request.form), 409
            problem = ("The plan was changed (perhaps by someone else) after this page was loaded, so yours "
                       "was NOT saved. The plan now is shown first; your choices are still in the form: "
                       "press Save again to use them.")
        else:
            outcome = records.set_plan(store, checked.value, tz, web.form_nonce(), now)
            flash("This plan was already saved: nothing was added twice." if outcome.repeat
                  else "The recovery plan is saved and its reminders are set.", "done")
            return redirect(url_for("views.plan"))
    elif current is not None:
        values = {"surgery_date": current.surgery_date.isoformat(), "surgery_type": current.surgery_type}
    seeded = [r for r in store.reminders() if r.source == "plan"]
    return web.render(
        "plan.html", status, title="Recovery plan", current=current, values=values, errors=errors,
        problem=problem, version=web.version_of(current),
        surgery_words=SURGERY_WORDS, stay=hospital_stay, say_date=say_date, weeks=timedelta(weeks=8),
        seeded=[(r, schedule_words(r, tz, now), next_words(r, tz, now)) for r in seeded], kinds=KIND_WORDS,
    )


def installed_voices() -> dict[str, list[str]]:
    """Voice names each engine has on this computer (empty when it cannot tell)."""
    found: dict[str, list[str]] = {}
    try:
        from assistant.tts.hibari import known_voices

        found["hibari"] = sorted(name for name, on_disk in known_voices().items() if on_disk)
    except Exception as err:  # noqa: BLE001 - an engine that cannot list voices just offers none
        _LOGGER.info("cannot list hibari voices: %s", err)
    try:
        from assistant.tts.piper import installed_voices as piper_voices

        found["piper"] = sorted(piper_voices())
    except Exception as err:  # noqa: BLE001
        _LOGGER.info("cannot list Piper voices: %s", err)
    return found


@bp.route("/settings", methods=["GET", "POST"])
def settings() -> Page:
    """Speech engine, voice, speed and volume, saved where ``listen`` and ``ask`` read them."""
    voices, status, errors, problem = installed_voices(), 200, {}, None
    current = load_settings(web.home())
    values = {"tts": current.tts or "", "voice": current.voice or "",
              "rate": str(round(current.rate * 100)), "volume": str(round(current.volume * 100))}
    if request.method == "POST":
        checked = forms.read_settings(request.form, voices)
        if checked.errors or not isinstance(checked.value, Settings):
            values, errors, status = dict(request.form), checked.errors, 400
        elif web.changed_meanwhile(current):
            values, status = dict(request.form), 409
            problem = ("The settings were changed (by someone else, or by the patient saying \"slower\" or "
                       "\"louder\") after this page was loaded, so yours were NOT saved. Your choices are "
                       "still below: press Save again to use them.")
        else:
            save_settings(web.home(), checked.value)
            flash("The speech settings are saved. The assistant uses them the next time it starts.", "done")
            return redirect(url_for("views.settings"))
    return web.render("settings.html", status, title="Settings", values=values, errors=errors,
                      voices=voices, problem=problem, version=web.version_of(current))


@bp.route("/api/reminders")
def api_reminders() -> BaseResponse:
    """The reminders as JSON: active and paused, with their schedule in words."""
    store, tz, now = web.store(), web.zone(), web.now()
    listed = [(r, False) for r in store.reminders()] + [(r, True) for r in records.paused_reminders(store)]
    return jsonify([
        {"id": r.id, "text": r.text, "kind": r.kind, "schedule": schedule_words(r, tz, now),
         "paused": paused, "source": r.source}
        for r, paused in listed
    ])

