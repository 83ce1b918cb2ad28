"""Build a tiny but real Argos Translate package for tests: no download, no PyTorch.

A SentencePiece model trained here on a few sentences, and a one-layer CTranslate2 Transformer
whose weights are set by hand so that it copies its input, packed as an `.argosmodel` zip laid
out exactly as Argos packages are. Every step retranslate takes with a real ru→en model (install,
load, tokenize, translate, decode) runs on it for real, and its output is known in advance:
"привет мир" comes back as "привет мир". A `lexicon` turns whole source words into target words
(ночью → at night), so a test can also see a sentence come back in English. A lexicon word may
have second choices (протестующих → Protestants, else protesters): the model prefers the first,
and takes the next when the first is forbidden (CTranslate2's suppress_sequences).

How the copy works. Each vector has a part for tokens (one-hot), one constant "bias" dimension,
and a part for positions (one-hot; no sinusoids, no scaling). Self-attention and feed-forward
weights are zero, so only the residual passes through them. Decoder step t attends to source
position t: its query and the source's keys keep only the position dimensions, scaled so the
softmax is all but one-hot. The value carries that source token (mapped through the lexicon),
which outweighs the decoder's own input in the output projection. The source ends with </s>
(add_source_eos), so the copy stops once that is copied. A step past the end of the source
matches no position; there the bias dimension, worth half a position match, draws it to the
source's </s>. Without that, the lower beams of a beam search that skip </s> would ramble on
until they run out of positions.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

_CORPUS = """\
Полиция задержала двух человек в центре города.
Корреспондент поговорил с жителями о ситуации.
Протестующие собрались на площади утром.
Мародёры разграбили несколько магазинов ночью.
Власти ввели комендантский час с 23:00 до 7:00.
Привет, мир!
Police detained two people in the city centre.
The correspondent spoke to residents about the situation.
Protesters gathered on the square in the morning.
Looters robbed several shops at night.
The authorities introduced a curfew from 11 pm to 7 am.
"""
SECOND_CHOICE = 0.8  # how much a lexicon's next choice weighs against its first
POSITIONS = 128  # the longest source it copies, in pieces including </s>
SHARP = 5.0  # query scale: the right source position outscores the others by ~40 logits


def argos_environment(folder: Path) -> dict[str, str]:
    """Environment that keeps Argos Translate (folders, settings, index) inside `folder`."""
    return {"ARGOS_PACKAGES_DIR": str(folder / "packages"),
            "XDG_DATA_HOME": str(folder / "data"),
            "XDG_CONFIG_HOME": str(folder / "config"),
            "XDG_CACHE_HOME": str(folder / "cache"),
            # Nothing listens on port 9 (discard): fetching the index fails at once, offline or not.
            "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/"}


def _piece(words: str) -> str:
    return "▁" + words.replace(" ", "▁")


def build_argosmodel(folder: Path, from_code: str = "ru", to_code: str = "en",
                     lexicon: Mapping[str, str | Sequence[str]] | None = None) -> Path:
    """Write `translate-{from}_{to}-tiny.argosmodel` into `folder` and return its path.

    `lexicon` maps a source word to its target word, or to target words in order of preference.
    """
    import ctranslate2
    import numpy as np
    import sentencepiece

    choices = {word: [target] if isinstance(target, str) else list(target)
               for word, target in (lexicon or {}).items()}
    work = folder / f"build-{from_code}-{to_code}"
    package = work / f"translate-{from_code}_{to_code}-tiny"
    package.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.txt"
    corpus.write_text(_CORPUS, encoding="utf-8")
    # Lexicon words become whole pieces wherever they occur, so one piece maps to one piece.
    symbols = list(dict.fromkeys([_piece(w) for w in choices] + [
        _piece(w) for targets in choices.values() for w in targets]))
    sentencepiece.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(package / "sentencepiece"), vocab_size=150,
        model_type="unigram", character_coverage=1.0, hard_vocab_limit=False,
        user_defined_symbols=symbols or None, unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
        num_threads=1, minloglevel=2)
    os.remove(package / "sentencepiece.vocab")
    pieces = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    tokens = [pieces.id_to_piece(i) for i in range(pieces.get_piece_size())]
    size = len(tokens)
    bias = size  # the constant dimension
    width = size + 1 + POSITIONS
    ids = {token: i for i, token in enumerate(tokens)}
    translation = np.eye(size, dtype=np.float32)  # column: source piece, row: target piece
    for source, targets in choices.items():
        column = ids[_piece(source)]
        translation[:, column] = 0
        for rank, target in enumerate(targets):
            translation[ids[_piece(target)], column] = SECOND_CHOICE ** rank

    def block(rows: slice, columns: slice, value: Any) -> Any:
        matrix = np.zeros((width, width), dtype=np.float32)
        matrix[rows, columns] = value
        return matrix

    token_part, position_part = slice(0, size), slice(size + 1, width)
    embeddings = np.eye(size, width, dtype=np.float32)
    embeddings[:, bias] = 1
    positions = np.eye(POSITIONS, width, k=size + 1, dtype=np.float32)
    ones, zeros = np.ones(width, dtype=np.float32), np.zeros(width, dtype=np.float32)

    class CopyConverter(ctranslate2.converters.Converter):  # type: ignore[misc]
        def _load(self) -> Any:
            spec = ctranslate2.specs.TransformerSpec.from_config(1, 1)
            spec.config.add_source_eos = True
            spec.encoder.embeddings[0].weight = embeddings
            spec.decoder.embeddings.weight = embeddings
            for part in (spec.encoder, spec.decoder):
                part.scale_embeddings = False
                part.position_encodings.encodings = positions
                layer = part.layer[0]
                for norm in (part.layer_norm, layer.self_attention.layer_norm,
                             layer.ffn.layer_norm):
                    norm.gamma, norm.beta = ones, zeros
                layer.self_attention.linear[0].weight = np.zeros((3 * width, width), np.float32)
                layer.self_attention.linear[1].weight = np.zeros((width, width), np.float32)
                layer.ffn.linear_0.weight = np.zeros((8, width), np.float32)
                layer.ffn.linear_1.weight = np.zeros((width, 8), np.float32)
            cross = spec.decoder.layer[0].attention
            cross.layer_norm.gamma, cross.layer_norm.beta = ones, zeros
            query = block(position_part, position_part, SHARP * np.eye(POSITIONS))
            query[bias, bias] = SHARP / 2
            key = block(position_part, position_part, np.eye(POSITIONS))
            key[bias, pieces.eos_id()] = 1
            cross.linear[0].weight = query
            cross.linear[1].weight = np.concatenate(
                [key, block(token_part, token_part, SHARP * translation)])
            cross.linear[2].weight = block(token_part, token_part, np.eye(size))
            spec.decoder.projection.weight = 2 * np.eye(size, width, dtype=np.float32)
            spec.register_source_vocabulary(tokens)
            spec.register_target_vocabulary(tokens)
            return spec

    CopyConverter().convert(str(package / "model"), force=True)
    metadata = {
        "package_version": "0.0.1", "argos_version": "1.9.0",
        "from_code": from_code, "from_name": from_code, "to_code": to_code, "to_name": to_code,
        "type": "translate", "languages": [],
    }
    (package / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    archive = folder / f"translate-{from_code}_{to_code}-tiny.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for file in sorted(package.rglob("*")):
            zipped.write(file, file.relative_to(work))
    return archive
