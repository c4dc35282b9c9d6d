"""Access to the carers' page: PIN, sessions, anti-forgery tokens, lock-out, loopback-only binding."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from assistant.carer import auth
from assistant.carer.db import open_store
from assistant.carer.server import check_bind, is_loopback
from assistant.errors import ConfigError
from tests.carer_browser import Client, Clock, carer_app, carer_server, logged_in, page_field, run_cli, submit

PAGES = ["/today", "/reminders", "/reminders/new", "/reminders/1/edit", "/reminders/1/delete", "/plan",
         "/log", "/settings", "/no-such-page"]
APIS = ["/log.csv", "/api/reminders"]
POSTS = ["/reminders/new", "/reminders/1/pause", "/reminders/1/resume", "/reminders/1/delete",
         "/reminders/1/edit", "/plan", "/settings"]


@pytest.fixture()
def clock() -> Clock:
    return Clock("2026-11-27T07:00")


@pytest.fixture()
def app(tmp_path: Path, clock: Clock):  # type: ignore[no-untyped-def]
    return carer_app(tmp_path, clock)


@pytest.mark.parametrize("path", PAGES)
def test_pages_without_a_session_redirect_to_the_login_form(app, path: str) -> None:
    resp = app.test_client().get(path)
    assert resp.status_code == 302
    assert resp.headers["Location"].endswith("/login")


def test_the_first_page_without_a_session_is_the_login_form(app) -> None:
    page = app.test_client().get("/")
    assert page.status_code == 200
    assert 'action="/login"' in page.text and 'name="pin"' in page.text
    assert 'type="hidden" name="csrf_token"' in page.text
    assert "Log out" not in page.text


@pytest.mark.parametrize("path", APIS)
def test_apis_without_a_session_answer_401(app, path: str) -> None:
    resp = app.test_client().get(path)
    assert resp.status_code == 401
    assert "reminder" not in resp.text.lower()


@pytest.mark.parametrize("path", POSTS)
def test_posts_without_a_session_change_nothing(app, tmp_path: Path, path: str) -> None:
    client = app.test_client()
    token = page_field(client.get("/login").text, "csrf_token")
    data = {"csrf_token": token, "nonce": "n" * 32, "text": "Take painkillers", "kind": "note",
            "date": "2026-12-01", "time": "08:00", "repeat": "once", "surgery_date": "2026-11-20",
            "surgery_type": "open", "rate": "100", "volume": "100"}
    resp = client.post(path, data=data)
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/login")
    store = open_store(tmp_path)
    assert store.reminders() == [] and store.plan() is None
    store.close()
    assert not (tmp_path / "settings.json").exists()


def test_login_form_has_an_action_a_pin_field_and_a_hidden_token(app) -> None:
    page = app.test_client().get("/login").text
    assert '<form action="/login" method="post"' in page
    assert 'type="password"' in page and 'name="pin"' in page and '<label for="pin">PIN</label>' in page
    assert 'type="hidden" name="csrf_token" value="' in page
    assert "Log out" not in page


def test_after_login_pages_show_a_log_out_link_and_logging_out_ends_the_session(app) -> None:
    client = logged_in(app)
    page = client.get("/today")
    assert page.status_code == 200 and ">Log out</a>" in page.text
    cookie = client.get_cookie("carer_session")
    assert client.get("/logout").headers["Location"].endswith("/login?bye=1")
    thief = app.test_client()
    thief.set_cookie("carer_session", cookie.value)
    assert thief.get("/today").status_code == 302


def test_session_cookie_is_httponly_and_samesite_strict(app) -> None:
    client = app.test_client()
    page = client.get("/login")
    resp = client.post("/login", data={"csrf_token": page_field(page.text, "csrf_token"), "pin": "2468"})
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_wrong_pin_five_times_locks_even_the_right_pin_until_five_minutes_pass(app, clock, tmp_path) -> None:
    client = app.test_client()
    for left in (4, 3, 2, 1):
        resp = submit(client, "/login", {"pin": "0000"})
        assert resp.status_code == 401 and f"After {left} more wrong" in resp.text
    resp = submit(client, "/login", {"pin": "0000"})
    assert resp.status_code == 429 and "locked" in resp.text
    assert submit(client, "/login", {"pin": "2468"}).status_code == 429
    # the lock-out is in the database: a restarted page is still locked
    restarted = carer_app(tmp_path, clock).test_client()
    assert submit(restarted, "/login", {"pin": "2468"}).status_code == 429
    clock.advance(minutes=5, seconds=1)
    resp = submit(restarted, "/login", {"pin": "2468"})
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/today")


def test_a_right_pin_resets_the_count_of_wrong_ones(app) -> None:
    client = app.test_client()
    for _ in range(4):
        submit(client, "/login", {"pin": "1111"})
    assert submit(client, "/login", {"pin": "2468"}).status_code == 302
    client.get("/logout")
    for _ in range(4):
        assert submit(client, "/login", {"pin": "1111"}).status_code == 401


@pytest.mark.parametrize("token", [None, "", "forged-token-forged-token-forged"])
def test_posts_with_a_missing_or_wrong_csrf_token_are_refused(app, tmp_path, token) -> None:
    client = logged_in(app)
    form = client.get("/reminders/new").text
    data = {"nonce": page_field(form, "nonce"), "text": "Take painkillers", "kind": "medication",
            "date": "2026-12-01", "time": "08:00", "repeat": "once"}
    if token is not None:
        data["csrf_token"] = token
    resp = client.post("/reminders/new", data=data)
    assert resp.status_code == 400 and "expired" in resp.text
    store = open_store(tmp_path)
    assert store.reminders() == []
    store.close()


def test_login_without_a_csrf_token_is_refused(app) -> None:
    resp = app.test_client().post("/login", data={"pin": "2468"})
    assert resp.status_code == 400


def test_a_post_from_another_site_is_refused(app) -> None:
    client = logged_in(app)
    page = client.get("/settings")
    resp = client.post("/settings", data={"csrf_token": page_field(page.text, "csrf_token"), "rate": "100",
                                          "volume": "100"}, headers={"Origin": "http://evil.example"})
    assert resp.status_code == 400


def test_other_host_names_are_refused_on_loopback(app) -> None:
    resp = app.test_client().get("/login", headers={"Host": "attacker.example:8765"})
    assert resp.status_code == 400


def test_first_pin_is_chosen_on_the_page_only_from_this_computer(tmp_path, clock) -> None:
    app = carer_app(tmp_path, clock, pin=None)
    client = app.test_client()
    assert client.get("/login").headers["Location"].endswith("/setup")
    resp = submit(client, "/setup", {"pin": "12", "pin_again": "12"})
    assert resp.status_code == 400 and "4 to 12 digits" in resp.text
    resp = submit(client, "/setup", {"pin": "123456", "pin_again": "123457"})
    assert resp.status_code == 400 and "not the same" in resp.text
    far = app.test_client()
    resp = far.get("/setup", environ_base={"REMOTE_ADDR": "192.168.1.20"})
    assert resp.status_code == 403 and not auth.has_pin(tmp_path)
    resp = submit(client, "/setup", {"pin": "123456", "pin_again": "123456"})
    assert resp.status_code == 302 and auth.verify_pin(tmp_path, "123456")
    assert client.get("/today").status_code == 200
    assert app.test_client().get("/setup").headers["Location"].endswith("/login")


def test_pin_and_key_files_are_private_and_the_pin_is_hashed(tmp_path, app) -> None:
    for name in (auth.PIN_FILE, auth.SECRET_FILE):
        mode = stat.S_IMODE((tmp_path / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))
    stored = (tmp_path / auth.PIN_FILE).read_text()
    assert "2468" not in stored and stored.startswith("$argon2")
    assert auth.verify_pin(tmp_path, "2468") and not auth.verify_pin(tmp_path, "2469")


@pytest.mark.parametrize("pin", ["", "123", "1234567890123", "12a4", " 1234", "١٢٣٤"])
def test_check_pin_refuses_anything_but_4_to_12_ascii_digits(pin: str) -> None:
    with pytest.raises(ConfigError, match="4 to 12 digits"):
        auth.check_pin(pin)


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                 ("127.0.0.2", True), ("0.0.0.0", False),
                                                 ("192.168.1.5", False), ("example.org", False)])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_check_bind_needs_allow_network_for_other_addresses() -> None:
    with pytest.raises(ConfigError, match="--allow-network"):
        check_bind("0.0.0.0", 8765, False)
    check_bind("0.0.0.0", 8765, True)
    with pytest.raises(ConfigError, match="port 70000"):
        check_bind("127.0.0.1", 70000, False)


# The command line and the real server, in subprocesses.

def test_set_pin_reads_the_pin_twice_from_stdin(tmp_path: Path) -> None:
    done = run_cli("carer", "--set-pin", stdin="8642\n8642\n", home=tmp_path)
    assert done.returncode == 0 and "PIN saved" in done.stdout
    assert auth.verify_pin(tmp_path, "8642")


@pytest.mark.parametrize(("stdin", "words"), [("8642\n8643\n", "not the same"), ("12\n12\n", "4 to 12 digits"),
                                              ("", "no PIN")])
def test_set_pin_refuses_a_mismatch_or_a_short_pin_with_one_line(tmp_path, stdin: str, words: str) -> None:
    done = run_cli("carer", "--set-pin", stdin=stdin, home=tmp_path)
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1 and words in done.stderr
    assert "Traceback" not in done.stderr and not auth.has_pin(tmp_path)


def test_binding_to_the_network_without_the_option_exits_with_one_line(tmp_path: Path) -> None:
    done = run_cli("carer", "--host", "0.0.0.0", "--port", "0", home=tmp_path)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "--allow-network" in lines[0]


def test_a_busy_port_is_one_plain_line(tmp_path: Path) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        done = run_cli("carer", "--port", str(port), home=tmp_path)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in lines[0] and "--port" in lines[0]


def test_allowing_the_network_warns_what_it_means(tmp_path: Path) -> None:
    import subprocess

    from tests.carer_browser import ROOT, RUN

    proc = subprocess.Popen([*RUN, "carer", "--host", "0.0.0.0", "--allow-network", "--port", "0",
                             "--home", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT)
    try:
        assert proc.stdout is not None and proc.stderr is not None
        warning = proc.stderr.readline()
        assert "other devices on this network can reach it" in warning and "unencrypted" in warning
        assert proc.stdout.readline().startswith("Carers' page: http://0.0.0.0:")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_real_server_refuses_without_a_session_and_locks_after_five_wrong_pins(tmp_path: Path) -> None:
    with carer_server(tmp_path, pin="2468") as base:
        client = Client(base)
        for path in PAGES:
            reply = client.request("GET", path)
            assert reply.status == 302 and reply.headers["location"].endswith("/login"), path
        for path in APIS:
            assert client.request("GET", path).status == 401, path
        login = client.request("GET", "/login")
        assert '<form action="/login"' in login.text and 'name="csrf_token"' in login.text
        assert client.request("POST", "/login", {"pin": "2468"}).status == 400  # no token
        assert [client.login("9999").status for _ in range(5)] == [401, 401, 401, 401, 429]
        assert client.login("2468").status == 429
    with carer_server(tmp_path, pin=None) as base:  # restarted: still locked
        assert Client(base).login("2468").status == 429


def test_real_server_checks_the_csrf_token_after_login(tmp_path: Path) -> None:
    with carer_server(tmp_path) as base:
        client = Client(base)
        assert client.login("2468").status == 302
        assert ">Log out</a>" in client.request("GET", "/today").text
        form = client.request("GET", "/reminders/new")
        data = {"nonce": form.field("nonce"), "text": "Walk", "kind": "activity", "date": "2030-01-01",
                "time": "10:00", "repeat": "once"}
        assert client.request("POST", "/reminders/new", data).status == 400
        ok = client.request("POST", "/reminders/new", {**data, "csrf_token": form.field("csrf_token")})
        assert ok.status == 302
