"""Live-loop figures through the real device path: ``run.py listen --hands-free`` on a private PulseAudio.

- Time to first sound: from the end of a spoken question (the last speech sample played into the
  virtual microphone) to the first sound of the spoken answer on the virtual speaker. One duplex
  stream plays the question and records the speaker, so both ends share one sample clock; the
  devices' own delay (about 20 ms here, round trip) is included, as it would be for a patient.
  Earcons (sine tones, found by their narrow spectrum) are not speech: the first sound, usually
  the "heard" earcon, is reported separately.
- Stopping: from a key press (placed on the capture's sample clock) to the last sound heard.
- Start-up: from starting the process to the greeting caption (models loaded, microphone open).
- Peak memory: the listen process's peak resident set (VmHWM) with both models loaded.

Needs the Debian packages pulseaudio, pulseaudio-utils, libasound2-plugins and libportaudio2.

    .venv/bin/python -m benchmarks.live [--quick] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.audio_devices import MIC_FEED, SPEAKER, VirtualAudio, missing_tools  # noqa: E402

RATE = 16000
QUICK_QUESTIONS = 3
FULL_QUESTIONS = 8
FRAME = RATE // 100
"""10 ms analysis frames."""
SOUND_LEVEL = 0.01
"""-40 dBFS: anything louder on the speaker is sound."""
SPEECH_RUN_MS = 150
"""Sound lasting this long (gaps under 40 ms bridged) is speech, not an earcon blip."""
TONAL_SHARE = 0.95
"""A frame with this share of its energy in one narrow band is an earcon's tone, not speech."""


def _questions(count: int) -> list[str]:
    from tests.audio_corpus import DEV_QUESTIONS, read_questions

    rows = [q for kind, q, _ in read_questions(DEV_QUESTIONS) if kind == "answer" and len(q) < 70]
    step = max(1, len(rows) // count)
    return rows[::step][:count]


def _render(text: str) -> tuple[np.ndarray, int]:
    """The question spoken by Piper at 16 kHz, and the sample where its speech ends."""
    from tests.audio_corpus import VOICES, render_speech

    audio = render_speech(text, VOICES["piper"])
    loud = np.flatnonzero(np.abs(audio) > SOUND_LEVEL)
    return audio, int(loud[-1]) + 1 if len(loud) else len(audio)


def _frames(samples: np.ndarray, start: int) -> tuple[np.ndarray, np.ndarray]:
    """Per 10 ms frame after ``start``: loud at all, and loud but not an earcon's pure tone."""
    frames = len(samples[start:]) // FRAME
    blocks = samples[start:start + frames * FRAME].reshape(frames, FRAME)
    loud = np.sqrt(np.mean(np.square(blocks), axis=1)) > SOUND_LEVEL
    # Earcons are sine tones of 440 Hz and up: in 20 ms windows nearly all their energy sits in
    # three FFT bins. Voiced speech can come close, but only at its fundamental, below 400 Hz.
    padded = np.concatenate([samples[start:], np.zeros(2 * FRAME, np.float32)])
    windows = np.stack([padded[i * FRAME:i * FRAME + 2 * FRAME] for i in range(frames)]) if frames else \
        np.zeros((0, 2 * FRAME), np.float32)
    power = np.abs(np.fft.rfft(windows * np.hanning(2 * FRAME), axis=1)) ** 2
    peak = np.argmax(power, axis=1)
    rows = np.arange(frames)
    near = sum(power[rows, np.clip(peak + d, 0, power.shape[1] - 1)] for d in (-1, 0, 1))
    tonal = (near > TONAL_SHARE * np.maximum(power.sum(axis=1), 1e-12)) & (peak * RATE / (2 * FRAME) >= 400)
    return loud, loud & ~tonal


def sound_runs(frames: np.ndarray, start: int) -> list[tuple[int, int]]:
    """(first sample, length) of each stretch of marked frames, gaps under 40 ms bridged."""
    runs: list[tuple[int, int]] = []
    begin, last = -1, -10
    for i in (int(n) for n in np.flatnonzero(frames)):
        if i - last > 4:
            if begin >= 0:
                runs.append((begin, last + 1 - begin))
            begin = i
        last = i
    if begin >= 0:
        runs.append((begin, last + 1 - begin))
    return [(start + b * FRAME, n * FRAME) for b, n in runs]


def first_sounds(samples: np.ndarray, question_end: int) -> tuple[float | None, float | None]:
    """Milliseconds from the question's end to the first sound at all, and to the first speech."""
    loud, voice = _frames(samples, question_end)
    runs = sound_runs(loud, question_end)
    any_ms = 1000 * (runs[0][0] - question_end) / RATE if runs else None
    speech = [b for b, n in sound_runs(voice, question_end) if n * 1000 / RATE >= SPEECH_RUN_MS]
    speech_ms = 1000 * (speech[0] - question_end) / RATE if speech else None
    return any_ms, speech_ms


class Listen:
    """``run.py listen --hands-free`` on the virtual devices, its terminal a pty, its output timed."""

    def __init__(self, audio: VirtualAudio, home: Path) -> None:
        self.master, slave = pty.openpty()
        env = {**audio.env, "ASSISTANT_CAPTIONS": "plain", "ASSISTANT_NO_VENV_REEXEC": "1"}
        self.log = open(home.parent / "listen.log", "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "run.py"), "--debug", "listen", "--hands-free", "--home", str(home)],
            stdin=slave, stdout=subprocess.PIPE, stderr=self.log, text=True, env=env, cwd=ROOT)
        os.close(slave)
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line.rstrip("\n")))

    def wait_for(self, prefix: str, timeout: float = 120.0) -> tuple[float, str]:
        """(time, line) of the next line starting with ``prefix``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                at, line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.seen.append(line)
            if line.startswith(prefix):
                return at, line
        self.log.flush()
        shutil.copy(self.log.name, Path(tempfile.gettempdir()) / "benchmark-listen.log")
        raise RuntimeError(f"listen never printed {prefix!r}; its last lines: {self.seen[-8:]} "
                           f"(its log: {tempfile.gettempdir()}/benchmark-listen.log)")

    def peak_rss_mb(self) -> float | None:
        """Peak resident memory so far (Linux VmHWM), in MB."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return None

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.master)
        self.log.close()


