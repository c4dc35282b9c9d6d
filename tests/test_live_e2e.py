"""End to end through real audio devices: a private PulseAudio, ``run.py listen``, a spoken question.

The question is rendered with Piper, played into the virtual microphone, and what the assistant
says on the virtual speaker is captured, transcribed with the whisper recogniser and checked
for the answer's key facts. A key press, sent through a pseudo-terminal as a patient would type
it, and "stop" said into the microphone must each cut the speech short; push-to-talk ignores
sound until a key is pressed; "slower" said aloud is saved; and when the sound system goes away
and comes back, the assistant says so and carries on. After the push-to-talk test, one hands-free
``listen`` process serves the rest of the module (about a minute in all).
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant.normalise import clean
from tests.audio_devices import VirtualAudio, virtual_audio  # noqa: F401 - a fixture

pty = pytest.importorskip("pty", reason="the key-press tests drive a POSIX pseudo-terminal")
ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.engine, pytest.mark.audio_device]


@dataclass
class Listener:
    """``run.py listen --hands-free`` running on the virtual devices; stdin is a terminal."""

    process: subprocess.Popen[str]
    keys_fd: int
    home: Path
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    seen: list[str] = field(default_factory=list)

    def wait_for(self, prefix: str, timeout: float = 90.0) -> str:
        """The next stdout line starting with ``prefix`` (earlier lines are kept in ``seen``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.seen.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError(f"no line starting {prefix!r}; output so far: {self.seen}")

    def press(self, key: bytes = b" ") -> None:
        """Type a key on the listener's terminal."""
        os.write(self.keys_fd, key)


def _read_lines(stream: object, into: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line.rstrip("\n"))


@contextmanager
def _listening(audio: VirtualAudio, home: Path, *options: str) -> Iterator[Listener]:
    """``run.py listen OPTIONS`` on the virtual devices, ready (greeting said) when it yields."""
    master, slave = pty.openpty()
    env = {**audio.env, "ASSISTANT_NO_VENV_REEXEC": "1", "ASSISTANT_CAPTIONS": "plain"}
    with open(home / "stderr.log", "w", encoding="utf-8") as errors:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "run.py"), "listen", *options, "--stt", "whisper",
             "--home", str(home)],
            stdin=slave, stdout=subprocess.PIPE, stderr=errors, text=True, cwd=ROOT, env=env)
    os.close(slave)
    running = Listener(process, master, home)
    threading.Thread(target=_read_lines, args=(process.stdout, running.lines), daemon=True).start()
    try:
        assert audio.wait_recording(), "listen never opened the microphone"
        running.wait_for("[Ready]")  # the greeting has been said
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        os.close(master)


@pytest.fixture(scope="module")
def listener(virtual_audio: VirtualAudio, tmp_path_factory: pytest.TempPathFactory  # noqa: F811
             ) -> Iterator[Listener]:
    """The hands-free assistant, started once for this module's later tests."""
    with _listening(virtual_audio, tmp_path_factory.mktemp("home"), "--hands-free") as running:
        yield running


