"""Argos Translate packages: validate an .argosmodel, install it, list and remove installed ones.

Models live where Argos keeps them: ARGOS_PACKAGES_DIR, or by default
$XDG_DATA_HOME/argos-translate/packages (~/.local/share/argos-translate/packages).
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from retranslate.errors import RetranslateError

MT_HINT = 'machine translation needs the mt extra: pip install "retranslate[mt]"'
REDOWNLOAD = "download the .argosmodel again"
OFFLINE_HINT = "offline? install a downloaded file: retranslate model install FILE.argosmodel"
# What argostranslate.settings reads from the environment when it is imported.
_ARGOS_ENVIRONMENT = ("HOME", "SNAP", "SNAP_USER_DATA", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                      "XDG_CACHE_HOME")
_loaded_environment: tuple[tuple[str, str], ...] | None = None


@dataclass(frozen=True)
class ModelInfo:
    from_code: str
    to_code: str
    version: str
    path: Path

    @property
    def pair(self) -> str:
        return f"{self.from_code}-{self.to_code}"


def argos_package() -> ModuleType:
    """argostranslate.package, its settings following the environment as it is now."""
    global _loaded_environment
    environment = tuple(sorted((key, value) for key, value in os.environ.items()
                               if key.startswith("ARGOS_") or key in _ARGOS_ENVIRONMENT))
    try:
        import argostranslate.package as package
        import argostranslate.settings as settings

        if environment != _loaded_environment:
            # Argos reads its folders and index address once, at import. Re-reading them keeps
            # one process (a test run, a program using retranslate) right when they change.
            importlib.reload(settings)
            _loaded_environment = environment
    except ImportError:
        raise RetranslateError(MT_HINT) from None
    except (ValueError, KeyError) as err:  # ARGOS_BEAM_SIZE=four, an unknown ARGOS_*_TYPE
        raise RetranslateError(f"a bad Argos Translate setting: {err!r}",
                               hint="check the ARGOS_* environment variables") from None
    return package


@contextmanager
def _argos_errors() -> Iterator[list[str]]:
    """Collect what Argos logs as errors instead of letting it reach stderr.

    Argos reports a failed download by logging it and returning, once per retry; the caller turns
    that into one line.
    """
    caught: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            caught.append(record.getMessage())

    logger = logging.getLogger("argostranslate")
    handler, propagate = Collect(logging.ERROR), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield caught
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def read_archive(path: Path) -> tuple[str, dict[str, Any]]:
    """The top folder and metadata of a sound .argosmodel, or a one-line error saying what is
    wrong with it."""
    where = str(path)
    if not path.is_file():
        raise RetranslateError("no such model file", path=where)
    if not zipfile.is_zipfile(path):
        raise RetranslateError("not an Argos model: not a zip archive (corrupt or truncated?)",
                               path=where, hint=REDOWNLOAD)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            tops = {name.split("/", 1)[0] for name in names}
            if len(tops) != 1:
                raise RetranslateError("not an Argos model: not one top-level folder",
                                       path=where, hint=REDOWNLOAD)
            top = tops.pop()
            missing = _missing_parts({name[len(top) + 1:] for name in names})
            if missing:
                raise RetranslateError(f"not an Argos model: no {missing}", path=where,
                                       hint=REDOWNLOAD)
            # Checks every member's CRC: a damaged model.bin would otherwise install and fail
            # only when loaded, far from the file that caused it.
            broken = archive.testzip()
            if broken is not None:
                raise RetranslateError(f"not an Argos model: damaged member {broken}",
                                       path=where, hint=REDOWNLOAD)
            metadata = json.loads(archive.read(f"{top}/metadata.json"))
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, UnicodeDecodeError,
            json.JSONDecodeError) as err:
        raise RetranslateError(f"not an Argos model: {err}", path=where,
                               hint=REDOWNLOAD) from None
    if not isinstance(metadata, dict) or not {"from_code", "to_code"} <= set(metadata):
        raise RetranslateError("not an Argos model: metadata.json lacks from_code/to_code",
                               path=where, hint=REDOWNLOAD)
    return top, metadata


def _missing_parts(files: set[str]) -> str | None:
    """The first part an Argos package needs that `files` (paths inside its folder) lacks."""
    if "metadata.json" not in files:
        return "metadata.json"
    if "model/model.bin" not in files:
        return "model/model.bin"
    # CTranslate2 keeps vocabularies beside model.bin (.json since 3.0, .txt before). config.json
    # is not required: converters before CTranslate2 2.0 wrote none and such models still load.
    stems = {Path(name).stem for name in files if name.startswith("model/")}
    if "shared_vocabulary" not in stems and not {"source_vocabulary",
                                                 "target_vocabulary"} <= stems:
        return "vocabulary in model/"
    if not {"sentencepiece.model", "bpe.model"} & files:
        return "tokenizer model (sentencepiece.model)"
    return None


def install_file(path: Path, pair: tuple[str, str] | None = ("ru", "en")) -> ModelInfo:
    """Install an .argosmodel after checking it is whole and translates the expected pair.

    A model already installed for the same pair is replaced, so there is never a choice of two.
    """
    top, metadata = read_archive(path)
    found = (metadata["from_code"], metadata["to_code"])
    if pair is not None and found != pair:
        raise RetranslateError(f"a {found[0]}→{found[1]} model, not {pair[0]}→{pair[1]}",
                               path=str(path),
                               hint=f"install a {pair[0]}→{pair[1]} .argosmodel")
    package = argos_package()
    _uninstall(package, *found)
    try:
        package.install_from_path(path)
    except Exception as err:  # Argos raises bare Exception; extraction raises OSError
        raise RetranslateError(f"install failed: {err}", path=str(path)) from None
    return _model_info(package.Package(package.settings.package_data_dir / top))


def install_from_index(from_code: str, to_code: str) -> ModelInfo:
    """Download and install a pair from the Argos package index (needs the internet)."""
    package = argos_package()
    settings = package.settings
    index = Path(settings.local_package_index)
    # Argos logs a failed update and returns; asked for packages with no index on disk, it would
    # then retry until the recursion limit. Removing the old copy first makes a missing file the
    # sign that the index could not be fetched, and never lets a stale one pass for fresh.
    with _argos_errors() as errors:
        index.unlink(missing_ok=True)
        package.update_package_index()
    if errors or not index.is_file():
        raise RetranslateError(
            f"cannot reach the Argos package index at {settings.remote_package_index}",
            hint=OFFLINE_HINT)
    try:
        available = [p for p in package.get_available_packages()
                     if (p.from_code, p.to_code) == (from_code, to_code)]
    except (ValueError, KeyError, TypeError) as err:  # json.JSONDecodeError is a ValueError
        raise RetranslateError(f"the Argos package index is unreadable: {err}",
                               path=str(index)) from None
    if not available:
        raise RetranslateError(f"the Argos index has no {from_code}→{to_code} model",
                               hint="install a file instead: retranslate model install "
                                    "FILE.argosmodel")
    newest = max(available, key=lambda p: _version_key(str(p.package_version)))
    try:
        with _argos_errors():
            downloaded = Path(newest.download())
    except Exception:  # Argos raises bare Exception when every mirror fails
        raise RetranslateError(f"downloading the {from_code}→{to_code} model failed",
                               hint=OFFLINE_HINT) from None
    return install_file(downloaded, (from_code, to_code))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def installed() -> list[ModelInfo]:
    package = argos_package()
    try:
        packages = package.get_installed_packages()
    except (OSError, ValueError) as err:  # a folder without metadata.json, or unreadable JSON
        raise RetranslateError(f"a broken model folder: {err}",
                               path=str(package.settings.package_data_dir),
                               hint="remove it, or install its .argosmodel again") from None
    return sorted((_model_info(p) for p in packages), key=lambda m: (m.pair, str(m.path)))


def _model_info(argos: Any) -> ModelInfo:
    return ModelInfo(argos.from_code, argos.to_code, str(argos.package_version),
                     Path(argos.package_path))


def model_folders(from_code: str, to_code: str) -> Iterator[Path]:
    """Installed package folders for a pair, found the way Argos finds them but without
    importing it (a cheap look before deciding to load anything). Argos itself has the last
    word: a folder found here may still fail to load."""
    configured = os.environ.get("ARGOS_PACKAGES_DIR")
    if configured:
        roots = [Path(configured)]
    else:
        data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        roots = [Path(data) / "argos-translate" / "packages"]
    for root in roots:
        try:
            found = sorted(root.glob("*/metadata.json"))
        except OSError:  # a models folder this user may not read holds no model for them
            continue
        for metadata in found:
            try:
                codes = json.loads(metadata.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(codes, dict) and (codes.get("from_code"),
                                            codes.get("to_code")) == (from_code, to_code):
                yield metadata.parent


def find(from_code: str = "ru", to_code: str = "en") -> ModelInfo:
    for model in installed():
        if (model.from_code, model.to_code) == (from_code, to_code):
            return model
    raise RetranslateError(f"no {from_code}→{to_code} model is installed",
                           hint="retranslate model install FILE.argosmodel")


def remove(from_code: str, to_code: str) -> ModelInfo:
    model = find(from_code, to_code)
    _uninstall(argos_package(), from_code, to_code)
    return model


def _uninstall(package: ModuleType, from_code: str, to_code: str) -> None:
    for argos in package.get_installed_packages():
        if (argos.from_code, argos.to_code) == (from_code, to_code):
            package.uninstall(argos)
