"""The default recogniser end to end: packaged tiny.en on rendered speech through the chunk path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant.errors import RecognitionError
from assistant.stt import load_recogniser, transcribe_file
from assistant.stt.whisper import (
    MODEL_SHA256,
    WhisperRecogniser,
    bias_text,
    packaged_model_dir,
    verify_model,
)

try:
    from tests.audio_corpus import (
        RATE,
        TEST_QUESTIONS,
        CorpusClip,
        build_corpus,
        espeak_available,
        word_errors,
    )
except ModuleNotFoundError:  # tests/ itself on sys.path (pytest's default rootdir insertion)
    from audio_corpus import (  # type: ignore[no-redef]
        RATE,
        TEST_QUESTIONS,
        CorpusClip,
        build_corpus,
        espeak_available,
        word_errors,
    )

pytestmark = pytest.mark.engine


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> tuple[Path, list[CorpusClip]]:
    """The test questions in Piper (normal, slow) and espeak-ng, clean, plus negatives."""
    folder = tmp_path_factory.mktemp("whisper-corpus")
    voices = ["piper", "piper-slow"] + (["espeak-gb"] if espeak_available() else [])
    return folder, build_corpus(folder, TEST_QUESTIONS, voices, ["clean"])


@pytest.fixture(scope="session")
def recogniser() -> WhisperRecogniser:
    rec = load_recogniser("whisper")
    assert isinstance(rec, WhisperRecogniser)
    return rec


class _CountingRecogniser(WhisperRecogniser):
    """The whisper adapter's streaming logic with the decoder replaced: counts decodes and lengths."""

    def __init__(self) -> None:
        super().__init__(model=None)
        self.decoded: list[int] = []

    def transcribe_samples(self, samples: np.ndarray) -> tuple[str, float]:
        self.decoded.append(len(samples))
        return "when can I drive", 0.9


