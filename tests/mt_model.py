"""Build a tiny but real Argos Translate package for tests: no download, no PyTorch.

A SentencePiece model trained here on a few sentences, and a one-layer CTranslate2 Transformer
whose weights are seeded random numbers, packed as an `.argosmodel` zip exactly as Argos packages
are laid out. Its translations are nonsense, but every step retranslate takes with a real ru→en
model (install, load, tokenize, translate, decode) runs on it for real.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

_CORPUS = """\
Полиция задержала двух человек в центре города.
Корреспондент поговорил с жителями о ситуации.
Протестующие собрались на площади утром.
Мародёры разграбили несколько магазинов ночью.
Власти ввели комендантский час с 23:00 до 7:00.
Police detained two people in the city centre.
The correspondent spoke to residents about the situation.
Protesters gathered on the square in the morning.
Looters robbed several shops at night.
The authorities introduced a curfew from 11 pm to 7 am.
"""
D_MODEL = 16
FFN = 32


def _set(spec: Any, name: str, value: Any) -> None:
    """Set a spec variable by its path, e.g. encoder/layer_0/ffn/linear_1/weight."""
    target = spec
    *parents, leaf = name.split("/")
    for part in parents:
        if hasattr(target, part):
            target = getattr(target, part)
        else:
            found = re.fullmatch(r"(.*)_(\d+)", part)
            assert found, name
            target = getattr(target, found.group(1))[int(found.group(2))]
    setattr(target, leaf, value)


def _shape(name: str, vocabulary: int) -> tuple[int, ...]:
    if name.endswith(("embeddings/weight", "embeddings_0/weight", "projection/weight")):
        return (vocabulary, D_MODEL)
    if "layer_norm" in name:
        return (D_MODEL,)
    if "/ffn/linear_0/" in name:
        return (FFN, D_MODEL)
    if "/ffn/linear_1/" in name:
        return (D_MODEL, FFN)
    if "self_attention/linear_0/" in name:
        return (3 * D_MODEL, D_MODEL)  # fused query, key and value
    if "/attention/linear_1/" in name:
        return (2 * D_MODEL, D_MODEL)  # encoder-decoder attention: fused key and value
    return (D_MODEL, D_MODEL)


def build_argosmodel(folder: Path, from_code: str = "ru", to_code: str = "en",
                     seed: int = 7) -> Path:
    """Write `translate-{from}_{to}-tiny.argosmodel` into `folder` and return its path."""
    import ctranslate2
    import numpy as np
    import sentencepiece

    work = folder / f"build-{from_code}-{to_code}"
    package = work / f"translate-{from_code}_{to_code}-tiny"
    package.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.txt"
    corpus.write_text(_CORPUS, encoding="utf-8")
    sentencepiece.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(package / "sentencepiece"), vocab_size=150,
        model_type="unigram", character_coverage=1.0, hard_vocab_limit=False,
        unk_id=0, bos_id=1, eos_id=2, pad_id=-1, minloglevel=2)
    (package / "sentencepiece.vocab").unlink()
    pieces = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    tokens = [pieces.id_to_piece(i) for i in range(pieces.get_piece_size())]

    class TinyConverter(ctranslate2.converters.Converter):  # type: ignore[misc]
        def _load(self) -> Any:
            spec = ctranslate2.specs.TransformerSpec.from_config(1, 2)
            rng = np.random.default_rng(seed)
            for name, value in spec.variables(ordered=True):
                if value is None:
                    shape = _shape(name, len(tokens))
                    if name.endswith("gamma"):
                        array = np.ones(shape, dtype=np.float32)
                    elif name.endswith("beta"):
                        array = np.zeros(shape, dtype=np.float32)
                    else:
                        array = rng.normal(0, 0.5, shape).astype(np.float32)
                    _set(spec, name, array)
            spec.register_source_vocabulary(tokens)
            spec.register_target_vocabulary(tokens)
            return spec

    TinyConverter().convert(str(package / "model"), force=True)
    metadata = {
        "package_version": "0.0.1", "argos_version": "1.9.0",
        "from_code": from_code, "from_name": from_code, "to_code": to_code, "to_name": to_code,
        "type": "translate", "languages": [],
    }
    (package / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    archive = folder / f"translate-{from_code}_{to_code}-tiny.argosmodel"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in sorted(package.rglob("*")):
            zipped.write(file, file.relative_to(work))
    return archive
