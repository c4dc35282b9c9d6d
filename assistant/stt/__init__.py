"""Speech in: pick a recogniser, load it once, hear recordings through the microphone's path."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from assistant.audio import file_chunks
from assistant.errors import RecognitionError
from assistant.stt.base import Recogniser, Transcript

_LOGGER = logging.getLogger(__name__)

ENGINES = ("whisper", "whisper-base", "vosk")
DEFAULT_MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
MODELS_DIR_ENV = "ASSISTANT_MODELS_DIR"

__all__ = ["ENGINES", "Recogniser", "Transcript", "choose_engine", "default_models_dir",
           "hear_again_timed", "installed_engines", "load_recogniser", "transcribe_file"]


def default_models_dir() -> Path:
    """Where downloaded models live: $ASSISTANT_MODELS_DIR, else the project's models/ folder."""
    return Path(os.environ.get(MODELS_DIR_ENV) or DEFAULT_MODELS_DIR)


def installed_engines(models_dir: Path) -> list[str]:
    """Engines that can load here: whisper (and whisper-base) when their packages are present, vosk
    with an English model."""
    from assistant.stt.vosk import english_model_dirs, vosk_available
    from assistant.stt.whisper import packaged_model_dir
    from assistant.stt.whisper_base import packaged_parts

    found = []
    if packaged_model_dir() is not None:
        found.append("whisper")
    if packaged_parts() is not None:
        found.append("whisper-base")
    if vosk_available() and english_model_dirs(models_dir):
        found.append("vosk")
    return found


def choose_engine(requested: str | None, installed: Sequence[str]) -> str:
    """The engine to use: the one requested, else vosk with an English model, else whisper.

    Raises:
        RecognitionError: the requested name is not a known engine.
    """
    if requested is not None:
        if requested not in ENGINES:
            raise RecognitionError(f"unknown engine '{requested}': expected one of "
                                   f"{', '.join(ENGINES)}")
        return requested
    return "vosk" if "vosk" in installed else "whisper"


def load_recogniser(name: str | None = None, *, models_dir: Path | None = None,
                    vocabulary: Sequence[str] = ()) -> Recogniser:
    """Load the chosen recogniser once per process; ``vocabulary`` biases it to the leaflet.

    Raises:
        RecognitionError: unknown engine, or its model is missing, damaged or fails to load.
    """
    models_dir = models_dir or default_models_dir()
    engine = choose_engine(name, installed_engines(models_dir))
    started = time.perf_counter()
    recogniser: Recogniser
    if engine == "vosk":
        from assistant.stt.vosk import VoskRecogniser, english_model_dirs

        dirs = english_model_dirs(models_dir)
        if not dirs:
            raise RecognitionError(
                f"no English Vosk model in '{models_dir}': run "
                "'python run.py models fetch vosk-small-en-us', or use --stt whisper")
        recogniser = VoskRecogniser.load(dirs[0], vocabulary=vocabulary)
    elif engine == "whisper-base":
        from assistant.stt.whisper_base import WhisperBaseRecogniser

        recogniser = WhisperBaseRecogniser.load_base(models_dir, vocabulary=vocabulary)
    else:
        from assistant.stt.whisper import WhisperRecogniser
        from assistant.stt.whisper_base import WhisperBaseRecogniser, packaged_parts

        whisper = WhisperRecogniser.load(vocabulary=vocabulary)
        if packaged_parts() is not None:  # a question the leaflet answers nothing in is heard again by base
            whisper.second_hearing = lambda: WhisperBaseRecogniser.load_base(models_dir, vocabulary=vocabulary)
        recogniser = whisper
    _LOGGER.debug("loaded %s in %.0f ms", engine, 1000 * (time.perf_counter() - started))
    return recogniser


def transcribe_file(recogniser: Recogniser, path: str | Path, *,
                    realtime: bool = False) -> Transcript:
    """Hear a recording through the same chunked path a microphone feeds.

    With ``realtime`` the chunks arrive at real-time pace and ``stt_ms`` runs from the end of
    the recording (or of the speech) to the final text; otherwise it is all processing time.

    Raises:
        AudioError: the file is missing or not a readable recording.
        RecognitionError: the engine failed.
    """
    chunks = file_chunks(path, recogniser.sample_rate, realtime=realtime)
    started = time.perf_counter()
    transcript = recogniser.transcribe_stream(chunks, live=realtime)
    if realtime:
        return transcript
    return replace(transcript, stt_ms=1000 * (time.perf_counter() - started))


def hear_again_timed(recogniser: Recogniser, spent_ms: list[float]) -> Callable[[], str]:
    """``recogniser.hear_again``, adding the milliseconds each call takes to ``spent_ms``: a reply's
    hearing time counts both hearings."""
    def hear_again() -> str:
        started = time.perf_counter()
        try:
            return recogniser.hear_again()
        finally:
            spent_ms.append(1000 * (time.perf_counter() - started))
    return hear_again
