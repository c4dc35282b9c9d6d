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
import time
import wave
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import ClassVar

import numpy as np

from assistant.errors import SynthesisError
from assistant.tts.base import Speaker, SpeechAudio, check_rate_volume, level, prepare_sentences
from assistant.tts.lexicon import SYSTEM

_LOGGER = logging.getLogger(__name__)

NORMAL_WPM = 150
"""Words per minute at rate 1.0: espeak-ng's own 175 is hard to follow (and to transcribe)."""
SENTENCE_TIMEOUT_S = 6.0
"""A sentence takes well under a second (start-up included); this long means the driver hung."""
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
_DONE = "WAV-DONE"


class _WorkerHung(SynthesisError):
    """The worker stopped answering: worth one more try with a fresh one."""


@dataclass(frozen=True)
class SystemVoice:
    """One voice the system offers."""

    id: str
    name: str


def _project_root() -> str:
    return str(Path(__file__).resolve().parents[2])


def _run_worker(request: Mapping[str, object]) -> subprocess.Popen[str]:
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join(filter(None, [_project_root(), os.environ.get("PYTHONPATH")]))
    )
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.tts.pyttsx3"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
    except OSError as err:
        raise SynthesisError(f"cannot start the system voice worker: {err}") from err
    assert proc.stdin is not None
    proc.stdin.write(json.dumps(request) + "\n")
    proc.stdin.close()
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
        if line == _DONE:
            raise _WorkerHung("the system voice finished without every sentence")
        if line.startswith(("WAV ", "VOICES ", "ERROR ")):
            return line


def system_voices() -> list[SystemVoice]:
    """The voices pyttsx3 offers on this system (asked of a worker, with a time-out)."""
    proc = _run_worker({"list": True})
    try:
        message = _next_message(proc, _lines(proc))
    finally:
        proc.kill()
        proc.wait()
    if message.startswith("ERROR "):
        raise SynthesisError(f"the system voices are not available: {message[6:]}")
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

    @classmethod
    def load(cls, voice: str | None = None) -> Pyttsx3Speaker:
        """Check the system voices work and pick one (default: a British English voice)."""
        return cls(choose_voice(system_voices(), voice))

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
                return _run_worker(request)

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
            _LOGGER.warning("system voice hung (attempt %d); starting a fresh one", attempt + 1)
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


def _wait_for_wav(path: str) -> None:
    """Wait until the driver has finished writing ``path``.

    The espeak driver's runAndWait can return before its callback has written the file; asking
    for the next sentence then would save this sentence's audio under the next name.
    """
    deadline = time.monotonic() + SENTENCE_TIMEOUT_S
    sizes: list[int] = []
    while time.monotonic() < deadline:
        try:
            sizes.append(os.path.getsize(path))
            with wave.open(path) as wav:
                frames, width = wav.getnframes(), wav.getsampwidth()
            # The header is written before the data, so also check that the data is all there.
            if frames and sizes[-1] >= 44 + frames * width:
                return
        except (OSError, EOFError):
            pass
        except wave.Error:
            # Not a WAV (macOS writes AIFF): done once its size has stopped changing.
            if len(sizes) > 20 and sizes[-1] > 0 and len(set(sizes[-20:])) == 1:
                return
        time.sleep(0.01)
    raise TimeoutError(f"no audio written to {path}")


def _worker_main() -> int:
    """Subprocess side: read one JSON request, answer on stdout one line per finished sentence."""
    request = json.loads(sys.stdin.readline())
    # The drivers print to stdout from their own threads ("Audio saved to ..."), which could
    # split our lines; they get stderr, and only this protocol writes to the real stdout.
    protocol, sys.stdout = sys.stdout, sys.stderr
    try:
        import pyttsx3

        engine = pyttsx3.init()
        if request.get("list"):
            voices = [{"id": v.id, "name": v.name} for v in engine.getProperty("voices")]
            print("VOICES " + json.dumps(voices), file=protocol, flush=True)
            return 0
        if request["voice"]:
            engine.setProperty("voice", request["voice"])
        engine.setProperty("rate", request["wpm"])
        for index, sentence in enumerate(request["sentences"], start=request["first"]):
            path = os.path.join(request["dir"], f"{index}.wav")
            engine.save_to_file(sentence, path)
            engine.runAndWait()
            _wait_for_wav(path)
            print(f"WAV {path}", file=protocol, flush=True)
    except Exception as err:  # report any driver failure to the parent as one line
        print(f"ERROR {type(err).__name__}: {err}", file=protocol, flush=True)
        return 1
    print(_DONE, file=protocol, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(_worker_main())