def _use_virtual_devices(audio: VirtualAudio) -> Any:
    """Point this process's PortAudio at the private daemon: play into the mic, record the speaker."""
    for key in ("XDG_RUNTIME_DIR", "PULSE_SERVER", "PULSE_COOKIE"):
        os.environ[key] = audio.env[key]
    os.environ["PULSE_SINK"], os.environ["PULSE_SOURCE"] = MIC_FEED, f"{SPEAKER}.monitor"
    import sounddevice as sd

    sd._terminate()  # PortAudio lists devices when it starts: start it again on these
    sd._initialize()
    return sd


def stop_delay_ms(samples: np.ndarray, key_at: int) -> float | None:
    """Milliseconds from the key press (a sample index) to the last sound before silence."""
    loud, _ = _frames(samples, key_at)
    if not len(loud):
        return None
    heard = np.flatnonzero(loud)
    return 1000 * (int(heard[-1]) + 1) * FRAME / RATE if len(heard) else 0.0


def _ask(sd: Any, listen: Listen, question: np.ndarray, end: int) -> dict[str, Any]:
    """Play one question, capture the answer until its first speech, then stop it with a key."""
    captured: list[np.ndarray] = []
    clock: list[tuple[float, int]] = []
    """(time.perf_counter(), samples captured before this callback), to place the key press."""
    position = 0

    def callback(indata: np.ndarray, outdata: np.ndarray, frames: int, timing: Any, status: Any) -> None:
        nonlocal position
        clock.append((time.perf_counter(), position))
        chunk = question[position:position + frames]
        outdata[:, 0] = 0.0
        outdata[:len(chunk), 0] = chunk
        position += frames
        captured.append(indata[:, 0].copy())

    with sd.Stream(samplerate=RATE, channels=1, dtype="float32", callback=callback, latency="low"):
        _, heard = listen.wait_for("You:", timeout=60)
        listen.wait_for("Assistant:", timeout=60)
        deadline = time.monotonic() + 15
        speech_ms = None
        while speech_ms is None and time.monotonic() < deadline:
            time.sleep(0.2)
            _, speech_ms = first_sounds(np.concatenate(captured), end)
        time.sleep(0.5)  # well into the answer
        pressed = time.perf_counter()
        os.write(listen.master, b" ")
        listen.wait_for("[Ready]", timeout=30)
        time.sleep(0.5)
    samples = np.concatenate(captured)
    any_ms, speech_ms = first_sounds(samples, end)
    key_at = int(np.interp(pressed, [t for t, _ in clock], [n for _, n in clock]))
    return {"heard": heard.removeprefix("You: "), "first_sound_ms": any_ms, "first_speech_ms": speech_ms,
            "stop_after_key_ms": stop_delay_ms(samples, key_at)}


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))], 1)


