"""The carers' pages: plan, reminders (bad input, double submission, two carers), today, log, settings."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.carer.db import open_store
from assistant.carer.words import repeat_words, schedule_words
from assistant.reminders.schedule import Scheduler, acknowledge, snooze
from assistant.reminders.store import Reminder
from assistant.settings import load_settings
from tests.carer_browser import TZ, Clock, carer_app, logged_in, page_field, submit

LONDON = ZoneInfo(TZ)
GOOD = {"text": "Take your painkillers", "kind": "medication", "date": "2026-11-27", "time": "08:00",
        "repeat": "hours", "hours": "6", "until": ""}


@pytest.fixture()
def clock() -> Clock:
    return Clock("2026-11-27T07:00")


@pytest.fixture()
def client(tmp_path: Path, clock: Clock):  # type: ignore[no-untyped-def]
    return logged_in(carer_app(tmp_path, clock))


@pytest.fixture()
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = open_store(tmp_path)
    yield opened
    opened.close()


def add(client, **changes: str):  # type: ignore[no-untyped-def]
    return submit(client, "/reminders/new", {**GOOD, **changes})


def error_next_to(page: str, field: str) -> str:
    """The error printed for ``field``; the field (or its fieldset) must point at it (aria-describedby)."""
    found = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', page, re.S)
    assert found, f"no error next to {field}"
    linked = rf'(id="{field}"|<fieldset)[^>]*aria-describedby="[^"]*{field}-error'  # radios: their fieldset
    assert re.search(linked, page), "field not linked to its error"
    return re.sub(r"<[^>]+>", "", found.group(1))


def test_adding_a_reminder_stores_it_once_with_the_voice_side_rules(client, store) -> None:
    resp = add(client)
    assert resp.status_code == 302
    [rem] = store.reminders()
    assert (rem.text, rem.kind, rem.rule, rem.source) == ("Take your painkillers", "medication",
                                                          "FREQ=HOURLY;INTERVAL=6", "carer")
    assert rem.start_local == datetime(2026, 11, 27, 8, 0)
    page = client.get("/reminders").text
    assert "Reminder 1 added" in page and "Every 6 hours from 8 am" in page


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"date": "2026-02-30"}, "date", "not a real date"),
        ({"date": "tomorrow"}, "date", "not a real date"),
        ({"date": "31/11/2026"}, "date", "not a real date"),
        ({"time": "25:00"}, "time", "not a time of day"),
        ({"time": "8"}, "time", "not a time of day"),
        ({"text": "   "}, "text", "empty"),
        ({"text": "x" * 501}, "text", "501 characters"),
        ({"text": "bell\x07"}, "text", "control character"),
        ({"kind": "poison"}, "kind", "choose what kind"),
        ({"repeat": "hourly-ish"}, "repeat", "choose how often"),
        ({"hours": "0"}, "hours", "1 to 24"),
        ({"hours": "six"}, "hours", "1 to 24"),
        ({"repeat": "once", "time": "06:30"}, "date", "already passed"),
        ({"until": "2026-11-01"}, "until", "before the first date"),
        ({"until": "2026-13-01"}, "until", "not a real date"),
    ],
)
def test_bad_reminder_input_is_explained_next_to_its_field_and_nothing_is_stored(
    client, store, changes: dict[str, str], field: str, words: str
) -> None:
    resp = add(client, **changes)
    assert resp.status_code == 400
    assert words in error_next_to(resp.text, field)
    assert "There is a problem" in resp.text
    assert store.reminders() == []


def test_a_date_typed_the_british_way_is_understood(client, store) -> None:
    assert add(client, date="3/12/2026", repeat="once").status_code == 302
    assert add(client, date="4 December 2026", repeat="once").status_code == 302
    assert [r.start_local.date().isoformat() for r in store.reminders()] == ["2026-12-03", "2026-12-04"]


def test_what_the_carer_typed_is_kept_when_a_field_is_wrong(client) -> None:
    resp = add(client, text="Take 2 paracetamol", time="99:99")
    assert ">Take 2 paracetamol</textarea>" in resp.text
    assert 'value="2026-11-27"' in resp.text


def test_html_in_reminder_text_is_shown_as_text_never_run(client, store) -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    add(client, text=evil)
    assert store.reminders()[0].text == evil
    for path in ("/reminders", "/today", "/reminders/1/edit", "/reminders/1/delete"):
        page = client.get(path).text
        assert "<script>alert" not in page and "<img src=x" not in page, path
        assert "&lt;script&gt;" in page, path
    csp = client.get("/reminders").headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp


def test_the_same_form_sent_twice_is_stored_once(client, store) -> None:
    page = client.get("/reminders/new").text
    data = {**GOOD, "csrf_token": page_field(page, "csrf_token"), "nonce": page_field(page, "nonce")}
    assert client.post("/reminders/new", data=data).status_code == 302
    assert client.post("/reminders/new", data=data).status_code == 302
    assert len(store.reminders()) == 1
    assert "already been sent" in client.get("/reminders").text


def test_a_form_without_its_nonce_is_refused(client, store) -> None:
    page = client.get("/reminders/new").text
    resp = client.post("/reminders/new", data={**GOOD, "csrf_token": page_field(page, "csrf_token")})
    assert resp.status_code == 400 and store.reminders() == []


def test_two_carers_editing_at_once_lose_nothing_and_store_nothing_twice(tmp_path, clock, store) -> None:
    app = carer_app(tmp_path, clock)
    first, second = logged_in(app), logged_in(app)
    add(first)
    form_a, form_b = first.get("/reminders/1/edit").text, second.get("/reminders/1/edit").text
    base = {**GOOD, "repeat": "daily"}
    resp_a = first.post("/reminders/1/edit", data={**base, "text": "Take 2 paracetamol",
                        "csrf_token": page_field(form_a, "csrf_token"), "nonce": page_field(form_a, "nonce")})
    assert resp_a.status_code == 302
    resp_b = second.post("/reminders/1/edit", data={**base, "text": "Take 1 ibuprofen",
                         "csrf_token": page_field(form_b, "csrf_token"), "nonce": page_field(form_b, "nonce")})
    assert resp_b.status_code == 409
    assert "NOT saved" in resp_b.text and ">Take 1 ibuprofen</textarea>" in resp_b.text
    assert 'action="/reminders/new"' in resp_b.text  # the second carer can save theirs as new
    assert [r.text for r in store.reminders()] == ["Take 2 paracetamol"]
    assert store.reminders()[0].rule == "FREQ=DAILY"


def test_deleting_something_another_carer_already_deleted_says_so(tmp_path, clock, store) -> None:
    app = carer_app(tmp_path, clock)
    first, second = logged_in(app), logged_in(app)
    add(first)
    confirm_a, confirm_b = first.get("/reminders/1/delete").text, second.get("/reminders/1/delete").text
    for client, page, status in ((first, confirm_a, 302), (second, confirm_b, 409)):
        resp = client.post("/reminders/1/delete", data={"csrf_token": page_field(page, "csrf_token"),
                                                        "nonce": page_field(page, "nonce")})
        assert resp.status_code == status
    assert "nothing was changed" in resp.text
    assert store.reminders() == []


def test_pause_takes_a_reminder_off_the_schedule_and_resume_puts_it_back(client, store, clock) -> None:
    add(client)
    assert submit(client, "/reminders/1/pause", {}, form_page="/reminders").status_code == 302
    assert store.reminders() == []
    page = client.get("/reminders").text
    assert "Paused reminders" in page and "Take your painkillers" in page
    due = datetime(2026, 11, 27, 8, 0, tzinfo=LONDON)
    assert Scheduler(store, LONDON).run_pending(due) == []  # the voice side says nothing while paused
    assert submit(client, "/reminders/1/resume", {}, form_page="/reminders").status_code == 302
    [back] = store.reminders()
    assert (back.text, back.rule, back.start_local) == ("Take your painkillers", "FREQ=HOURLY;INTERVAL=6",
                                                        datetime(2026, 11, 27, 8, 0))
    spoken = Scheduler(store, LONDON).run_pending(datetime(2026, 11, 27, 14, 0, tzinfo=LONDON))
    assert [a.reminder_id for a in spoken] == [back.id]
    assert "Paused reminders" not in client.get("/reminders").text


def test_a_paused_reminder_can_be_deleted(client, store) -> None:
    add(client)
    submit(client, "/reminders/1/pause", {}, form_page="/reminders")
    assert submit(client, "/reminders/1/delete", {}).status_code == 302
    assert "Paused reminders" not in client.get("/reminders").text
    assert submit(client, "/reminders/1/resume", {}, form_page="/reminders/new").status_code == 409


def test_editing_keeps_a_rule_the_form_cannot_show(client, store) -> None:
    store.add_reminder(Reminder("", "Breathing exercises", "activity", datetime(2026, 11, 27, 10, 0),
                                "FREQ=DAILY;BYHOUR=10,16;BYMINUTE=0"), datetime(2026, 11, 27, 10, 0, tzinfo=LONDON))
    page = client.get("/reminders/1/edit").text
    assert "Keep as it is: daily at 10 am and 4 pm" in page
    resp = submit(client, "/reminders/1/edit", {"text": "Deep breathing exercises", "kind": "activity",
                                                "date": "2026-11-27", "time": "10:00", "repeat": "keep"})
    assert resp.status_code == 302
    [rem] = store.reminders()
    assert (rem.text, rem.rule) == ("Deep breathing exercises", "FREQ=DAILY;BYHOUR=10,16;BYMINUTE=0")


def test_today_shows_what_was_said_and_answered(client, store, clock) -> None:
    add(client)
    assert "Coming up." in client.get("/today").text
    scheduler = Scheduler(store, LONDON)
    scheduler.run_pending(datetime(2026, 11, 27, 8, 0, tzinfo=LONDON))
    clock.advance(hours=1, minutes=3)
    page = client.get("/today").text
    assert "Said at 8 am. Not confirmed yet." in page
    acknowledge(store, "1", datetime(2026, 11, 27, 8, 4, tzinfo=LONDON), LONDON)
    page = client.get("/today").text
    assert "Said at 8 am; taken at 8:04 am." in page
    assert page.count("Coming up.") == 2  # 14:00 and 20:00; 02:00 is tomorrow's
    assert "02:00" not in page


def test_log_lists_taken_snoozed_and_missed_and_downloads_as_csv(client, store) -> None:
    add(client, text="=HYPERLINK(\"http://x\") painkillers")
    scheduler = Scheduler(store, LONDON)
    scheduler.run_pending(datetime(2026, 11, 27, 8, 0, tzinfo=LONDON))
    snooze(store, datetime(2026, 11, 27, 8, 30, tzinfo=LONDON), datetime(2026, 11, 27, 8, 2, tzinfo=LONDON))
    scheduler.run_pending(datetime(2026, 11, 27, 14, 0, tzinfo=LONDON))
    scheduler.run_pending(datetime(2026, 11, 27, 15, 0, tzinfo=LONDON))
    acknowledge(store, "1", datetime(2026, 11, 27, 14, 5, tzinfo=LONDON), LONDON)
    page = client.get("/log").text
    for words in ("Said", "Snoozed", "Missed", "Taken"):
        assert f">{words}</td>" in page, words
    resp = client.get("/log.csv")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert "attachment" in resp.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"))))
    assert rows[0] == ["time", "event", "reminder id", "kind", "reminder", "due", "attempt"]
    events = [r[1] for r in rows[1:]]
    assert events[0] == "announced" and {"snoozed", "missed", "acknowledged"} <= set(events)
    assert all(r[4].startswith("'=") for r in rows[1:])  # a spreadsheet never runs it as a formula
    assert rows[-1][0] == "2026-11-27T14:05" and rows[-1][5] == "2026-11-27T14:00"


def test_setting_the_plan_seeds_the_voice_side_reminders_once(client, store) -> None:
    page = client.get("/plan").text
    data = {"surgery_date": "2026-11-20", "surgery_type": "keyhole-large", "version": page_field(page, "version"),
            "csrf_token": page_field(page, "csrf_token"), "nonce": page_field(page, "nonce")}
    assert client.post("/plan", data=data).status_code == 302
    assert client.post("/plan", data=data).status_code == 302
    plan = store.plan()
    assert plan is not None and (plan.surgery_date.isoformat(), plan.surgery_type) == ("2026-11-20",
                                                                                      "keyhole-large")
    seeded = [r for r in store.reminders() if r.source == "plan"]
    assert len(seeded) == 6  # the second, identical POST did not seed them again
    page = client.get("/plan").text
    assert "Friday 20 November 2026" in page and "4 to 5 days in hospital" in page
    assert "already saved" in page


@pytest.mark.parametrize(("data", "field", "words"), [
    ({"surgery_date": "2026-02-31", "surgery_type": "open"}, "surgery_date", "not a real date"),
    ({"surgery_date": "2029-01-01", "surgery_type": "open"}, "surgery_date", "check the year"),
    ({"surgery_date": "2026-11-20", "surgery_type": "robotic"}, "surgery_type", "which kind"),
])
def test_bad_plan_input_is_explained_and_nothing_is_stored(client, store, data, field, words) -> None:
    resp = submit(client, "/plan", data)
    assert resp.status_code == 400 and words in resp.text
    assert f'id="{field}-error"' in resp.text
    assert store.plan() is None and store.reminders() == []


def test_settings_are_saved_where_the_assistant_reads_them(client, tmp_path) -> None:
    resp = submit(client, "/settings", {"tts": "piper", "voice": "", "rate": "80", "volume": "60"})
    assert resp.status_code == 302
    saved = load_settings(tmp_path)
    assert (saved.tts, saved.voice, saved.rate, saved.volume) == ("piper", None, 0.8, 0.6)
    page = client.get("/settings").text
    assert 'value="80"' in page and "<option value=\"piper\" selected>" in page


@pytest.mark.parametrize(("data", "field"), [
    ({"tts": "", "rate": "300", "volume": "100"}, "rate"),
    ({"tts": "", "rate": "100", "volume": "5"}, "volume"),
    ({"tts": "festival", "rate": "100", "volume": "100"}, "tts"),
    ({"tts": "piper", "voice": "nobody-here", "rate": "100", "volume": "100"}, "voice"),
])
def test_bad_settings_are_explained_and_not_saved(client, tmp_path, data, field) -> None:
    resp = submit(client, "/settings", data)
    assert resp.status_code == 400 and f'id="{field}-error"' in resp.text
    assert not (tmp_path / "settings.json").exists()


def test_every_field_has_a_label_and_every_form_its_tokens(client) -> None:
    add(client)
    for path in ("/reminders/new", "/reminders/1/edit", "/plan", "/settings", "/reminders"):
        page = client.get(path).text
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", page):
            if 'type="hidden"' in tag:
                continue
            ident = re.search(r'id="([^"]+)"', tag)
            assert ident and f'<label for="{ident.group(1)}"' in page, (path, tag)
        forms = re.findall(r"<form\b.*?</form>", page, re.S)
        assert forms, path
        assert all('name="csrf_token"' in form for form in forms), path


def test_unknown_reminder_ids_get_a_plain_not_found_page(client) -> None:
    for path in ("/reminders/99/edit", "/reminders/abc/delete"):
        resp = client.get(path)
        assert resp.status_code == 404 and "no page at this address" in resp.text


@pytest.mark.parametrize(("rule", "start", "words"), [
    ("FREQ=HOURLY;INTERVAL=6", datetime(2026, 11, 27, 8, 0), "every 6 hours from 8 am"),
    ("FREQ=DAILY", datetime(2026, 11, 27, 9, 0), "daily at 9 am"),
    (None, datetime(2026, 12, 3, 10, 30), "once on Thursday 3 December 2026 at 10:30 am"),
    ("FREQ=WEEKLY", datetime(2026, 11, 27, 12, 0), "weekly on Fridays at midday"),
    ("FREQ=DAILY;BYHOUR=10,16;BYMINUTE=0", datetime(2026, 11, 27, 10, 0), "daily at 10 am and 4 pm"),
    ("FREQ=MINUTELY;INTERVAL=30", datetime(2026, 11, 27, 8, 15), "every 30 minutes from 8:15 am"),
])
def test_schedules_in_carers_words(rule, start, words) -> None:
    assert repeat_words(Reminder("1", "x", "note", start, rule)) == words


def test_schedule_words_say_the_end_and_a_future_start() -> None:
    rem = Reminder("1", "x", "note", datetime(2026, 12, 1, 9, 0), "FREQ=DAILY", datetime(2026, 12, 24, 23, 59))
    now = datetime(2026, 11, 27, 7, 0, tzinfo=LONDON)
    assert schedule_words(rem, LONDON, now) == (
        "Daily at 9 am, starting Tuesday 1 December 2026, until Thursday 24 December 2026."
    )
    tomorrow = Reminder("2", "x", "note", datetime(2026, 11, 28, 8, 0), "FREQ=HOURLY;INTERVAL=6")
    assert schedule_words(tomorrow, LONDON, now) == "Every 6 hours from 8 am, starting tomorrow."


def test_settings_changed_meanwhile_are_not_overwritten_and_the_carers_choice_is_kept(client, tmp_path) -> None:
    from assistant.settings import Settings, save_settings

    page = client.get("/settings").text
    save_settings(tmp_path, Settings(rate=0.7))  # the patient said "slower" meanwhile
    form = {"csrf_token": page_field(page, "csrf_token"), "version": page_field(page, "version"),
            "tts": "", "voice": "", "rate": "120", "volume": "90"}
    resp = client.post("/settings", data=form)
    assert resp.status_code == 409 and "NOT saved" in resp.text and 'value="120"' in resp.text
    assert load_settings(tmp_path).rate == 0.7
    again = {**form, "version": page_field(resp.text, "version")}
    assert client.post("/settings", data=again).status_code == 302
    assert load_settings(tmp_path).rate == 1.2


def test_a_plan_changed_by_another_carer_is_not_overwritten(tmp_path, clock, store) -> None:
    app = carer_app(tmp_path, clock)
    first, second = logged_in(app), logged_in(app)
    page_b = second.get("/plan").text
    assert submit(first, "/plan", {"surgery_date": "2026-11-20", "surgery_type": "open"}).status_code == 302
    resp = second.post("/plan", data={"csrf_token": page_field(page_b, "csrf_token"),
                                      "nonce": page_field(page_b, "nonce"), "version": page_field(page_b, "version"),
                                      "surgery_date": "2026-11-18", "surgery_type": "keyhole-small"})
    assert resp.status_code == 409 and "NOT saved" in resp.text and 'value="2026-11-18"' in resp.text
    plan = store.plan()
    assert plan is not None and plan.surgery_type == "open"
    assert len([r for r in store.reminders() if r.source == "plan"]) == 6


def test_a_finished_paused_reminder_cannot_be_resumed_and_the_page_says_why(client, store, clock) -> None:
    add(client, repeat="once", date="2026-11-27", time="09:00")
    submit(client, "/reminders/1/pause", {}, form_page="/reminders")
    clock.advance(hours=3)
    resp = submit(client, "/reminders/1/resume", {}, form_page="/reminders")
    assert resp.status_code == 409 and "cannot be resumed" in resp.text
    assert store.reminders() == []


def test_a_huge_form_is_refused_in_plain_words(client, store) -> None:
    resp = add(client, text="x" * 100_000)
    assert resp.status_code == 413 and "Please shorten it" in resp.text
    assert store.reminders() == []
