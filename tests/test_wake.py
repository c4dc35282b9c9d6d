"""The wake phrase: recognised loosely at the start of an utterance, never in the middle."""

from __future__ import annotations

import pytest

from assistant.wake import split_wake


@pytest.mark.parametrize("heard, wake, rest", [
    ("Assistant, when can I drive?", "assistant", "when can I drive?"),
    ("hey assistant when can I drive", "assistant", "when can I drive"),
    ("OK assistance how long in hospital", "assistant", "how long in hospital"),
    ("hello helper", "hello helper", ""),
    ("when can I drive", "assistant", None),
    ("I asked the assistant about it", "assistant", None),
])
def test_split_wake(heard: str, wake: str, rest: str | None) -> None:
    assert split_wake(heard, wake) == rest