@pytest.fixture(scope="module")
def question_wavs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Spoken questions rendered with Piper, as a patient would ask them."""
    from tests.audio_corpus import VOICES, render_speech

    folder = tmp_path_factory.mktemp("questions")
    wavs = {}
    for name, text in (("drive", "When can I drive again?"),
                       ("hospital", "How long will I be in hospital after the operation?"),
                       ("stop", "Stop."),
                       ("slower", "Speak more slowly, please.")):
        wavs[name] = folder / f"{name}.wav"
        # A person draws breath before speaking: 0.4 s of silence first, so the start of the first
        # word is not lost while the virtual microphone's feed stream starts up.
        lead_in = np.zeros(int(0.4 * 16000), dtype=np.float32)
        sf.write(wavs[name], np.concatenate([lead_in, render_speech(text, VOICES["piper"])]), 16000)
    return wavs


def _transcribe(wav: Path) -> str:
    from assistant.audio import read_audio
    from assistant.stt import load_recogniser

    recogniser = load_recogniser("whisper")
    text, _ = recogniser.transcribe_samples(read_audio(wav).samples)  # type: ignore[attr-defined]
    return clean(text)


def _loudness_by_second(wav: Path) -> list[float]:
    samples, rate = sf.read(wav, dtype="float32")
    return [float(np.sqrt(np.mean(np.square(samples[i:i + rate])))) if len(samples[i:i + rate]) else 0.0
            for i in range(0, len(samples), rate)]


def test_push_to_talk_listens_only_after_a_key(virtual_audio: VirtualAudio,  # noqa: F811
                                              question_wavs: dict[str, Path], tmp_path: Path) -> None:
    # Runs before the hands-free listener exists: two assistants would both hear the question.
    with _listening(virtual_audio, tmp_path) as listener:
        virtual_audio.speak_into_mic(question_wavs["drive"])
        time.sleep(2.0)
        assert not any(line.startswith("You:") for line in _drain(listener)), "answered without a key"
        listener.press(b" ")
        listener.wait_for("[Listening", timeout=10)
        time.sleep(0.5)  # after the listening earcon
        virtual_audio.speak_into_mic(question_wavs["drive"])
        assert "drive" in clean(listener.wait_for("You:"))
        listener.wait_for("Assistant:")
        listener.press(b"\r")
        listener.wait_for("[Stopped]", timeout=20)


def _drain(listener: Listener) -> list[str]:
    lines = []
    while not listener.lines.empty():
        lines.append(listener.lines.get())
    listener.seen.extend(lines)
    return lines


def test_a_spoken_question_is_answered_aloud(listener: Listener, virtual_audio: VirtualAudio,  # noqa: F811
                                             question_wavs: dict[str, Path], tmp_path: Path) -> None:
    captured = tmp_path / "answer.wav"
    recorder = virtual_audio.record_speaker(captured)
    virtual_audio.speak_into_mic(question_wavs["drive"])
    heard = listener.wait_for("You:")
    said = listener.wait_for("Assistant:")
    listener.wait_for("[Ready]")  # the answer has been spoken to the end
    virtual_audio.stop_recording(recorder)

    assert "drive" in clean(heard)
    assert "specialist" in clean(said)
    spoken = _transcribe(captured)
    assert "specialist" in spoken and "drive" in spoken, spoken


def test_a_key_press_stops_the_speech(listener: Listener, virtual_audio: VirtualAudio,  # noqa: F811
                                      question_wavs: dict[str, Path], tmp_path: Path) -> None:
    captured = tmp_path / "stopped.wav"
    recorder = virtual_audio.record_speaker(captured)
    virtual_audio.speak_into_mic(question_wavs["hospital"])
    said = listener.wait_for("Assistant:")
    time.sleep(1.5)  # well into the answer
    listener.press(b" ")
    listener.wait_for("[Stopped]", timeout=10)
    time.sleep(2.0)
    virtual_audio.stop_recording(recorder)

    loudness = _loudness_by_second(captured)
    assert max(loudness) > 0.01, "nothing was heard before the key press"
    assert max(loudness[-2:]) < 0.001, f"still speaking after the key press: {loudness}"
    assert len(said.split()) > 12, "the answer was too short to show an interruption"


def test_saying_stop_stops_the_speech_hands_free(listener: Listener, virtual_audio: VirtualAudio,  # noqa: F811
                                                 question_wavs: dict[str, Path]) -> None:
    # The hospital-stay answer is long (three lengths of stay), so "stop" lands while it is spoken; a
    # short reply (the wound question misheard as "my one" gets a two-way question back) may end first.
    virtual_audio.speak_into_mic(question_wavs["hospital"])
    listener.wait_for("Assistant:")
    time.sleep(1.0)
    virtual_audio.speak_into_mic(question_wavs["stop"])
    listener.wait_for("[Stopped]", timeout=20)
    listener.wait_for("[Ready]", timeout=10)


def test_a_key_starts_listening_as_push_to_talk_does(listener: Listener, virtual_audio: VirtualAudio,  # noqa: F811
                                                    question_wavs: dict[str, Path]) -> None:
    listener.press(b"\r")
    listener.wait_for("[Listening", timeout=10)
    time.sleep(0.5)  # after the listening earcon
    virtual_audio.speak_into_mic(question_wavs["drive"])
    assert "drive" in clean(listener.wait_for("You:"))
    listener.press(b" ")  # and stop the answer, so the next test starts quiet
    listener.wait_for("[Ready]", timeout=20)


def test_a_voice_command_changes_the_rate_and_it_is_remembered(
        listener: Listener, virtual_audio: VirtualAudio, question_wavs: dict[str, Path]) -> None:  # noqa: F811
    virtual_audio.speak_into_mic(question_wavs["slower"])
    heard = listener.wait_for("You:")
    said = listener.wait_for("Assistant:")
    assert "slowly" in said, heard
    listener.wait_for("[Ready]", timeout=30)
    saved = json.loads((listener.home / "settings.json").read_text(encoding="utf-8"))
    assert saved["rate"] < 1.0


def test_sound_devices_that_vanish_and_come_back(listener: Listener, virtual_audio: VirtualAudio,  # noqa: F811
                                                 question_wavs: dict[str, Path]) -> None:
    virtual_audio.stop()  # the sound system goes away: microphone and speaker with it
    lost = listener.wait_for("[I can't hear you", timeout=20)
    assert "microphone" in lost and "type your question" in lost.lower()
    virtual_audio.restart()
    listener.wait_for("[The microphone is working again", timeout=60)
    listener.wait_for("[Ready]", timeout=30)
    virtual_audio.speak_into_mic(question_wavs["drive"])
    assert "drive" in clean(listener.wait_for("You:"))
    listener.wait_for("[Ready]", timeout=30)
