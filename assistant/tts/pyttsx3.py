"""The system's own voices through pyttsx3 (espeak-ng on Linux, SAPI5 on Windows, NSSS on macOS).

pyttsx3 can hang: ``runAndWait`` after the first call on some drivers (measured here: espeak-ng
hung on about one sentence in a hundred when one engine said several), or "run loop already
started" when another loop is running. So the engine never runs in this process: each sentence
gets a fresh worker subprocess that makes one engine, says one sentence into a WAV file and exits;
the next sentence's worker starts while this one works, and a worker that stops answering is
killed and replaced, never waited on for ever.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import ClassVar

import numpy as np

from assistant.errors import SynthesisError
from assistant.tts.base import Speaker, SpeechAudio, check_rate_volume, level, prepare_sentences
from assistant.tts.lexicon import SYSTEM
from assistant.tts.system_worker import DONE, SENTENCE_TIMEOUT_S

_LOGGER = logging.getLogger(__name__)

NORMAL_WPM = 150
"""Words per minute at rate 1.0: espeak-ng's own 175 is hard to follow (and to transcribe)."""
MAX_RESTARTS = 2
"""Fresh workers tried in a row before giving up on a sentence."""
_PREFERRED = (
    "en-gb-x-rp",
    "english (great britain)",
    "en-gb",
    "en_gb",
    "english_rp",
    "en-uk",
    "daniel",
    "hazel",
    "en",
)


class _WorkerHung(SynthesisError):
    """The worker stopped answering: worth one more try with a fresh one."""


@dataclass(frozen=True)
class SystemVoice:
    """One voice the system offers."""

    id: str
    name: str


def _project_root() -> str:
    return str(Path(__file__).resolve().parents[2])


def _spawn_worker() -> subprocess.Popen[str]:
    """Start a worker; it loads the driver at once, then waits for its request on stdin."""
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join(filter(None, [_project_root(), os.environ.get("PYTHONPATH")]))
    )
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "assistant.tts.system_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
    except OSError as err:
        raise SynthesisError(f"cannot start the system voice worker: {err}") from err


def _send(proc: subprocess.Popen[str], request: Mapping[str, object]) -> subprocess.Popen[str]:
    """Give a worker its one request (a worker that already died shows up as a hang)."""
    assert proc.stdin is not None
    try:
        proc.stdin.write(json.dumps(request) + "\n")
        proc.stdin.close()
    except OSError:
        _LOGGER.info("system voice worker %d had already exited", proc.pid)
    return proc


def _lines(proc: subprocess.Popen[str]) -> queue.Queue[str | None]:
    """Worker stdout lines on a queue (None at the end), so reads can time out."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=pump, daemon=True, name="pyttsx3-worker-out").start()
    return lines


def _next_message(proc: subprocess.Popen[str], lines: queue.Queue[str | None]) -> str:
    """The worker's next protocol line; SynthesisError if it hangs, fails or exits early."""
    while True:
        try:
            line = lines.get(timeout=SENTENCE_TIMEOUT_S)
        except queue.Empty:
            proc.kill()
            raise _WorkerHung(f"no answer from the system voice in {SENTENCE_TIMEOUT_S:.0f} s") from None
        if line is None:
            proc.wait(timeout=5)
            detail = (proc.stderr.read() if proc.stderr else "").strip().splitlines()
            raise SynthesisError(f"the system voice failed: {detail[-1] if detail else 'no output'}")
        if line == DONE:
            raise _WorkerHung("the system voice finished without every sentence")
        if line.startswith(("WAV ", "VOICES ", "ERROR ")):
            return line


def system_voices() -> list[SystemVoice]:
    """The voices pyttsx3 offers on this system (asked of a worker, with a time-out)."""
    proc = _send(_spawn_worker(), {"list": True})
    try:
        message = _next_message(proc, _lines(proc))
    finally:
        proc.kill()
        proc.wait()
    if message.startswith("ERROR "):
        hint = "; install espeak-ng (apt-get install espeak-ng)" if sys.platform.startswith("linux") else ""
        raise SynthesisError(f"the system voices are not available: {message[6:]}{hint}")
    return [SystemVoice(v["id"], v["name"]) for v in json.loads(message[7:])]


