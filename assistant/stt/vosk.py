"""The Vosk recogniser: Kaldi streaming, used when an English Vosk model is installed."""

from __future__ import annotations

import importlib.util
import json
import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.audio import SegmenterConfig, SpeechSegmenter
from assistant.errors import RecognitionError
from assistant.stt.base import Recogniser, Transcript, segment_stream

_LOGGER = logging.getLogger(__name__)

UNKNOWN_WORD = "[unk]"


def vosk_available() -> bool:
    """Whether the vosk package is installed (cheap: does not load the library)."""
    return importlib.util.find_spec("vosk") is not None


def looks_like_model(folder: Path) -> bool:
    """Whether a folder has the parts every Vosk model has."""
    return (folder / "am" / "final.mdl").is_file() and (folder / "conf").is_dir()


def english_model_dirs(models_dir: Path) -> list[Path]:
    """English Vosk models unpacked under ``models_dir``, smallest name first."""
    if not models_dir.is_dir():
        return []
    return sorted(d for d in models_dir.iterdir()
                  if d.is_dir() and d.name.startswith("vosk-model") and "-en-" in d.name
                  and looks_like_model(d))


@dataclass(frozen=True)
class VoskResult:
    """One result from the Kaldi decoder while audio streams in."""

    text: str
    final: bool
    """True at an endpoint the decoder found (or the end of the turn); False for a partial."""
    confidence: float = 0.0


def _pcm16(chunk: np.ndarray) -> bytes:
    return (np.clip(chunk, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()


def _is_word(token: str) -> bool:
    # Markers such as [unk] or [noise] are the decoder's, not the speaker's words.
    return not (token.startswith("[") and token.endswith("]"))


def _final(raw: str) -> VoskResult:
    data = json.loads(raw)
    words = [w for w in data.get("result", []) if _is_word(w.get("word", ""))]
    text = " ".join(w for w in data.get("text", "").split() if _is_word(w))
    conf = float(np.mean([w.get("conf", 0.0) for w in words])) if words else 0.0
    return VoskResult(text, True, conf)


class VoskRecogniser(Recogniser):
    """A Vosk model with a fresh Kaldi recogniser per turn."""

    name = "vosk"

    def __init__(self, model: Any, *, grammar: Sequence[str] | None = None,
                 segmenter: SegmenterConfig | None = None) -> None:
        self._model = model
        self.grammar = list(grammar) if grammar else None
        self.segmenter = segmenter

    @classmethod
    def load(cls, model_dir: Path, *, vocabulary: Sequence[str] = (),
             grammar: Sequence[str] | None = None) -> VoskRecogniser:
        """Load a model folder; ``grammar`` limits what can be heard (plus unknown words).

        ``vocabulary`` is accepted for symmetry with whisper but not used: a small Vosk
        graph cannot add words at run time, and a grammar would stop free questions.

        Raises:
            RecognitionError: vosk missing, or the folder is not a loadable Vosk model.
        """
        if not vosk_available():
            raise RecognitionError("vosk is not installed: run 'pip install vosk'")
        if not looks_like_model(model_dir):
            raise RecognitionError(f"'{model_dir}' is not a Vosk model folder: expected am/, "
                                   "conf/ and graph/ inside, as unpacked from a vosk-model zip")
        import vosk

        vosk.SetLogLevel(-1)
        try:
            model = vosk.Model(str(model_dir))
        except Exception as err:  # vosk raises a bare Exception("Failed to create a model")
            raise RecognitionError(f"cannot load the Vosk model in '{model_dir}': {err}") from err
        _LOGGER.debug("vosk model %s loaded (vocabulary of %d terms unused)", model_dir,
                      len(vocabulary))
        return cls(model, grammar=grammar)

    def _decoder(self) -> Any:
        import vosk

        try:
            if self.grammar:
                phrases = json.dumps([*self.grammar, UNKNOWN_WORD], ensure_ascii=False)
                rec = vosk.KaldiRecognizer(self._model, self.sample_rate, phrases)
            else:
                rec = vosk.KaldiRecognizer(self._model, self.sample_rate)
            rec.SetWords(True)
        except Exception as err:  # bare Exception from the C library
            raise RecognitionError(f"cannot start the Vosk recogniser: {err}") from err
        return rec

    def stream_results(self, chunks: Iterable[np.ndarray],
                       segmenter: SpeechSegmenter | None = None) -> Iterator[VoskResult]:
        """Feed chunks to the decoder; yield partial and final results, then the last final."""
        rec = self._decoder()
        segmenter = segmenter or SpeechSegmenter(self.sample_rate, self.segmenter)
        try:
            for chunk, _ in segment_stream(chunks, segmenter):
                if rec.AcceptWaveform(_pcm16(chunk)):
                    yield _final(rec.Result())
                else:
                    partial = json.loads(rec.PartialResult()).get("partial", "")
                    if partial:
                        yield VoskResult(partial, False)
            yield _final(rec.FinalResult())
        except (RuntimeError, ValueError, json.JSONDecodeError) as err:
            raise RecognitionError(f"Vosk failed while decoding: {err}") from err

    def transcribe_stream(self, chunks: Iterable[np.ndarray], *, live: bool | None = None
                          ) -> Transcript:
        """Hear one question: join the decoder's final results up to the end of speech."""
        segmenter = SpeechSegmenter(self.sample_rate, self.segmenter)
        seconds = 0.0
        ended_at = time.perf_counter()

        def counted() -> Iterator[np.ndarray]:
            nonlocal seconds, ended_at
            for chunk in chunks:
                # The moment the last chunk arrived is the end of the recording or speech.
                ended_at = time.perf_counter()
                seconds += len(chunk) / self.sample_rate
                yield chunk

        finals = [r for r in self.stream_results(counted(), segmenter) if r.final and r.text]
        text = " ".join(r.text for r in finals)
        if not segmenter.in_speech:
            text = ""
        confidence = float(np.mean([r.confidence for r in finals])) if text else 0.0
        stt_ms = 1000 * (time.perf_counter() - ended_at)
        return Transcript(text, confidence, seconds, stt_ms, bool(text))
