"""``run.py carer``: serve the carers' page, or set its PIN from stdin (``--set-pin``)."""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import logging
import os
import socket
import sys

from assistant.carer import auth
from assistant.carer.db import open_store
from assistant.errors import ConfigError
from assistant.home import resolve_home
from assistant.reminders.parse import resolve_zone

_LOGGER = logging.getLogger(__name__)

NETWORK_WARNING = (
    "Warning: the carers' page is listening on {host}:{port}, so other devices on this network can "
    "reach it. Anyone who learns the PIN can change the patient's reminders, and the page is plain "
    "HTTP: the PIN and reminders cross the network unencrypted. Use it only on a home network you "
    "trust, and stop it (Ctrl+C) when you are done."
)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only (127.x.x.x, ::1 or localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, port: int, allow_network: bool) -> None:
    """Refuse a port out of range, or a non-loopback address without ``--allow-network``."""
    if not 0 <= port <= 65535:
        raise ConfigError(f"port {port}: expected a number from 1 to 65535 (or 0 for any free port)")
    if not is_loopback(host) and not allow_network:
        raise ConfigError(
            f"--host {host} would let other computers reach the carers' page: add --allow-network "
            "if you mean that, or leave --host out to use 127.0.0.1 (this computer only)"
        )


def _listen(host: str, port: int) -> socket.socket:
    """Bind the listening socket ourselves, so a busy port is one plain error (werkzeug would exit)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host.strip("[]"), port), family=family, backlog=64)
    except OSError as err:
        raise ConfigError(
            f"cannot listen on {host}:{port} ({os.strerror(err.errno) if err.errno else err}): choose "
            "another --port, or stop the "
            "program using it"
        ) from err


def _read_pin(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise ConfigError("no PIN was given on standard input: type the new PIN twice, one per line")
    return line.rstrip("\r\n")


def set_pin(args: argparse.Namespace) -> int:
    """Read a new PIN twice, save its hash, log everybody out and lift any lock-out."""
    home = resolve_home(args.home)
    first = auth.check_pin(_read_pin("New PIN (4 to 12 digits): "))
    if _read_pin("The same PIN again: ") != first:
        raise ConfigError("the two PINs are not the same: nothing was changed, please try again")
    auth.save_pin(home, first)
    store = open_store(home)
    try:
        auth.end_all_sessions(store)
        auth.reset_failures(store)
    finally:
        store.close()
    print(f"PIN saved in {home / auth.PIN_FILE}. Anyone logged in must log in again.")
    return 0


def cmd_carer(args: argparse.Namespace) -> int:
    """``run.py carer``: serve the page until Ctrl+C (or set the PIN with ``--set-pin``)."""
    if args.set_pin:
        return set_pin(args)
    check_bind(args.host, args.port, args.allow_network)
    home, tz = resolve_home(args.home), resolve_zone(args.tz)
    from werkzeug.serving import make_server

    from assistant.carer.app import create_app

    loopback = is_loopback(args.host)
    app = create_app(home, tz, loopback_only=loopback)
    # Werkzeug logs every request at INFO; a carer's terminal only needs problems.
    logging.getLogger("werkzeug").setLevel(logging.DEBUG if getattr(args, "debug", False) else logging.WARNING)
    sock = _listen(args.host, args.port)
    server = make_server(args.host, sock.getsockname()[1], app, threaded=True, fd=sock.fileno())
    sock.close()  # werkzeug serves on its own duplicate of this socket
    if not loopback:
        print(NETWORK_WARNING.format(host=args.host, port=server.port), file=sys.stderr, flush=True)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Carers' page: http://{shown}:{server.port}/  (stop with Ctrl+C)", flush=True)
    if not loopback:
        print("From another device, use this computer's address on your network instead of "
              f"{args.host}.", flush=True)
    if not auth.has_pin(home):
        print("No PIN yet: open the page on this computer to choose one, or run "
              "'python run.py carer --set-pin'.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.", flush=True)
    finally:
        server.server_close()
    return 0
