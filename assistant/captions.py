"""Large, high-contrast captions of what the assistant heard and said, for people with some sight.

Three styles, chosen once per run:

- ``large``: double-height, double-width letters (the DEC ``ESC # 3`` / ``ESC # 4`` line modes) in
  bright colours on black. xterm, Konsole and Windows Terminal draw them; other terminals would
  show each line twice, so ``large`` is only the default where it is known to work.
- ``bold``: bright bold text on black with a blank line around each caption, wrapped to the window.
- ``plain``: "You: ..." and "Assistant: ..." lines, for pipes, logs and screen readers.

``ASSISTANT_CAPTIONS=large|bold|plain`` overrides the choice.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

_LOGGER = logging.getLogger(__name__)

STYLES = ("large", "bold", "plain")
CAPTIONS_ENV = "ASSISTANT_CAPTIONS"
_LARGE_TERMINALS = ("XTERM_VERSION", "KONSOLE_VERSION", "WT_SESSION")
"""Environment variables set only by terminals known to draw double-size lines."""

_RESET = "\x1b[0m"
_TOP, _BOTTOM = "\x1b#3", "\x1b#4"
# Yellow and white on black: the highest-contrast pairs, and the patient's words differ in colour.
_COLOURS = {"you": "\x1b[1;97;40m", "assistant": "\x1b[1;93;40m", "status": "\x1b[1;96;40m"}
_LABELS = {"you": "You", "assistant": "Assistant", "status": ""}


@dataclass(frozen=True)
class Caption:
    """One caption to show."""

    who: str
    """"you" (what was heard), "assistant" (what is said) or "status" (e.g. "Listening")."""
    text: str


def choose_style(environ: Mapping[str, str], is_terminal: bool) -> str:
    """The caption style for this terminal: the override, else large/bold/plain by what it can do."""
    wanted = environ.get(CAPTIONS_ENV, "").strip().lower()
    if wanted in STYLES:
        return wanted
    if wanted:
        _LOGGER.warning("%s=%r: expected one of %s; choosing automatically",
                        CAPTIONS_ENV, wanted, ", ".join(STYLES))
    if not is_terminal or environ.get("TERM") == "dumb":
        return "plain"
    return "large" if any(environ.get(name) for name in _LARGE_TERMINALS) else "bold"


def render(caption: Caption, style: str, width: int) -> str:
    """The caption as terminal text (ending with a newline) in ``style`` for a ``width``-column window."""
    label = _LABELS.get(caption.who, caption.who.title())
    text = " ".join(caption.text.split()) or "…"
    if style == "plain":
        return f"{label}: {text}\n" if label else f"[{text}]\n"
    colour = _COLOURS.get(caption.who, _COLOURS["status"])
    if style == "large":
        # Each double-size line takes two rows and twice the width, so wrap to half.
        lines = _wrap(f"{label}: {text}" if label else text, max(10, width // 2 - 1))
        rows = [f"{half}{colour}{line}{_RESET}" for line in lines for half in (_TOP, _BOTTOM)]
        return "\n" + "\n".join(rows) + "\n"
    lines = _wrap(f"{label}: {text}" if label else text, max(10, width - 2))
    return "\n" + "\n".join(f"{colour} {line.ljust(min(width - 2, 78))} {_RESET}" for line in lines) + "\n"


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]


class Captions:
    """Writes captions to a terminal (or a pipe) in the style chosen for it."""

    def __init__(self, stream: TextIO | None = None, style: str | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        self.stream = stream or sys.stdout
        is_terminal = _isatty(self.stream)
        self.style = style or choose_style(os.environ if environ is None else environ, is_terminal)

    def show(self, who: str, text: str) -> None:
        """Show one caption now."""
        width = shutil.get_terminal_size((80, 24)).columns
        try:
            self.stream.write(render(Caption(who, text), self.style, width))
            self.stream.flush()
        except (OSError, ValueError) as err:  # a closed terminal must not stop the assistant
            _LOGGER.debug("cannot show caption: %s", err)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
