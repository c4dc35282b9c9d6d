#!/usr/bin/env python3
"""Thin entry point: ``python run.py ask --text "..."``.

If the project's virtual environment exists (made by ``python3 bootstrap.py``) and we are
not already running inside it, re-run this command with its interpreter, so the plain
``python run.py`` works after set-up on any system Python.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _venv_python() -> Path | None:
    for rel in ("bin/python", "Scripts/python.exe"):
        candidate = HERE / ".venv" / rel
        if candidate.exists():
            return candidate
    return None


def _reexec_in_venv() -> None:
    venv_py = _venv_python()
    if venv_py is None or Path(sys.prefix).resolve() == (HERE / ".venv").resolve():
        return
    if os.environ.get("ASSISTANT_NO_VENV_REEXEC"):
        return
    args = [str(venv_py), str(Path(__file__).resolve()), *sys.argv[1:]]
    if os.name == "nt":  # execv does not replace the process on Windows
        import subprocess

        raise SystemExit(subprocess.call(args))
    os.execv(str(venv_py), args)


if __name__ == "__main__":
    _reexec_in_venv()
    # The sentence encoder's matrices are small: one BLAS thread is faster than two fighting.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    sys.path.insert(0, str(HERE))
    from assistant.cli import main

    raise SystemExit(main())
