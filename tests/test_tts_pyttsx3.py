"""The pyttsx3 guard: hung workers are replaced, then reported; no worker outlives its answer.

The workers here are small stand-in scripts (no speech driver), so the guard itself is tested.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from assistant.errors import SynthesisError
from assistant.tts import pyttsx3 as system
from assistant.tts.pyttsx3 import Pyttsx3Speaker, SystemVoice

WORKING = """
import json, math, os, struct, sys, wave
request = json.loads(sys.stdin.readline())
for index, sentence in enumerate(request["sentences"], start=request["first"]):
    path = os.path.join(request["dir"], f"{index}.wav")
    with wave.open(path, "wb") as out:
        out.setnchannels(1); out.setsampwidth(2); out.setframerate(16000)
        frames = [int(8000 * math.sin(i * 0.1)) for i in range(int(16000 * 0.05 * len(sentence)))]
        out.writeframes(struct.pack(f"<{len(frames)}h", *frames))
    print("Audio saved to", path)  # like the real driver's chatter, which must be ignored
    print("WAV " + path, flush=True)
print("WAV-DONE", flush=True)
"""
HANGING = "import sys, time\nsys.stdin.readline()\ntime.sleep(60)\n"


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[subprocess.Popen[str]]]:
    """Spawned stand-in workers; the script for each comes from ``workers.scripts`` in order."""
    spawned: list[subprocess.Popen[str]] = []
    monkeypatch.setattr(system, "SENTENCE_TIMEOUT_S", 1.0)

    def spawn() -> subprocess.Popen[str]:
        script = SCRIPTS.pop(0) if SCRIPTS else WORKING
        proc = subprocess.Popen(
            [sys.executable, "-c", script],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        spawned.append(proc)
        return proc

    monkeypatch.setattr(system, "_spawn_worker", spawn)
    SCRIPTS.clear()
    yield spawned
    for proc in spawned:
        proc.kill()
        proc.wait()


SCRIPTS: list[str] = []


def test_each_sentence_comes_from_a_worker(workers: list[subprocess.Popen[str]]) -> None:
    parts = list(Pyttsx3Speaker(None).synthesize("One two three. Four five."))
    assert [p.text for p in parts] == ["One two three.", "Four five."]
    assert all(p.sample_rate == 16000 and p.samples.size for p in parts)
    assert len(parts[0].samples) > len(parts[1].samples)


def test_a_hung_worker_is_replaced(
    workers: list[subprocess.Popen[str]], caplog: pytest.LogCaptureFixture
) -> None:
    SCRIPTS.extend([HANGING])
    parts = list(Pyttsx3Speaker(None).synthesize("Rest today. Walk tomorrow."))
    assert [p.text for p in parts] == ["Rest today.", "Walk tomorrow."]
    assert "system voice hung" in caplog.text


def test_a_voice_that_always_hangs_is_reported(workers: list[subprocess.Popen[str]]) -> None:
    SCRIPTS.extend([HANGING] * 10)
    with pytest.raises(SynthesisError, match="stopped responding 3 times"):
        list(Pyttsx3Speaker(None).synthesize("Rest today."))
    assert all(proc.wait(timeout=5) is not None for proc in workers[:3])


def test_stopping_early_leaves_no_worker_running(workers: list[subprocess.Popen[str]]) -> None:
    stream = Pyttsx3Speaker(None).synthesize("One. Two. Three. Four.")
    next(stream)
    stream.close()  # type: ignore[attr-defined]
    spare = workers[-1]  # kept warm for the next answer, by design
    assert all(proc.poll() is not None for proc in workers if proc is not spare)


def test_driver_errors_are_synthesis_errors(workers: list[subprocess.Popen[str]]) -> None:
    SCRIPTS.append(
        "import sys\nsys.stdin.readline()\nprint('ERROR RuntimeError: could not initialize espeak')\n"
    )
    with pytest.raises(
        SynthesisError, match="system voice failed: RuntimeError: could not initialize espeak"
    ):
        list(Pyttsx3Speaker(SystemVoice("gmw/en", "English (Great Britain)")).synthesize("Hello."))
