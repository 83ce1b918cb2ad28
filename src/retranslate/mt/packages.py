"""Argos Translate packages: validate an .argosmodel, install it, list and remove installed ones.

Models live where Argos keeps them (ARGOS_PACKAGES_DIR, default ~/.local/share/argos-translate/
packages) or in RETRANSLATE_MODELS_DIR when that is set.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from retranslate.errors import RetranslateError

MT_HINT = 'machine translation needs the mt extra: pip install "retranslate[mt]"'


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
    """argostranslate.package, pointed at RETRANSLATE_MODELS_DIR when that is set."""
    try:
        import argostranslate.package as package
        import argostranslate.settings as settings
    except ImportError:
        raise RetranslateError(MT_HINT) from None
    chosen = os.environ.get("RETRANSLATE_MODELS_DIR")
    if chosen:
        # Argos reads its folder from the environment once, at import; this follows later changes.
        settings.package_data_dir = Path(chosen)
        settings.package_dirs = [Path(chosen)]
        Path(chosen).mkdir(parents=True, exist_ok=True)
    return package


def read_archive(path: Path) -> dict[str, Any]:
    """The metadata of a sound .argosmodel, or a one-line error naming what is wrong with it."""
    where = str(path)
    hint = "download the .argosmodel again"
    if not path.is_file():
        raise RetranslateError("no such model file", path=where)
    if not zipfile.is_zipfile(path):
        raise RetranslateError("not an Argos model: not a zip archive (corrupt or truncated?)",
                               path=where, hint=hint)
    try:
        with zipfile.ZipFile(path) as archive:
            broken = archive.testzip()
            names = archive.namelist()
            tops = {name.split("/", 1)[0] for name in names}
            if broken is not None or len(tops) != 1:
                problem = f"damaged member {broken}" if broken else "not one top-level folder"
                raise RetranslateError(f"not an Argos model: {problem}", path=where, hint=hint)
            top = tops.pop()
            for needed in ("metadata.json", "model/model.bin"):
                if f"{top}/{needed}" not in names:
                    raise RetranslateError(f"not an Argos model: no {needed}", path=where,
                                           hint=hint)
            if not {f"{top}/sentencepiece.model", f"{top}/bpe.model"} & set(names):
                raise RetranslateError("not an Argos model: no tokenizer model", path=where,
                                       hint=hint)
            metadata = json.loads(archive.read(f"{top}/metadata.json"))
    except (zipfile.BadZipFile, OSError, EOFError, json.JSONDecodeError) as err:
        raise RetranslateError(f"not an Argos model: {err}", path=where, hint=hint) from None
    if not isinstance(metadata, dict) or not {"from_code", "to_code"} <= set(metadata):
        raise RetranslateError("not an Argos model: metadata.json lacks from_code/to_code",
                               path=where, hint=hint)
    return metadata


def install_file(path: Path, pair: tuple[str, str] | None = ("ru", "en")) -> ModelInfo:
    """Install an .argosmodel after checking it is whole and translates the expected pair."""
    metadata = read_archive(path)
    found = (metadata["from_code"], metadata["to_code"])
    if pair is not None and found != pair:
        raise RetranslateError(f"a {found[0]}→{found[1]} model, not {pair[0]}→{pair[1]}",
                               path=str(path), hint="install a ru→en model")
    package = argos_package()
    try:
        package.install_from_path(path)
    except Exception as err:  # Argos raises bare Exception for a bad archive
        raise RetranslateError(f"install failed: {err}", path=str(path)) from None
    return next(m for m in installed() if (m.from_code, m.to_code) == found)


def install_from_index(from_code: str, to_code: str) -> ModelInfo:
    """Download and install a pair from the Argos package index (needs the internet)."""
    package = argos_package()
    try:
        package.update_package_index()
        available = [p for p in package.get_available_packages()
                     if (p.from_code, p.to_code) == (from_code, to_code)]
    except Exception as err:  # network errors come in many types
        raise RetranslateError(
            f"cannot reach the Argos package index ({type(err).__name__})",
            hint="offline? install a downloaded file: retranslate model install FILE.argosmodel",
        ) from None
    if not available:
        raise RetranslateError(f"the Argos index has no {from_code}→{to_code} model")
    try:
        downloaded = Path(available[0].download())
    except Exception as err:
        raise RetranslateError(f"download failed ({type(err).__name__})",
                               hint="install a downloaded file instead") from None
    return install_file(downloaded, (from_code, to_code))


def installed() -> list[ModelInfo]:
    package = argos_package()
    return [ModelInfo(p.from_code, p.to_code, str(getattr(p, "package_version", "")),
                      Path(p.package_path)) for p in package.get_installed_packages()]


def find(from_code: str = "ru", to_code: str = "en") -> ModelInfo:
    for model in installed():
        if (model.from_code, model.to_code) == (from_code, to_code):
            return model
    raise RetranslateError(f"no {from_code}→{to_code} model is installed",
                           hint="retranslate model install FILE.argosmodel")


def remove(from_code: str, to_code: str) -> ModelInfo:
    model = find(from_code, to_code)
    shutil.rmtree(model.path)
    return model