def run(quick: bool = False) -> dict[str, Any]:
    """Measure start-up, memory and time to first sound; skipped when PulseAudio is missing."""
    missing = missing_tools()
    if missing:
        return {"skipped": f"needs {', '.join(missing)} (Debian: pulseaudio pulseaudio-utils "
                           "libasound2-plugins)"}
    texts = _questions(QUICK_QUESTIONS if quick else FULL_QUESTIONS)
    rendered = [_render(t) for t in texts]
    saved_env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        audio = VirtualAudio.start(Path(tmp) / "pulse")
        listen = Listen(audio, Path(tmp) / "home")
        try:
            ready_at, _ = listen.wait_for("Assistant: Hello")
            listen.wait_for("[Ready]")
            sd = _use_virtual_devices(audio)
            turns = [_ask(sd, listen, q, end) | {"question": t} for t, (q, end) in zip(texts, rendered, strict=True)]
            peak = listen.peak_rss_mb()
        finally:
            listen.stop()
            audio.stop()
            os.environ.clear()
            os.environ.update(saved_env)
    speech = [t["first_speech_ms"] for t in turns if t["first_speech_ms"] is not None]
    sound = [t["first_sound_ms"] for t in turns if t["first_sound_ms"] is not None]
    stops = [t["stop_after_key_ms"] for t in turns if t["stop_after_key_ms"] is not None]
    return {
        "questions": len(turns),
        "first_speech_ms_p50": round(statistics.median(speech), 1) if speech else None,
        "first_speech_ms_p95": _percentile(speech, 0.95),
        "first_sound_ms_p50": round(statistics.median(sound), 1) if sound else None,
        "stop_after_key_ms_max": max(stops) if stops else None,
        "startup_to_ready_s": round(ready_at - listen.started, 2),
        "peak_rss_mb": round(peak, 1) if peak else None,
        "turns": turns,
    }


def format_table(result: dict[str, Any]) -> str:
    """The figures as a short table."""
    if "skipped" in result:
        return f"live: skipped ({result['skipped']})"
    lines = [
        "live (listen --hands-free through a private PulseAudio)",
        f"  questions                         {result['questions']}",
        f"  end of question -> answer speech  p50 {result['first_speech_ms_p50']} ms, "
        f"p95 {result['first_speech_ms_p95']} ms",
        f"  end of question -> first earcon   p50 {result['first_sound_ms_p50']} ms",
        f"  key press -> silence              at most {result['stop_after_key_ms_max']} ms",
        f"  start-up to ready                 {result['startup_to_ready_s']} s",
        f"  peak memory (both models)         {result['peak_rss_mb']} MB",
    ]
    for turn in result["turns"]:
        lines.append(f"    {turn['first_speech_ms']} ms  heard {turn['heard']!r}")
    return "\n".join(lines)


def main() -> int:
    """Command line: print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 questions instead of 8")
    parser.add_argument("--json", action="store_true", help="JSON output")
    args = parser.parse_args()
    result = run(quick=args.quick)
    print(json.dumps(result, indent=2) if args.json else format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
