"""Short sounds that tell a patient what the assistant is doing, each with its own pitch pattern.

Made with numpy at run time (no sound files to ship). Each earcon differs in direction and rhythm,
not only in pitch, so it can be told apart by people with some hearing loss too:

- listening: two notes rising (ready for you)
- heard: one short high blip (got it)
- thinking: three soft low pulses on one note (working)
- didnt_catch: two notes falling (please say it again)
- reminder: a three-note bell-like arpeggio, the longest (something to do)
- error: a low, buzzy falling tone (something went wrong)
"""

from __future__ import annotations

import logging
from functools import lru_cache

import numpy as np

from assistant.errors import AudioError

_LOGGER = logging.getLogger(__name__)

EARCON_RATE = 24000
"""Sample rate of every earcon; the speech engines' rates are close, so devices switch little."""
EARCONS = ("listening", "heard", "thinking", "didnt_catch", "reminder", "error")
"""Every earcon name ``earcon`` accepts."""
PEAK = 0.5
"""Earcons sit below speech loudness, so they inform without startling."""

# (frequency Hz, duration s, gap after s) per note; harmonics=True gives a bell, "buzz" a rough tone.
_NOTES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "listening": ((660.0, 0.09, 0.03), (990.0, 0.13, 0.0)),
    "heard": ((1320.0, 0.07, 0.0),),
    "thinking": ((440.0, 0.07, 0.09), (440.0, 0.07, 0.09), (440.0, 0.07, 0.0)),
    "didnt_catch": ((880.0, 0.12, 0.04), (587.0, 0.2, 0.0)),
    "reminder": ((784.0, 0.14, 0.02), (988.0, 0.14, 0.02), (1175.0, 0.3, 0.0)),
    "error": ((330.0, 0.18, 0.03), (220.0, 0.3, 0.0)),
}
_TIMBRE = {"reminder": "bell", "error": "buzz"}


def _note(frequency: float, seconds: float, timbre: str, rate: int) -> np.ndarray:
    """One note with a soft attack and decay, so it never clicks."""
    t = np.arange(int(seconds * rate)) / rate
    if timbre == "bell":
        wave = sum(np.sin(2 * np.pi * frequency * k * t) / k**1.5 for k in (1, 2, 3))
    elif timbre == "buzz":
        wave = sum(np.sin(2 * np.pi * frequency * k * t) / k for k in (1, 2, 3, 4, 5))
    else:
        wave = np.sin(2 * np.pi * frequency * t)
    attack = np.minimum(1.0, t / 0.008)
    decay = np.exp(-3.0 * t / seconds) if timbre == "bell" else np.minimum(1.0, (seconds - t) / 0.02)
    return np.asarray(wave * attack * decay, dtype=np.float64)


@lru_cache(maxsize=len(EARCONS) * 2)
def _render(name: str, rate: int) -> np.ndarray:
    parts: list[np.ndarray] = []
    for frequency, seconds, gap in _NOTES[name]:
        parts.append(_note(frequency, seconds, _TIMBRE.get(name, "pure"), rate))
        parts.append(np.zeros(int(gap * rate)))
    audio = np.concatenate(parts)
    audio = (audio * (PEAK / np.max(np.abs(audio)))).astype(np.float32)
    audio.flags.writeable = False  # shared from the cache: nobody may change it
    return audio


def earcon(name: str, sample_rate: int = EARCON_RATE) -> tuple[np.ndarray, int]:
    """The earcon ``name`` as (float32 mono samples, sample rate); AudioError for unknown names."""
    if name not in _NOTES:
        raise AudioError(f"unknown earcon {name!r}: expected one of {', '.join(EARCONS)}")
    if not 8000 <= sample_rate <= 192000:
        raise AudioError(f"earcon sample rate {sample_rate} Hz: expected 8000 to 192000")
    return _render(name, sample_rate), sample_rate
