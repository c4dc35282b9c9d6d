"""Command line: one entry point, subcommands, one plain line on stderr for any error.

Each subcommand's work lives in the module of its concern; this file only parses arguments
and turns ``AssistantError`` into a message and an exit code.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from assistant import __version__
from assistant.errors import AssistantError

_LOGGER = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace], int]


def _handler(module: str, name: str) -> Handler:
    """Import a subcommand's handler only when it runs, so start-up stays fast."""

    def run(args: argparse.Namespace) -> int:
        import importlib

        func: Handler = getattr(importlib.import_module(module), name)
        return func(args)

    return run


class _Parser(argparse.ArgumentParser):
    """An argument parser whose mistakes are one plain line on stderr (``--help`` still shows usage)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see '{self.prog} --help')\n")


class _Turn(argparse.Action):
    """Collect --text and --audio into one ordered list of ("text"|"audio", value)."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        turns = list(getattr(namespace, self.dest, None) or [])
        turns.append(("audio" if option_string == "--audio" else "text", values))
        setattr(namespace, self.dest, turns)


def _add_home(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--home",
        help="folder for settings, the reminder database and logs "
        "(default: $ASSISTANT_HOME, else the platform's user data folder)",
    )


def _add_engines(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--stt",
        choices=["whisper", "whisper-base", "vosk"],
        help="speech recogniser (default: vosk if an English Vosk model is installed, else whisper; "
             "whisper-base hears better in noise and takes about twice as long)",
    )
    p.add_argument("--tts", choices=["hibari", "piper", "pyttsx3"],
                   help="speech engine (default: hibari, the clearest measured voice)")


