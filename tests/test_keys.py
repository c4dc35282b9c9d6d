"""Keys and typed lines from a terminal (a pseudo-terminal here) or a pipe."""

from __future__ import annotations

import os
import queue
import sys

import pytest

from assistant.keys import InputClosed, Keyboard, KeyPress, TypedLine, key_name


@pytest.mark.parametrize("char, name", [(" ", "space"), ("\r", "enter"), ("\n", "enter"),
                                        ("\x1b", "escape"), ("\x03", "ctrl-c"), ("a", "a")])
def test_key_names(char: str, name: str) -> None:
    assert key_name(char) == name


def _collect(keyboard_events: queue.Queue, count: int) -> list[object]:
    return [keyboard_events.get(timeout=5) for _ in range(count)]


def test_a_pipe_gives_typed_lines_then_the_end() -> None:
    read_fd, write_fd = os.pipe()
    events: queue.Queue = queue.Queue()
    keyboard = Keyboard(events.put, stream=os.fdopen(read_fd, "r"))
    assert not keyboard.is_terminal and keyboard.line_mode
    keyboard.start()
    os.write(write_fd, b"when can I drive\nslower\r\nlast without newline")
    os.close(write_fd)
    got = _collect(events, 4)
    keyboard.close()
    assert got == [TypedLine("when can I drive"), TypedLine("slower"),
                   TypedLine("last without newline"), InputClosed()]


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_terminal_gives_single_keys_then_lines_and_is_restored() -> None:
    import pty
    import termios

    master, slave = pty.openpty()
    before = termios.tcgetattr(slave)
    stream = os.fdopen(slave, "r")
    events: queue.Queue = queue.Queue()
    keyboard = Keyboard(events.put, stream=stream)
    assert keyboard.is_terminal
    keyboard.start()
    os.write(master, b" x")
    assert _collect(events, 2) == [KeyPress("space"), KeyPress("x")]
    keyboard.use_lines(True)
    os.write(master, b"how long in hospital\n")
    assert _collect(events, 1) == [TypedLine("how long in hospital")]
    keyboard.use_lines(False)
    os.write(master, b"\r")
    assert _collect(events, 1) == [KeyPress("enter")]
    keyboard.close()
    assert termios.tcgetattr(slave)[3] == before[3]  # echo and line editing are back
    os.close(master)