def choose_voice(voices: list[SystemVoice], wanted: str | None) -> SystemVoice | None:
    """The voice named ``wanted`` (id, name or id ending), else a British English one, else None."""
    if wanted:
        lowered = wanted.lower()
        for voice in voices:
            if lowered in (voice.id.lower(), voice.name.lower()) or voice.id.lower().endswith("/" + lowered):
                return voice
        english = [v.name for v in voices if "english" in v.name.lower() or "en" in v.id.lower()]
        raise SynthesisError(
            f"unknown system voice {wanted!r}: expected an id or name such as "
            f"{', '.join(english[:8]) or ', '.join(v.name for v in voices[:8])}"
        )
    for preference in _PREFERRED:
        for voice in voices:
            name, full_id = voice.name.lower(), voice.id.lower()
            # Short codes must match an id exactly ("en"); longer ones may sit inside a name or id
            # ("Microsoft Hazel Desktop - English (Great Britain)", "com.apple...en-GB.Daniel").
            if preference == full_id.rsplit("/", 1)[-1] or (
                len(preference) > 3 and (preference in name or preference in full_id)
            ):
                return voice
    return None


class Pyttsx3Speaker(Speaker):
    """Speech from the system's voices; construct with ``Pyttsx3Speaker.load``."""

    name: ClassVar[str] = "pyttsx3"

    def __init__(self, voice: SystemVoice | None) -> None:
        self.voice = voice
        self._spare: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    def _worker(self) -> subprocess.Popen[str]:
        """A worker with its driver already loaded, replaced at once by a new spare."""
        with self._lock:
            spare = self._spare
            worker = spare if spare is not None and spare.poll() is None else _spawn_worker()
            # A spare left idle exits by itself when this process ends (its stdin closes).
            self._spare = _spawn_worker()
        return worker

    @classmethod
    def load(cls, voice: str | None = None) -> Pyttsx3Speaker:
        """Check the system voices work and pick one (default: a British English voice)."""
        speaker = cls(choose_voice(system_voices(), voice))
        speaker._spare = _spawn_worker()  # so the first answer need not wait for Python to start
        return speaker

    def synthesize(self, text: str, *, rate: float = 1.0, volume: float = 1.0) -> Iterator[SpeechAudio]:
        """Yield audio sentence by sentence, so speech can start after the first sentence."""
        check_rate_volume(rate, volume)
        sentences = prepare_sentences(text, SYSTEM)
        return self._generate_system(sentences, rate, volume)

    def _generate_system(
        self, sentences: list[tuple[str, str]], rate: float, volume: float
    ) -> Iterator[SpeechAudio]:
        with tempfile.TemporaryDirectory(prefix="assistant-tts-") as folder:

            def start(index: int) -> subprocess.Popen[str]:
                request = {
                    "voice": self.voice.id if self.voice else None,
                    "wpm": round(NORMAL_WPM * rate),
                    "sentences": [sentences[index][1]],
                    "dir": folder,
                    "first": index,
                }
                return _send(self._worker(), request)

            upcoming = start(0)
            running = [upcoming]
            try:
                for index, (spoken, _) in enumerate(sentences):
                    current = upcoming
                    if index + 1 < len(sentences):
                        # Start the next sentence's worker now, so its start-up overlaps this one.
                        upcoming = start(index + 1)
                        running.append(upcoming)
                    samples, sample_rate = _read_audio(_answer(current, partial(start, index), running))
                    if samples.size:
                        yield SpeechAudio(level(samples, volume), sample_rate, spoken)
            finally:
                # Also runs when the listener stops early (an interrupt): no orphan workers.
                for proc in running:
                    proc.kill()
                    proc.wait()


def _answer(
    proc: subprocess.Popen[str],
    restart: Callable[[], subprocess.Popen[str]],
    running: list[subprocess.Popen[str]],
) -> str:
    """A worker's answer; a worker that hangs is replaced by a fresh one, up to MAX_RESTARTS times."""
    for attempt in range(MAX_RESTARTS + 1):
        try:
            return _next_message(proc, _lines(proc))
        except _WorkerHung:
            _LOGGER.warning("system voice hung (attempt %d of %d)", attempt + 1, MAX_RESTARTS + 1)
            if attempt < MAX_RESTARTS:
                proc = restart()
                running.append(proc)
    raise SynthesisError(
        f"the system voice stopped responding {MAX_RESTARTS + 1} times; try --tts hibari or --tts piper"
    )


def _read_audio(message: str) -> tuple[np.ndarray, int]:
    """The mono float32 audio a worker announced, or SynthesisError with its complaint."""
    import soundfile

    if message.startswith("ERROR "):
        raise SynthesisError(f"the system voice failed: {message[6:]}")
    try:
        samples, sample_rate = soundfile.read(message[4:], dtype="float32")
    except (OSError, RuntimeError) as err:
        raise SynthesisError(f"the system voice wrote no audio: {err}") from err
    if samples.ndim > 1:
        samples = samples.mean(axis=1)
    return samples, int(sample_rate)
