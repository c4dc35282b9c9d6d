"""hibari voices: only voices on disk are used; fetching one is explicit and checked."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

hibari_voices = pytest.importorskip("hibari.voices")

from assistant.errors import ModelFetchError, SynthesisError  # noqa: E402
from assistant.tts.hibari import fetch_voice, known_voices, resolve_voice  # noqa: E402


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty hibari cache, and a registry entry for a small stand-in voice file."""
    monkeypatch.setenv("HIBARI_HOME", str(tmp_path / "cache"))
    voice_file = tmp_path / "downloads" / "test.int8.onnx"
    voice_file.parent.mkdir()
    voice_file.write_bytes(b"not really a model")
    entry = {
        "file": "test.int8.onnx",
        "sha256": hashlib.sha256(voice_file.read_bytes()).hexdigest(),
        "british": True,
        "bytes": voice_file.stat().st_size,
    }
    monkeypatch.setitem(hibari_voices.VOICES, "testvoice", entry)
    return voice_file


def test_the_packaged_voice_is_always_there(cache: Path) -> None:
    assert known_voices()["heart"] is True
    assert Path(resolve_voice(None)).is_file()


def test_a_voice_not_fetched_is_refused_without_downloading(cache: Path) -> None:
    with pytest.raises(SynthesisError, match="hibari voice 'testvoice' is not installed.*installed: heart"):
        resolve_voice("testvoice")
    assert not (cache.parent.parent / "cache").exists()


def test_fetch_from_a_local_file_checks_it_and_installs_it(cache: Path) -> None:
    installed = fetch_voice("testvoice", str(cache))
    assert installed.read_bytes() == cache.read_bytes()
    assert known_voices()["testvoice"] is True
    assert resolve_voice("testvoice") == str(installed)


def test_fetch_refuses_a_file_that_does_not_match(cache: Path, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.onnx"
    wrong.write_bytes(b"something else")
    with pytest.raises(ModelFetchError, match="sha256 does not match"):
        fetch_voice("testvoice", str(wrong))
    assert known_voices()["testvoice"] is False


def test_fetch_names_the_voices_it_knows(cache: Path) -> None:
    with pytest.raises(ModelFetchError, match="unknown hibari voice 'klingon'.*emma"):
        fetch_voice("klingon")
    with pytest.raises(ModelFetchError, match="not found"):
        fetch_voice("testvoice", str(cache.parent / "missing.onnx"))
