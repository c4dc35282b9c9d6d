"""hibari, a small Kokoro-distilled neural voice (hibari-tts); only voices already on disk are used."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from assistant.errors import ModelFetchError, SynthesisError
from assistant.tts.base import Speaker, SpeechAudio
from assistant.tts.lexicon import HIBARI

_LOGGER = logging.getLogger(__name__)

DEFAULT_VOICE = "heart"
THREADS = 1
"""onnxruntime threads: one is plenty (far faster than real time) and leaves a core for listening."""


def known_voices() -> dict[str, bool]:
    """Every hibari voice name -> whether it is on disk (in the package or fetched before)."""
    from hibari.voices import VOICES, voice_path

    present: dict[str, bool] = {}
    for name in VOICES:
        try:
            voice_path(name, download_missing=False)
            present[name] = True
        except FileNotFoundError:
            present[name] = False
    return present


def resolve_voice(voice: str | None) -> str:
    """The model path for a voice name; never downloads (SynthesisError naming what to do)."""
    from hibari.voices import cache_dir, voice_path

    name = voice or DEFAULT_VOICE
    voices = known_voices()
    if name not in voices:
        raise SynthesisError(f"unknown hibari voice {name!r}: expected one of {', '.join(voices)}")
    if not voices[name]:
        # The assistant runs offline, so a voice that is not in the package must be fetched first.
        raise SynthesisError(
            f"hibari voice {name!r} is not installed: fetch it once while online "
            f"(hibari --voice {name} 'test' -o test.wav) or copy its file into {cache_dir()}; "
            f"installed: {', '.join(n for n, ok in voices.items() if ok)}"
        )
    path: str = voice_path(name, download_missing=False)
    return path


class HibariSpeaker(Speaker):
    """Speech from a hibari voice; construct with ``HibariSpeaker.load``."""

    name: ClassVar[str] = "hibari"

    def __init__(self, engine: Any, voice_name: str) -> None:
        self._engine = engine
        self.voice_name = voice_name
        self.sample_rate: int = int(engine.sample_rate)

    @classmethod
    def load(cls, voice: str | None = None) -> HibariSpeaker:
        """Load a voice (default: heart, inside the package) and its text-to-phoneme rules."""
        path = resolve_voice(voice)
        name = voice or DEFAULT_VOICE
        try:
            from hibari import Hibari

            engine = Hibari(voice=name, model=path, threads=THREADS)
            engine.g2p  # noqa: B018 - load the lexicon now, not during the first answer
        except (OSError, ValueError, RuntimeError, ImportError) as err:
            raise SynthesisError(f"cannot load hibari voice {name!r}: {err}") from err
        return cls(engine, name)

    def synthesize(self, text: str, *, rate: float = 1.0, volume: float = 1.0) -> Iterator[SpeechAudio]:
        """Yield audio sentence by sentence, so speech can start after the first sentence."""
        return self._stream(text, HIBARI, self._say, self.sample_rate, rate, volume)

    def _say(self, sentence: str, rate: float) -> np.ndarray:
        # hibari splits its input again at its own sentence ends; ours arrive one at a time.
        parts = list(self._engine.stream(sentence, speed=rate))
        return np.concatenate(parts) if parts else np.zeros(0, np.float32)


def fetch_voice(name: str, source: str | None = None) -> Path:
    """Install a hibari voice once, while online or from a file: ``models fetch hibari-<name>``.

    ``source`` is a local copy of the voice's ``.onnx`` file or a URL (default: hibari's own
    address). The file is checked against the sha256 in hibari's registry before it is used.

    Raises:
        ModelFetchError: unknown voice, download failed or the file does not match.
    """
    from hibari.voices import BASE_URL, VOICES, cache_dir, download, sha256_of

    if name not in VOICES:
        raise ModelFetchError(f"unknown hibari voice {name!r}: expected one of {', '.join(VOICES)}")
    entry = VOICES[name]
    if entry.get("bundled"):
        return Path(resolve_voice(name))
    dest = Path(cache_dir()) / entry["file"]
    if source and not source.startswith(("http://", "https://")):
        if not Path(source).is_file():
            raise ModelFetchError(f"voice file {source} not found: expected hibari's {entry['file']}")
        if sha256_of(source) != entry["sha256"]:
            raise ModelFetchError(f"{source} is not hibari's {entry['file']} (its sha256 does not match)")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
        return dest
    try:
        return Path(download(source or BASE_URL + entry["file"], str(dest), entry["sha256"]))
    except (RuntimeError, OSError) as err:
        raise ModelFetchError(f"cannot fetch hibari voice {name!r}: {err}") from err
