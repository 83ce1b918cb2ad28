"""Re-translation speed against Argos Translate itself, with the same package (needs the mt extra).

(a) Re-translating the 10 flagged sentences of a 1,000-sentence document against
    `argostranslate.translate` on the whole document: the tests' tiny package (tests/mt_model.py,
    with a lexicon), ours timed from substitution's result to the fixed text (planning, the
    model, the acceptance checks and substitution on the new sentences).
(b) Batched translation against `argostranslate.translate` on the same sentences, on a model of
    the real size built here: Argos's Transformer-base (6+6 layers, d_model 512, 8 heads, FFN
    2048, a shared 50,000-piece SentencePiece vocabulary, int8) with random weights. Random
    weights never choose </s>, so both sides are capped at the same output length and reach it.

Argos splits text into sentences with MiniSBD, which downloads a model on first use; offline,
its splitter is replaced here by a split at sentence ends, which only makes Argos faster.
Run: python benchmarks/retranslate.py [--sentences N] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# This file's name is the package's: run as a script, its folder must not shadow the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.append(str(ROOT / "benchmarks"))  # after the package, for measure.py

from measure import machine as described  # noqa: E402

from mt_model import argos_environment, build_argosmodel  # noqa: E402

GLOSSARY = ROOT / "tests" / "data" / "glossary" / "test.toml"
LEXICON = {"Полиция": "Police", "задержала": "detained", "человек": "people", "в": "in",
           "ночью.": "at night.", "ночью": "at night", "Алматы": "Almaty", "Астане": "Astana",
           "Караганде": "Karaganda", "Шымкенте": "Shymkent"}
CITIES = [("Алматы", "Almaty"), ("Астане", "Astana"), ("Караганде", "Karaganda"),
          ("Шымкенте", "Shymkent")]
CAP = 48  # output tokens, both sides, for (b)
VOCABULARY = 50_000


def best(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def offline_argos() -> Any:
    import argostranslate.translate as argos
    from argostranslate.sbd import MiniSBDSentencizer

    def split(self: object, text: str) -> list[str]:
        return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]

    MiniSBDSentencizer.split_sentences = split
    return argos


def uncached(argos: Any, text: str) -> Callable[[], object]:
    """argostranslate.translate on `text`, its paragraph cache emptied first: a repeat must
    translate again, as a first run does."""
    def run() -> object:
        argos.get_translation_from_codes("ru", "en").cache = {}
        return argos.translate(text, "ru", "en")

    return run


def document_pair(sentences: int, flagged: int) -> tuple[str, str]:
    """A Russian article and its English translation, `flagged` sentences with Russian left."""
    rng = random.Random(7)
    russian, english = [], []
    every = sentences // flagged
    for i in range(sentences):
        city_ru, city_en = rng.choice(CITIES)
        n = rng.randint(2, 900)
        russian.append(f"Полиция задержала {n} человек в {city_ru} ночью.")
        english.append(f"Police detained {n} people in {city_en} "
                       f"{'ночью' if i % every == every // 2 else 'at night'}.")

    def paragraphs(lines: list[str]) -> str:
        return "\n\n".join(" ".join(lines[i:i + 5]) for i in range(0, len(lines), 5)) + "\n"

    return paragraphs(russian), paragraphs(english)


def flagged_sentences(folder: Path, repeat: int) -> float:
    from retranslate.checks import load_checks
    from retranslate.files.document import decode
    from retranslate.glossary import load_glossary
    from retranslate.mt.packages import install_file
    from retranslate.mt.translator import load_translator
    from retranslate.pipeline import Options, fix_document
    from retranslate.repair.retranslate_run import RetranslationStage

    install_file(build_argosmodel(folder / "tiny", lexicon=LEXICON))
    russian, english = document_pair(1000, 10)
    glossary, checks = load_glossary([GLOSSARY]), load_checks()
    source = decode(russian.encode(), "doc.ru.txt")
    substituted = fix_document(decode(english.encode(), "doc.en.txt"), glossary, checks, source)
    translator = load_translator()
    done: list[Any] = []

    def ours() -> None:
        stage = RetranslationStage(glossary, checks, Options(), explicit=True, note=print,
                              load=lambda: translator)
        done[:] = list(stage.results([substituted]))

    argos = offline_argos()
    argos.translate("Полиция задержала 2 человек.", "ru", "en")  # load the model first
    mine = best(repeat, ours)
    theirs = best(repeat, uncached(argos, russian))
    tried = done[0].retranslations
    print(f"(a) 10 flagged of 1,000 sentences: ours {mine:.3f} s "
          f"({sum(r.used == 'retranslation' for r in tried)}/{len(tried)} re-translated), "
          f"argostranslate.translate on the document {theirs:.3f} s: {theirs / mine:.1f}x")
    # Argos's CTranslate2 translator made again, with the threads ours uses.
    argos.get_translation_from_codes("ru", "en").underlying.translator = None
    own, argos.settings.intra_threads = argos.settings.intra_threads, translator.threads
    argos.translate("Полиция задержала 2 человек.", "ru", "en")
    matched = best(repeat, uncached(argos, russian))
    argos.settings.intra_threads = own
    print(f"    Argos given the same threads as ours ({translator.threads}): {matched:.3f} s: "
          f"{matched / mine:.1f}x")
    return theirs / mine


def real_size_package(folder: Path) -> Path:
    """An .argosmodel of Argos's Transformer-base shape, random weights, int8."""
    import ctranslate2
    import numpy as np
    import sentencepiece
    from sentencepiece import sentencepiece_model_pb2

    package = folder / "translate-ru_en-base"
    package.mkdir(parents=True)
    corpus = folder / "corpus.txt"
    russian, english = document_pair(200, 10)
    corpus.write_text(russian + english, encoding="utf-8")
    sentencepiece.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(folder / "seed"), vocab_size=400,
        character_coverage=1.0, hard_vocab_limit=False, num_threads=1, minloglevel=2)
    proto = sentencepiece_model_pb2.ModelProto()  # type: ignore[attr-defined]
    proto.ParseFromString((folder / "seed.model").read_bytes())
    rng = random.Random(3)
    letters = "абвгдежзиклмнопрстуфхцчшщыэюяabcdefghijklmnopqrstuvwxyz"
    seen = {p.piece for p in proto.pieces}
    while len(proto.pieces) < VOCABULARY:  # pad to the real size with unlikely pieces
        piece = "▁" * rng.randint(0, 1) + "".join(rng.choices(letters, k=rng.randint(3, 9)))
        if piece not in seen:
            seen.add(piece)
            proto.pieces.add(piece=piece, score=-30.0 - len(seen) / VOCABULARY)
    (package / "sentencepiece.model").write_bytes(proto.SerializeToString())
    tokens = [p.piece for p in proto.pieces]
    eos = tokens.index("</s>")
    weights = np.random.default_rng(5)
    d_model, ffn = 512, 2048

    def matrix(rows: int, columns: int) -> Any:
        return (weights.standard_normal((rows, columns)) * 0.02).astype(np.float32)

    class BaseConverter(ctranslate2.converters.Converter):
        def _load(self) -> Any:
            spec = ctranslate2.specs.TransformerSpec.from_config(6, 8)
            spec.encoder.embeddings[0].weight = matrix(len(tokens), d_model)
            spec.decoder.embeddings.weight = matrix(len(tokens), d_model)
            ones, zeros = np.ones(d_model, np.float32), np.zeros(d_model, np.float32)
            for part in (spec.encoder, spec.decoder):
                part.layer_norm.gamma, part.layer_norm.beta = ones, zeros
                for layer in part.layer:
                    attentions = [layer.self_attention]
                    if hasattr(layer, "attention"):
                        attentions.append(layer.attention)
                    for attention in attentions:
                        attention.layer_norm.gamma, attention.layer_norm.beta = ones, zeros
                    layer.self_attention.linear[0].weight = matrix(3 * d_model, d_model)
                    layer.self_attention.linear[1].weight = matrix(d_model, d_model)
                    if hasattr(layer, "attention"):
                        layer.attention.linear[0].weight = matrix(d_model, d_model)
                        layer.attention.linear[1].weight = matrix(2 * d_model, d_model)
                        layer.attention.linear[2].weight = matrix(d_model, d_model)
                    layer.ffn.layer_norm.gamma, layer.ffn.layer_norm.beta = ones, zeros
                    layer.ffn.linear_0.weight = matrix(ffn, d_model)
                    layer.ffn.linear_1.weight = matrix(d_model, ffn)
            spec.decoder.projection.weight = matrix(len(tokens), d_model)
            bias = np.zeros(len(tokens), np.float32)
            bias[eos] = -1e4  # never stop early: every sentence runs to the cap
            spec.decoder.projection.bias = bias
            spec.register_source_vocabulary(tokens)
            spec.register_target_vocabulary(tokens)
            return spec

    BaseConverter().convert(str(package / "model"), quantization="int8", force=True)
    import json
    import zipfile

    (package / "metadata.json").write_text(json.dumps({
        "package_version": "1.0", "argos_version": "1.9.0", "from_code": "ru",
        "from_name": "Russian", "to_code": "en", "to_name": "English", "type": "translate",
        "languages": []}), encoding="utf-8")
    archive = folder / "translate-ru_en-base.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zipped:
        for file in sorted(package.rglob("*")):
            zipped.write(file, file.relative_to(folder))
    return archive


