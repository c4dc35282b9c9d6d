"""Captions: the style suits the terminal, text is wrapped to the window, nothing is lost."""

from __future__ import annotations

import io

import pytest

from assistant.captions import Caption, Captions, choose_style, render


@pytest.mark.parametrize("environ, is_terminal, style", [
    ({}, False, "plain"),
    ({"TERM": "xterm-256color"}, True, "bold"),
    ({"TERM": "xterm", "XTERM_VERSION": "XTerm(390)"}, True, "large"),
    ({"WT_SESSION": "abc"}, True, "large"),
    ({"TERM": "dumb", "XTERM_VERSION": "XTerm(390)"}, True, "plain"),
    ({"ASSISTANT_CAPTIONS": "large"}, False, "large"),
    ({"ASSISTANT_CAPTIONS": "PLAIN", "WT_SESSION": "x"}, True, "plain"),
    ({"ASSISTANT_CAPTIONS": "huge"}, True, "bold"),
])
def test_choose_style(environ, is_terminal, style) -> None:
    assert choose_style(environ, is_terminal) == style


def test_plain_captions_say_who_is_speaking() -> None:
    assert render(Caption("you", "when can I  drive?"), "plain", 80) == "You: when can I drive?\n"
    assert render(Caption("assistant", "Ask your specialist."), "plain", 80) == \
        "Assistant: Ask your specialist.\n"
    assert render(Caption("status", "Ready"), "plain", 80) == "[Ready]\n"


def test_large_captions_are_double_size_and_fit_half_the_window() -> None:
    text = "Your specialist decides when you are ready to drive again, and will let you know."
    out = render(Caption("assistant", text), "large", 40)
    rows = [row for row in out.splitlines() if row]
    assert len(rows) % 2 == 0 and len(rows) >= 6
    tops, bottoms = rows[0::2], rows[1::2]
    assert all(r.startswith("\x1b#3") for r in tops) and all(r.startswith("\x1b#4") for r in bottoms)
    visible = [_strip(r) for r in tops]
    assert all(len(line) <= 19 for line in visible)
    assert " ".join(visible) == f"Assistant: {text}"


def test_bold_captions_keep_every_word_and_use_high_contrast() -> None:
    text = "word " * 60
    out = render(Caption("you", text), "bold", 50)
    assert "\x1b[1;97;40m" in out
    assert " ".join(_strip(r).strip() for r in out.splitlines() if r).split() == ["You:"] + ["word"] * 60


def test_captions_write_to_their_stream() -> None:
    screen = io.StringIO()
    Captions(screen, "plain").show("you", "hello")
    assert screen.getvalue() == "You: hello\n"


def _strip(row: str) -> str:
    import re

    return re.sub(r"\x1b(?:#\d|\[[0-9;]*m)", "", row)
