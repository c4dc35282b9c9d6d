"""The pyttsx3 worker process: one fresh engine says one request's sentences into WAV files.

Run by assistant/tts/pyttsx3.py as ``python -m assistant.tts.system_worker``. It loads the driver
first and only then reads its request from stdin, so a spare worker is ready the moment an answer
arrives. Protocol on stdout, one line each: ``WAV <path>`` per sentence, ``VOICES <json>``,
``ERROR <message>``, and ``WAV-DONE`` at the end.
"""

from __future__ import annotations

import json
import os
import sys
import time
import wave
from typing import Any

SENTENCE_TIMEOUT_S = 6.0
"""A sentence takes well under a second (start-up included); this long means the driver hung."""
DONE = "WAV-DONE"


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


def _set_voice_and_rate(engine: Any, voice: str | None, wpm: int) -> None:
    """Apply voice and rate now, so the sentence is said at the rate asked.

    pyttsx3 queues property changes while its engine is "busy" (it is, after init); applied later,
    together with the synthesis, espeak-ng said about one sentence in five at its default rate
    (measured). Unblocking the queue first, and waiting for espeak-ng's own queue, fixed that.
    """
    engine.proxy.setBusy(False)
    if voice:
        engine.setProperty("voice", voice)
    engine.setProperty("rate", wpm)
    if sys.platform.startswith("linux"):
        try:
            from pyttsx3.drivers import _espeak

            _espeak.Synchronize()
        except (ImportError, AttributeError, OSError):
            pass  # another driver: its properties apply at once


def _worker_main() -> int:
    """Subprocess side: read one JSON request, answer on stdout one line per finished sentence."""
    # The drivers print to stdout from their own threads ("Audio saved to ..."), which could
    # split our lines; they get stderr, and only this protocol writes to the real stdout.
    protocol, sys.stdout = sys.stdout, sys.stderr
    try:
        import pyttsx3

        engine = pyttsx3.init()
        line = sys.stdin.readline()
        if not line:  # a spare whose parent has gone
            return 0
        request = json.loads(line)
        if request.get("list"):
            voices = [{"id": v.id, "name": v.name} for v in engine.getProperty("voices")]
            print("VOICES " + json.dumps(voices), file=protocol, flush=True)
            return 0
        _set_voice_and_rate(engine, request["voice"], request["wpm"])
        for index, sentence in enumerate(request["sentences"], start=request["first"]):
            path = os.path.join(request["dir"], f"{index}.wav")
            engine.save_to_file(sentence, path)
            engine.runAndWait()
            _wait_for_wav(path)
            print(f"WAV {path}", file=protocol, flush=True)
    except Exception as err:  # report any driver failure to the parent as one line
        print(f"ERROR {type(err).__name__}: {err}", file=protocol, flush=True)
        return 1
    print(DONE, file=protocol, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(_worker_main())