def _two_phrases_then_silence() -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    voiced = 0.2 * rng.standard_normal(RATE).astype(np.float32)
    audio = np.concatenate([voiced, np.zeros(RATE // 2, np.float32), voiced,
                            np.zeros(3 * RATE, np.float32)])
    return [audio[i:i + 1600] for i in range(0, len(audio), 1600)]


def test_a_recording_is_decoded_whole_however_slowly_it_is_read(monkeypatch):
    """A busy machine reads a file slower than real time; it must not be taken for a microphone.

    The clock is made slow (one second per reading), so judged by pace every chunk looks live, and
    live audio is decoded early at the pause, on less trailing silence than the whole question.
    """
    import assistant.stt.whisper as whisper

    ticks = iter(range(10_000))
    monkeypatch.setattr(whisper.time, "perf_counter", lambda: float(next(ticks)))
    heard = {}
    for live in (False, True, None):
        rec = _CountingRecogniser()
        assert rec.transcribe_stream(_two_phrases_then_silence(), live=live).text == "when can I drive"
        heard[live] = rec.decoded
    (whole,) = heard[False]
    assert heard[True][0] < whole and heard[None][0] < whole  # None: judged by pace, looks live


def _wer(folder: Path, clips: list[CorpusClip], rec: WhisperRecogniser) -> float:
    errors = words = 0
    for clip in clips:
        heard = transcribe_file(rec, folder / clip.file)
        e, n = word_errors(clip.text, heard.text)
        errors, words = errors + e, words + n
    return errors / words


# About 47 words per voice: one word is 2 points, and Piper renders a little differently each run.
@pytest.mark.parametrize("voice, budget", [("piper", 0.15), ("piper-slow", 0.15),
                                           ("espeak-gb", 0.30)])
def test_clean_questions_are_heard_within_the_word_error_budget(corpus, recogniser, voice, budget):
    folder, clips = corpus
    chosen = [c for c in clips if c.voice == voice]
    if not chosen:
        pytest.skip("espeak-ng is not installed (Debian package espeak-ng)")
    assert _wer(folder, chosen, recogniser) <= budget


def test_negatives_are_not_speech(corpus, recogniser):
    folder, clips = corpus
    for name in ("neg-silence.wav", "neg-cough.wav"):
        heard = transcribe_file(recogniser, folder / name)
        assert not heard.speech_found and heard.text == ""


def _variant(folder: Path, clip: CorpusClip, name: str, change) -> Path:  # type: ignore[no-untyped-def]
    audio, rate = sf.read(str(folder / clip.file), dtype="float32")
    data, new_rate = change(audio, rate)
    out = folder / f"{name}-{clip.file}"
    sf.write(str(out), data, new_rate, subtype="PCM_16")
    return out


@pytest.mark.parametrize("name, change, budget", [
    ("phone8k", lambda a, r: (a[::2], r // 2), 0.35),
    ("stereo48k", lambda a, r: (np.stack([np.repeat(a, 3)] * 2, axis=1), r * 3), 0.12),
    ("clipped", lambda a, r: (np.clip(a * 8, -1, 1), r), 0.35),
])
def test_telephone_stereo_and_clipped_recordings_are_heard(corpus, recogniser, name, change,
                                                           budget):
    folder, clips = corpus
    clip = next(c for c in clips if c.voice == "piper")
    heard = transcribe_file(recogniser, _variant(folder, clip, name, change))
    e, n = word_errors(clip.text, heard.text)
    assert e / n <= budget


def test_very_quiet_recording_is_heard_or_not_caught(corpus, recogniser):
    folder, clips = corpus
    clip = next(c for c in clips if c.voice == "piper")
    heard = transcribe_file(recogniser,
                            _variant(folder, clip, "quiet", lambda a, r: (a * 0.01, r)))
    if heard.speech_found:
        e, n = word_errors(clip.text, heard.text)
        assert e / n <= 0.35
    else:
        assert heard.text == ""


def test_realtime_pacing_hears_the_same_words(corpus, recogniser):
    folder, clips = corpus
    clip = next(c for c in clips if c.voice == "piper")
    fast = transcribe_file(recogniser, folder / clip.file)
    paced = transcribe_file(recogniser, folder / clip.file, realtime=True)
    assert paced.text == fast.text and paced.speech_found
    assert paced.audio_seconds == pytest.approx(fast.audio_seconds)


def test_a_question_the_leaflet_answers_nothing_in_is_heard_again_by_the_base_model(
        corpus, library, tmp_path_factory):
    folder, clips = corpus
    models = tmp_path_factory.mktemp("models")
    recogniser = load_recogniser("whisper", vocabulary=library.vocabulary(), models_dir=models)
    assert isinstance(recogniser, WhisperRecogniser) and recogniser.prompt
    assert recogniser.second_hearing is not None  # the base packages are project dependencies
    clip = next(c for c in clips if c.voice == "piper" and c.kind == "answer")
    first = transcribe_file(recogniser, folder / clip.file)
    assert not (models / "whisper-base").exists()  # base is loaded only when a question is heard again
    again = recogniser.hear_again()
    assert (models / "whisper-base" / "model.bin").is_file()
    errors, words = word_errors(clip.text, again)
    assert errors / words <= 0.35, (clip.text, first.text, again)
    silence = next(c for c in clips if c.kind == "negative" and "silence" in c.file)
    assert not transcribe_file(recogniser, folder / silence.file).speech_found
    assert recogniser.hear_again() == ""  # nothing heard: nothing to hear again


class _Hearer(WhisperRecogniser):
    """The adapter with its decoder replaced: always hears ``text``, and notes the prompts it had."""

    def __init__(self, text: str, prompt: str | None = "Keyhole surgery") -> None:
        super().__init__(model=None, prompt=prompt)
        self.text = text
        self.prompts: list[str | None] = []

    def _decode(self, samples: np.ndarray, prompt: str | None) -> tuple[str, float]:
        self.prompts.append(prompt)
        return self.text, 0.9


def test_the_second_hearing_is_loaded_once_and_only_when_needed():
    first = _Hearer("keel pets how many")
    loads: list[int] = []

    def load_second() -> WhisperRecogniser:
        loads.append(1)
        return _Hearer("keyhole cuts how many")

    first.second_hearing = load_second
    assert first.hear_again() == "" and loads == []  # nothing heard yet
    assert first.transcribe_stream(_two_phrases_then_silence(), live=False).text == "keel pets how many"
    assert first.hear_again() == "keyhole cuts how many"
    assert first.hear_again() == "keyhole cuts how many"
    assert loads == [1]


def test_a_live_session_can_load_the_second_hearing_before_the_first_question():
    first = _Hearer("keel pets how many")
    loads: list[int] = []
    first.second_hearing = lambda: loads.append(1) or _Hearer("keyhole cuts how many")
    first.prepare_hearing_again()
    assert loads == [1]
    first.transcribe_stream(_two_phrases_then_silence(), live=False)
    assert first.hear_again() == "keyhole cuts how many" and loads == [1]


def test_without_its_second_recogniser_a_question_is_heard_again_without_the_prompt(caplog):
    first = _Hearer("keel pets how many")

    def damaged() -> WhisperRecogniser:
        raise RecognitionError("whisper model file 'model.bin' is damaged")

    first.second_hearing = damaged
    first.transcribe_stream(_two_phrases_then_silence(), live=False)
    assert first.hear_again() == "keel pets how many"
    assert first.prompts == ["Keyhole surgery", None]
    assert "damaged" in caplog.text
    unprimed = _Hearer("keel pets", prompt=None)  # no prompt, no second recogniser: no other way
    unprimed.transcribe_stream(_two_phrases_then_silence(), live=False)
    assert unprimed.hear_again() == ""


def test_transcript_fields(corpus, recogniser):
    folder, clips = corpus
    clip = clips[0]
    heard = transcribe_file(recogniser, folder / clip.file)
    assert 0.0 < heard.confidence <= 1.0
    assert heard.stt_ms > 0
    assert heard.audio_seconds == pytest.approx(sf.info(str(folder / clip.file)).duration, abs=0.2)


def test_damaged_or_missing_model_files_are_refused(tmp_path):
    source = packaged_model_dir()
    assert source is not None
    for name in MODEL_SHA256:
        (tmp_path / name).symlink_to(source / name)
    verify_model(tmp_path)
    (tmp_path / "config.json").unlink()
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(RecognitionError, match="damaged"):
        WhisperRecogniser.load(tmp_path)
    (tmp_path / "config.json").unlink()
    with pytest.raises(RecognitionError, match="missing"):
        verify_model(tmp_path)


def test_unknown_biasing_mode_is_refused():
    with pytest.raises(RecognitionError, match="expected one of none, prompt, hotwords"):
        WhisperRecogniser.load(biasing="shout")


def test_bias_text_is_the_title_then_the_rarest_words():
    vocabulary = ["Liver surgery", "the", "wound", "hepatobiliary", "epidural", "epidurals", "long-term",
                  "you're", "catheter", "Liver surgery"]
    assert bias_text(vocabulary) == "Liver surgery: hepatobiliary, epidural, catheter."
    assert bias_text(vocabulary, limit=3) == "Liver surgery: hepatobiliary."
    assert bias_text(["wound", "epidural"]) == "epidural."
    assert bias_text([]) == ""


def test_a_library_primes_the_recogniser_with_its_titles_and_spoken_words(library):
    vocabulary = library.vocabulary()
    assert vocabulary[0] == library.packs[0].title
    assert "epidural" in vocabulary and "cath eater" not in vocabulary  # leaflet words, not lay slips


def test_audio_rate_constant_matches_engine():
    assert RATE == WhisperRecogniser.sample_rate


_LISTEN_ONCE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from assistant.audio import microphone_chunks
from assistant.stt import load_recogniser
recogniser = load_recogniser("whisper")

def chunks():
    mic = microphone_chunks()
    yield next(mic)
    print("listening", flush=True)  # sound fed before the first chunk arrives would be lost
    yield from mic

heard = recogniser.transcribe_stream(chunks())
print(json.dumps({"text": heard.text, "speech_found": heard.speech_found}), flush=True)
"""


@pytest.mark.audio_device
def test_a_question_spoken_into_a_microphone_is_heard(corpus, tmp_path_factory):
    """The real microphone path: PortAudio records a virtual microphone until the end of speech."""
    import json
    import subprocess
    import sys
    import time

    from tests.audio_devices import VirtualAudio, missing_tools

    if missing_tools():
        pytest.skip(f"needs PulseAudio programs {', '.join(missing_tools())}")
    audio = VirtualAudio.start(tmp_path_factory.mktemp("pulse-stt"))
    folder, clips = corpus
    clip = next(c for c in clips if c.voice == "piper")
    root = Path(__file__).resolve().parents[1]
    try:
        child = subprocess.Popen([sys.executable, "-c", _LISTEN_ONCE, str(root)], env=audio.env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert audio.wait_recording(timeout=60), "the recogniser never opened the microphone"
        assert child.stdout is not None and child.stdout.readline().strip() == "listening"
        time.sleep(0.3)
        audio.speak_into_mic(folder / clip.file)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
        audio.stop()
    heard = json.loads(out.strip().splitlines()[-1]) if out.strip() else {"stderr": err}
    assert heard.get("speech_found"), heard
    e, n = word_errors(clip.text, heard["text"])
    assert e / n <= 0.12, heard