class _Capped:
    """Argos's own CTranslate2 translator with the output cap ours uses, and nothing else
    changed: every other argument is Argos's."""

    def __init__(self, translator: Any) -> None:
        self.translator = translator

    def translate_batch(self, *args: Any, **kwargs: Any) -> Any:
        return self.translator.translate_batch(*args, max_decoding_length=CAP, **kwargs)


def batched(folder: Path, sentences: int, repeat: int) -> float:
    import ctranslate2

    from retranslate.mt.packages import install_file
    from retranslate.mt.translator import load_translator

    install_file(real_size_package(folder / "base"))
    russian, _ = document_pair(sentences, 2)
    lines = [s for s in re.split(r"(?<=[.!?])\s+", russian.strip()) if s]
    translator = load_translator()
    translator.max_tokens = CAP
    argos = offline_argos()
    translation = argos.get_translation_from_codes("ru", "en").underlying
    settings = argos.settings
    results = {}
    for threads, label in ((settings.intra_threads, "Argos's threads"),
                           (translator.threads, "threads matched to cores")):
        translation.translator = _Capped(ctranslate2.Translator(
            str(translation.pkg.package_path / "model"), device=settings.device,
            inter_threads=settings.inter_threads, intra_threads=threads))
        argos.translate(lines[0], "ru", "en")
        results[label] = best(repeat, uncached(argos, " ".join(lines)))
    translator.translate(lines[:1])
    mine = best(repeat, lambda: translator.translate(lines))
    theirs = results["Argos's threads"]
    print(f"(b) {len(lines)} sentences, {CAP} output tokens each, Transformer-base int8 "
          f"({VOCABULARY:,} pieces): ours {len(lines) / mine:.2f} sentences/s, "
          f"argostranslate.translate {len(lines) / theirs:.2f} sentences/s: "
          f"{theirs / mine:.1f}x")
    matched = results["threads matched to cores"]
    print(f"    Argos given the same threads as ours ({translator.threads}): "
          f"{len(lines) / matched:.2f} sentences/s, so batching alone: {matched / mine:.1f}x")
    return theirs / mine


def machine() -> str:
    from retranslate.mt.translator import cores

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{described()}; {cores()} cores for this process, load average {load:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=32, help="for (b)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("a", "b"))
    args = parser.parse_args()
    if args.only is None:
        # Each part in a process of its own: Argos caches the packages it has seen.
        print(f"machine: {machine()}", flush=True)
        for part in ("a", "b"):
            subprocess.run([sys.executable, __file__, "--only", part, "--repeat",
                            str(args.repeat), "--sentences", str(args.sentences)], check=True)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.update(argos_environment(folder / "argos"))
        if args.only == "a":
            flagged_sentences(folder / "a", args.repeat)
        else:
            batched(folder / "b", args.sentences, args.repeat)


if __name__ == "__main__":
    main()
