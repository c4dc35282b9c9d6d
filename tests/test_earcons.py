"""Earcons: six short, clearly different sounds."""

import itertools

import numpy as np
import pytest

from assistant.earcons import EARCON_RATE, EARCONS, earcon
from assistant.errors import AudioError


def _pitch_track(samples: np.ndarray, rate: int) -> list[float]:
    """Dominant frequency of each 20 ms frame that has sound (0 for silence)."""
    frame = int(rate * 0.02)
    track = []
    for start in range(0, len(samples) - frame, frame):
        chunk = samples[start : start + frame]
        if np.max(np.abs(chunk)) < 0.05:
            track.append(0.0)
            continue
        spectrum = np.abs(np.fft.rfft(chunk * np.hanning(frame), n=rate // 5))
        track.append(float(np.argmax(spectrum) * 5))
    return track


@pytest.mark.parametrize("name", EARCONS)
def test_each_earcon_is_short_float32_and_not_too_loud(name: str) -> None:
    samples, rate = earcon(name)
    assert rate == EARCON_RATE
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert 0.05 <= len(samples) / rate <= 1.0
    assert 0.1 < float(np.max(np.abs(samples))) <= 0.6


def test_earcons_differ_in_pitch_pattern() -> None:
    tracks = {name: _pitch_track(*earcon(name)) for name in EARCONS}
    for a, b in itertools.combinations(EARCONS, 2):
        assert tracks[a] != tracks[b], f"{a} and {b} sound alike"


def test_listening_rises_and_didnt_catch_falls() -> None:
    rising = [f for f in _pitch_track(*earcon("listening")) if f]
    falling = [f for f in _pitch_track(*earcon("didnt_catch")) if f]
    assert rising[-1] > rising[0]
    assert falling[-1] < falling[0]


def test_thinking_is_three_pulses_on_one_note() -> None:
    track = _pitch_track(*earcon("thinking"))
    onsets = sum(1 for prev, cur in zip([0.0, *track], track, strict=False) if cur and not prev)
    assert onsets == 3
    assert len({f for f in track if f}) == 1


def test_other_sample_rates() -> None:
    samples, rate = earcon("heard", 16000)
    assert rate == 16000
    assert len(samples) == pytest.approx(len(earcon("heard")[0]) * 16000 / EARCON_RATE, abs=2)


def test_cached_earcons_cannot_be_changed_by_a_caller() -> None:
    samples, _ = earcon("reminder")
    with pytest.raises(ValueError):
        samples[0] = 1.0


def test_unknown_earcon_names_the_choices() -> None:
    with pytest.raises(AudioError, match="unknown earcon 'beep'.*listening"):
        earcon("beep")
