"""Test helpers for the carers' page: a real ``run.py carer`` server and a plain HTTP client."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = [sys.executable, str(ROOT / "run.py")]
TZ = "Europe/London"
START_TIMEOUT_S = 30


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_cli(*args: str, stdin: str = "", home: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``run.py ARGS`` (with ``--home`` when given) and capture its output."""
    extra = ["--home", str(home)] if home is not None else []
    return subprocess.run([*RUN, *args, *extra], input=stdin, capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env={**os.environ, "TZ": TZ})


@contextmanager
def carer_server(home: Path, pin: str | None = "2468") -> Iterator[str]:
    """Start ``run.py carer`` on a free loopback port (PIN set first); yields its base URL."""
    if pin is not None:
        done = run_cli("carer", "--set-pin", stdin=f"{pin}\n{pin}\n", home=home)
        assert done.returncode == 0, done.stderr
    port = free_port()
    proc = subprocess.Popen(
        [*RUN, "carer", "--port", str(port), "--home", str(home), "--tz", TZ],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        _wait_for(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_for(port: int, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"run.py carer exited early: {proc.stderr.read() if proc.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"run.py carer did not start listening on port {port}")


@dataclass
class Reply:
    """One HTTP answer."""

    status: int
    headers: dict[str, str]
    text: str

    def field(self, name: str) -> str:
        """The value of a hidden or text input called ``name`` (AssertionError if absent)."""
        found = re.search(rf'name="{name}" value="([^"]*)"', self.text)
        assert found, f"no field {name!r} in the page"
        return found.group(1)


@dataclass
class Client:
    """A tiny cookie-keeping HTTP client that never follows redirects (so tests see 302s)."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Reply:
        """Send one request; remember cookies it sets."""
        url = urllib.parse.urlsplit(self.base)
        conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        for name, value in resp.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        conn.close()
        return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, text)

    def login(self, pin: str) -> Reply:
        """Fetch the login form and send ``pin`` with its anti-forgery token."""
        page = self.request("GET", "/login")
        return self.request("POST", "/login", {"csrf_token": page.field("csrf_token"), "pin": pin})


def reminders_json(home: Path) -> list[dict[str, object]]:
    """``run.py reminders list --json`` for ``home``."""
    done = run_cli("reminders", "list", "--json", "--tz", TZ, home=home)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


class Clock:
    """A settable clock for ``create_app(clock=...)``."""

    def __init__(self, start: str) -> None:
        from datetime import datetime
        from zoneinfo import ZoneInfo

        self.now = datetime.fromisoformat(start).replace(tzinfo=ZoneInfo(TZ))

    def __call__(self):  # type: ignore[no-untyped-def]
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock on (``minutes=6``)."""
        from datetime import timedelta

        self.now = self.now + timedelta(**delta)


def page_field(text: str, name: str) -> str:
    """The value of input ``name`` in a page's HTML (AssertionError if absent)."""
    found = re.search(rf'name="{name}" value="([^"]*)"', text)
    assert found, f"no field {name!r} in the page"
    return found.group(1)


def carer_app(home: Path, clock: Clock, pin: str | None = "2468"):  # type: ignore[no-untyped-def]
    """The carers' app for ``home`` with a PIN already chosen."""
    from zoneinfo import ZoneInfo

    from assistant.carer import auth
    from assistant.carer.app import create_app

    if pin is not None and not auth.has_pin(home):
        # A cheap argon2 hash keeps these tests quick; verify_pin reads the cost from the hash itself,
        # and the real cost is exercised by the --set-pin and real-server tests.
        from argon2 import PasswordHasher

        path = home / auth.PIN_FILE
        path.write_text(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(pin))
        path.chmod(0o600)
    app = create_app(home, ZoneInfo(TZ), clock=clock)
    app.config["TESTING"] = True
    return app


def logged_in(app, pin: str = "2468"):  # type: ignore[no-untyped-def]
    """A Flask test client that has logged in."""
    client = app.test_client()
    page = client.get("/login")
    resp = client.post("/login", data={"csrf_token": page_field(page.text, "csrf_token"), "pin": pin})
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/today"), resp.text
    return client


def submit(client, path: str, data: dict[str, str], form_page: str | None = None):  # type: ignore[no-untyped-def]
    """GET the page holding the form (``form_page``, default ``path``), then POST ``data`` with its tokens."""
    page = client.get(form_page or path)
    tokens = {"csrf_token": page_field(page.text, "csrf_token")}
    for hidden in ("nonce", "version"):
        if f'name="{hidden}"' in page.text:
            tokens[hidden] = page_field(page.text, hidden)
    return client.post(path, data={**tokens, **data})
