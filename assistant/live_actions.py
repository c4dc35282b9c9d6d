"""What the live loop asks ``assistant.listen`` to do: small frozen records, one per kind of action."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class PlayEarcon:
    """Play a short earcon (non-blocking)."""

    name: str


@dataclass(frozen=True)
class Speak:
    """Say words, after an optional earcon; ``on_spoken`` is called when done or stopped."""

    text: str
    earcon: str | None = None


@dataclass(frozen=True)
class ShowCaption:
    """Show a caption: who is "you", "assistant" or "status"."""

    who: str
    text: str


@dataclass(frozen=True)
class StopSpeaking:
    """Stop the speech now."""


@dataclass(frozen=True)
class Transcribe:
    """Recognise one utterance; ``on_transcript`` gets the words back."""

    samples: np.ndarray = field(compare=False)
    barge_in: bool = False
    """True for an utterance heard while speaking (only "stop" counts)."""
    early: bool = False
    """True for the words so far, during a pause: the question may not be over."""


@dataclass(frozen=True)
class Respond:
    """Ask the dialogue for a reply to what was heard; ``on_reply`` gets it."""

    heard: str


@dataclass(frozen=True)
class RunSchedule:
    """Run the reminder schedule now; ``on_announcements`` gets what fell due."""


@dataclass(frozen=True)
class TypeMode:
    """Read typed lines (True) or single key presses (False) from the terminal."""

    on: bool


Action = PlayEarcon | Speak | ShowCaption | StopSpeaking | Transcribe | Respond | RunSchedule | TypeMode