def _add_tz(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tz", help="time zone such as Europe/London (default: the system's, or $TZ)")


def _ask_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ask", help="ask questions by text or recording, one conversation")
    p.add_argument("--text", action=_Turn, dest="turns", metavar="TEXT",
                   help="a typed turn (repeatable; turns run in the order given)")
    p.add_argument("--audio", action=_Turn, dest="turns", metavar="FILE",
                   help="a recorded turn (repeatable; turns run in the order given)")
    p.add_argument("--batch", metavar="FILE",
                   help="one independent question per line: text, or @PATH for a recording")
    p.add_argument("--json", action="store_true", help="one JSON object per turn (default: text)")
    p.add_argument("--say-to", metavar="OUT.wav", help="also write the spoken reply to a WAV file")
    p.add_argument("--realtime", action="store_true",
                   help="feed recordings at real-time pace, as a microphone would (default: off)")
    p.add_argument("--content", action="append", metavar="DIR",
                   help="content pack folder (repeatable; default: every pack in content/)")
    p.add_argument("--now", help="current local time, e.g. 2026-11-27T08:00 (default: the clock)")
    _add_home(p)
    _add_engines(p)
    _add_tz(p)
    p.set_defaults(func=_handler("assistant.ask", "cmd_ask"), turns=[])


def _plan_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plan", help="set the operation date and type; seeds the recovery reminders")
    p.add_argument("--surgery-date", required=True, help="date of the operation, YYYY-MM-DD")
    p.add_argument("--surgery-type", required=True,
                   choices=["keyhole-small", "keyhole-large", "open"], help="kind of operation")
    p.add_argument("--json", action="store_true", help="print the plan as JSON (default: text)")
    _add_home(p)
    _add_tz(p)
    p.set_defaults(func=_handler("assistant.reminders.cli", "cmd_plan"))


def _reminders_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reminders", help="add, list, run and acknowledge reminders")
    rsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = rsub.add_parser("add", help="add a reminder")
    add.add_argument("text", help="what to say, e.g. 'Take your painkillers'")
    add.add_argument("--at", required=True, help="first time, local ISO 8601, e.g. 2026-11-27T08:00")
    add.add_argument("--every", help="repeat: 30m, 6h, daily, weekly or an RFC 5545 RRULE "
                     "(default: once)")
    add.add_argument("--until", help="last time it may fall due (default: no end)")
    add.add_argument("--now", help="current local time, for checking --at is not past (default: the clock)")
    add.add_argument("--kind", default="note",
                     choices=["medication", "activity", "appointment", "note"],
                     help="policy for re-prompts and expiry (default: note)")
    lst = rsub.add_parser("list", help="list reminders")
    log = rsub.add_parser("log", help="show the adherence log")
    log.add_argument("--csv", metavar="FILE", help="also export the log as CSV ('-' for stdout)")
    rm = rsub.add_parser("remove", help="remove a reminder")
    rm.add_argument("id", help="reminder id")
    tick = rsub.add_parser("tick", help="run the schedule up to a time; print what is spoken")
    tick.add_argument("--now", required=True, help="local time, e.g. 2026-11-27T08:00")
    ack = rsub.add_parser("ack", help="acknowledge a reminder")
    ack.add_argument("id", help="reminder id")
    ack.add_argument("--now", required=True, help="local time, e.g. 2026-11-27T08:05")
    for q in (add, lst, log, rm, tick, ack):
        q.add_argument("--json", action="store_true", help="JSON output (default: text)")
        _add_home(q)
        _add_tz(q)
    p.set_defaults(func=_handler("assistant.reminders.cli", "cmd_reminders"))


def _other_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("listen", help="the live assistant: microphone in, speaker out")
    p.add_argument("--hands-free", action="store_true",
                   help="answer whatever it hears, no key needed (default: push-to-talk)")
    p.add_argument("--wake", metavar="PHRASE", help="only answer after this phrase (hands-free)")
    p.add_argument("--content", action="append", metavar="DIR", help="content pack folder")
    p.add_argument("--spoken-state", action="store_true",
                   help="also say states aloud, e.g. 'I'm listening' (default: earcons only)")
    _add_home(p)
    _add_engines(p)
    _add_tz(p)
    p.set_defaults(func=_handler("assistant.listen", "cmd_listen"))

    p = sub.add_parser("import", help="turn a leaflet (text, Markdown, HTML) into a content pack")
    p.add_argument("leaflet", nargs="?", help="leaflet file")
    p.add_argument("--out", help="folder to write the pack to")
    p.add_argument("--check", metavar="DIR", help="only validate an existing pack folder")
    p.set_defaults(func=_handler("assistant.importer", "cmd_import"))

    p = sub.add_parser("models", help="download or install speech models")
    msub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    f = msub.add_parser("fetch", help="fetch a model into models/")
    f.add_argument("name", help="model name, e.g. vosk-small-en-us")
    f.add_argument("--from", dest="source", metavar="URL_OR_ZIP",
                   help="local zip file or URL to use instead of the official address")
    msub.add_parser("list", help="list known and installed models")
    p.set_defaults(func=_handler("assistant.models", "cmd_models"))

    p = sub.add_parser("carer", help="the carers' web page")
    p.add_argument("--port", type=int, default=8765, help="port (default: 8765)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this computer only)")
    p.add_argument("--allow-network", action="store_true",
                   help="required to listen on anything but this computer")
    p.add_argument("--set-pin", action="store_true", help="read a new PIN twice from stdin")
    _add_home(p)
    _add_tz(p)
    p.set_defaults(func=_handler("assistant.carer", "cmd_carer"))

    p = sub.add_parser("bench", help="measure accuracy and speed; print figures")
    p.add_argument("--json", action="store_true", help="JSON output (default: a table)")
    p.add_argument("--only", action="append", choices=["matcher", "stt", "tts", "live"],
                   help="run only this part (repeatable; default: all)")
    p.add_argument("--full", action="store_true",
                   help="every question, voice and noise level: tens of minutes on 2 cores "
                        "(default: a smaller sample of each, a few minutes)")
    p.set_defaults(func=_handler("assistant.bench", "cmd_bench"))


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser for every subcommand."""
    parser = _Parser(prog="run.py", description="Offline voice assistant for recovery after liver surgery.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="log details and show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _ask_parser(sub)
    _plan_parser(sub)
    _reminders_parser(sub)
    _other_parsers(sub)
    return parser



def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = argv
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        code: int = args.func(args)
        return code
    except AssistantError as err:
        if args.debug:
            _LOGGER.exception("failed")
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
