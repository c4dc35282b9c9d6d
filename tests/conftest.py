"""Shared fixtures: the project's content library and a matcher loaded once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(ROOT))

from assistant.content import Library, default_pack_dirs, load_library  # noqa: E402
from assistant.dialogue import Dialogue  # noqa: E402
from assistant.matcher import Matcher  # noqa: E402
from assistant.settings import Settings  # noqa: E402

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(scope="session")
def library() -> Library:
    """The liver-surgery pack (and any other pack under content/)."""
    return load_library(default_pack_dirs(ROOT / "content"))


@pytest.fixture(scope="session")
def matcher(library: Library) -> Matcher:
    """The real matcher with the packaged MiniLM model."""
    return Matcher.load(library, cache_dir=ROOT / ".cache")


@pytest.fixture
def dialogue(library: Library, matcher: Matcher) -> Dialogue:
    """A fresh conversation with default settings and no reminders."""
    return Dialogue(library, matcher, Settings())


@pytest.fixture
def now() -> datetime:
    """A fixed local time for date-aware answers."""
    return datetime(2026, 11, 27, 10, 0, tzinfo=LONDON)


def run_cli(*args: str, home: Path | None = None, stdin: str | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``python run.py ARGS`` in a subprocess with this interpreter."""
    cmd = [sys.executable, str(ROOT / "run.py"), *args]
    if home is not None:
        cmd += ["--home", str(home)]
    env = dict(os.environ, ASSISTANT_NO_VENV_REEXEC="1")
    return subprocess.run(cmd, capture_output=True, text=True, input=stdin, timeout=timeout,
                          cwd=ROOT, env=env)
