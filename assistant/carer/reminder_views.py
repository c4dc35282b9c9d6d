"""The reminder pages: list, add, edit, pause, resume and delete (each change once per form)."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, flash, redirect, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from assistant.carer import forms, records, web
from assistant.carer.words import KIND_WORDS, next_words, repeat_words, schedule_words
from assistant.errors import ReminderError
from assistant.reminders.store import Reminder

_LOGGER = logging.getLogger(__name__)

bp = Blueprint("reminders", __name__, url_prefix="/reminders")
Page = tuple[str, int] | BaseResponse
KIND_HELP = {
    "medication": "The assistant asks the patient to say when it is taken, and reminds again every "
    "10 minutes, up to 3 times. Unconfirmed doses show as missed in the log.",
    "activity": "Said once at its time, such as exercises or a walk.",
    "appointment": "Said the day before and an hour before.",
    "note": "Said once at its time, such as advice about lifting or alcohol.",
}


def _list_page(status: int = 200, problem: str | None = None) -> Page:
    store, tz, now = web.store(), web.zone(), web.now()
    active = [(r, schedule_words(r, tz, now), next_words(r, tz, now)) for r in store.reminders()]
    paused = [(r, schedule_words(r, tz, now)) for r in records.paused_reminders(store)]
    return web.render("reminders.html", status, title="Reminders", active=active, paused=paused,
                      kinds=KIND_WORDS, problem=problem)


@bp.route("")
def index() -> Page:
    """Every reminder, with its schedule in words and buttons to change it."""
    return _list_page()


def _form_page(status: int, values: dict[str, str], errors: dict[str, str], editing: Reminder | None,
               problem: str | None = None) -> Page:
    keep = repeat_words(editing) if editing is not None and forms.reminder_fields(editing)["repeat"] == "keep" \
        else None
    title = "Change a reminder" if editing is not None else "Add a reminder"
    return web.render("reminder_form.html", status, title=title, values=values, errors=errors,
                      editing=editing, keep=keep, kinds=KIND_WORDS, kind_help=KIND_HELP, problem=problem)


@bp.route("/new", methods=["GET", "POST"])
def add() -> Page:
    """Add a reminder."""
    if request.method == "GET":
        return _form_page(200, {"repeat": "once", "hours": "6", "kind": "medication"}, {}, None)
    tz, now = web.zone(), web.now()
    checked = forms.read_reminder(request.form, tz, now)
    if checked.errors or not isinstance(checked.value, Reminder):
        return _form_page(400, dict(request.form), checked.errors, None)
    outcome = records.add_reminder(web.store(), checked.value, tz, web.form_nonce(), now)
    if outcome.repeat:
        flash(f"This form had already been sent, so the reminder was stored once "
              f"(number {outcome.reminder_id}).", "done")
    else:
        flash(f"Reminder {outcome.reminder_id} added: {checked.value.text}", "done")
    return redirect(url_for("reminders.index"))


def _found(reminder_id: str) -> tuple[Reminder, bool]:
    found = records.find_reminder(web.store(), reminder_id)
    if found is None:
        abort(404)
    return found


@bp.route("/<reminder_id>/edit", methods=["GET", "POST"])
def edit(reminder_id: str) -> Page:
    """Change a reminder (stored as a new one replacing it; the log keeps the old one's entries)."""
    store, tz, now = web.store(), web.zone(), web.now()
    if request.method == "GET":
        rem, paused = _found(reminder_id)
        if paused:
            return _list_page(409, "A paused reminder cannot be changed: resume it first.")
        return _form_page(200, forms.reminder_fields(rem), {}, rem)
    found = records.find_reminder(store, reminder_id)
    current = found[0] if found and not found[1] else None
    kept = current.rule if current is not None else None
    checked = forms.read_reminder(request.form, tz, now, kept_rule=kept)
    if checked.errors or not isinstance(checked.value, Reminder):
        return _form_page(400, dict(request.form), checked.errors, current)
    try:
        outcome = records.edit_reminder(store, reminder_id, checked.value, tz, web.form_nonce(), now)
    except records.Conflict:
        problem = (f"Reminder {reminder_id} was changed, paused or deleted (perhaps by someone else) while "
                   "you were editing it, so your changes were NOT saved. They are still below: check the "
                   "reminders list, then add this as a new reminder if it is still needed.")
        return _form_page(409, dict(request.form), {}, None, problem)
    flash("This form had already been sent, so the change was stored once." if outcome.repeat
          else f"Reminder changed (it is now number {outcome.reminder_id}).", "done")
    return redirect(url_for("reminders.index"))


def _change(action: str, reminder_id: str) -> Page:
    store, now, nonce = web.store(), web.now(), web.form_nonce()
    try:
        if action == "pause":
            outcome = records.pause_reminder(store, reminder_id, nonce, now)
        elif action == "resume":
            outcome = records.resume_reminder(store, reminder_id, web.zone(), nonce, now)
        else:
            outcome = records.delete_reminder(store, reminder_id, nonce, now)
    except ReminderError as err:  # someone else's change (Conflict), or nothing left to resume
        return _list_page(409, str(err))
    done = {"pause": "paused: it will not be said until you resume it",
            "resume": f"resumed (it is now number {outcome.reminder_id})", "delete": "deleted"}[action]
    flash("This form had already been sent, so nothing was changed twice." if outcome.repeat
          else f"Reminder {reminder_id} {done}.", "done")
    return redirect(url_for("reminders.index"))


@bp.route("/<reminder_id>/pause", methods=["POST"])
def pause(reminder_id: str) -> Page:
    """Stop a reminder being said until it is resumed."""
    return _change("pause", reminder_id)


@bp.route("/<reminder_id>/resume", methods=["POST"])
def resume(reminder_id: str) -> Page:
    """Put a paused reminder back on the schedule."""
    return _change("resume", reminder_id)


@bp.route("/<reminder_id>/delete", methods=["GET", "POST"])
def delete(reminder_id: str) -> Page:
    """Ask first (GET), then delete (POST)."""
    if request.method == "POST":
        return _change("delete", reminder_id)
    rem, paused = _found(reminder_id)
    return web.render("delete.html", title="Delete a reminder", rem=rem, paused=paused,
                      words=schedule_words(rem, web.zone(), web.now()))
