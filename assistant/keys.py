"""Key presses and typed lines from the terminal, read on a background thread.

Push-to-talk needs single key presses without Enter: ``termios`` cbreak mode on POSIX,
``msvcrt`` on Windows. Typed questions (no microphone, or the patient prefers typing) need whole
lines with echo, so the reader can switch between the two at any time. When stdin is not a
terminal (a pipe), only lines can be read.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

_LOGGER = logging.getLogger(__name__)

POLL_SECONDS = 0.05
"""How often the reader thread checks whether it should stop or switch mode."""

_NAMES = {" ": "space", "\r": "enter", "\n": "enter", "\t": "tab", "\x1b": "escape",
          "\x7f": "backspace", "\x08": "backspace", "\x03": "ctrl-c", "\x04": "ctrl-d"}


@dataclass(frozen=True)
class KeyPress:
    """One key pressed in key mode."""

    key: str
    """"space", "enter", "escape", "ctrl-c", "ctrl-d", or the character itself."""


@dataclass(frozen=True)
class TypedLine:
    """A whole line typed in line mode (Enter pressed)."""

    text: str


@dataclass(frozen=True)
class InputClosed:
    """Stdin reached its end: nothing more will be typed."""


KeyEvent = KeyPress | TypedLine | InputClosed


def key_name(char: str) -> str:
    """The name of one character read in key mode ("space", "enter", or the character)."""
    return _NAMES.get(char, char)


class Keyboard:
    """Reads keys (push-to-talk) or lines (typed questions) and hands each to ``on_event``."""

    def __init__(self, on_event: Callable[[KeyEvent], None], stream: TextIO | None = None) -> None:
        self._on_event = on_event
        # A process started without stdin reads an empty one: the end of input at once.
        self._stream: TextIO = stream or sys.stdin or open(os.devnull)  # noqa: SIM115
        self._line_mode = threading.Event()
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None
        self._saved: Any = None
        self._pending = ""
        self.is_terminal = _isatty(self._stream)

    @property
    def line_mode(self) -> bool:
        """True while whole lines are read instead of single keys."""
        return self._line_mode.is_set() or not self.is_terminal

    def start(self) -> None:
        """Start reading on a daemon thread (the terminal is restored by ``close``)."""
        if self.is_terminal and os.name == "posix":
            self._saved = _posix_cbreak(self._stream.fileno())
        self._thread = threading.Thread(target=self._run, name="keyboard", daemon=True)
        self._thread.start()

    def use_lines(self, on: bool) -> None:
        """Switch to reading typed lines (True) or single key presses (False)."""
        if on == self._line_mode.is_set():
            return
        if on:
            self._line_mode.set()
        else:
            self._line_mode.clear()
        if self.is_terminal and os.name == "posix" and self._saved is not None:
            import termios

            fd = self._stream.fileno()
            if on:
                termios.tcsetattr(fd, termios.TCSANOW, self._saved)
            else:
                _posix_cbreak(fd)

    def close(self) -> None:
        """Stop reading and give the terminal back as it was."""
        self._closing.set()
        if self._saved is not None:
            import termios

            try:
                termios.tcsetattr(self._stream.fileno(), termios.TCSANOW, self._saved)
            except (termios.error, OSError, ValueError) as err:
                _LOGGER.debug("could not restore the terminal: %s", err)

    def _run(self) -> None:
        try:
            while not self._closing.is_set():
                event = self._read_line() if self.line_mode else self._read_key()
                if event is not None:
                    self._on_event(event)
                    if isinstance(event, InputClosed):
                        return
        except (OSError, ValueError) as err:  # the terminal went away
            _LOGGER.debug("keyboard reader stopped: %s", err)
            self._on_event(InputClosed())

    def _read_key(self) -> KeyEvent | None:
        if os.name == "nt":
            return _windows_key()
        char = _posix_read(self._stream, POLL_SECONDS, size=1)
        if char is None:
            return None
        if char and self._line_mode.is_set():
            self._pending += char  # switched to lines while waiting: it begins a typed line
            return None
        return InputClosed() if char == "" else KeyPress(key_name(char))

    def _read_line(self) -> KeyEvent | None:
        if "\n" not in self._pending:
            if os.name == "nt":
                # Windows consoles cannot be polled with select; blocking on a daemon thread is fine.
                data = self._stream.readline()
            else:
                read = _posix_read(self._stream, POLL_SECONDS, size=4096)
                if read is None:
                    return None
                if read and not self.line_mode:
                    return KeyPress(key_name(read[0]))  # switched to keys while waiting
                data = read
            if data == "":
                if not self._pending:
                    return InputClosed()
                data = "\n"  # a last line without a newline still counts
            self._pending += data
            if "\n" not in self._pending:
                return None
        line, self._pending = self._pending.split("\n", 1)
        return TypedLine(line.rstrip("\r"))


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _posix_cbreak(fd: int) -> Any:
    """Turn off line buffering and echo; return the previous settings to restore."""
    import termios
    import tty

    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd, termios.TCSANOW)
    return saved


def _posix_read(stream: TextIO, timeout: float, size: int) -> str | None:
    """Up to ``size`` bytes if ready within ``timeout``, "" at end of input, else None.

    Reads the file descriptor directly: a buffered ``readline`` would hide waiting input from select.
    """
    import select

    fd = stream.fileno()
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return None
    data = os.read(fd, size)
    return data.decode("utf-8", "replace") if data else ""


def _windows_key() -> KeyEvent | None:
    import msvcrt
    import time

    if not msvcrt.kbhit():  # type: ignore[attr-defined]
        time.sleep(POLL_SECONDS)
        return None
    char = msvcrt.getwch()  # type: ignore[attr-defined]
    if char in ("\x00", "\xe0"):  # arrow and function keys come as two characters
        msvcrt.getwch()  # type: ignore[attr-defined]
        return KeyPress("special")
    return KeyPress(key_name(char))
