"""Translating sentences with an installed Argos package's CTranslate2 model, in batches.

Argos's own pipeline starts with a sentence splitter that downloads its model on first use;
retranslate has split the text already, so it runs the package's tokenizer and model directly:
the same steps Argos takes for each sentence, with nothing fetched at run time. Many sentences
go to CTranslate2 in one `translate_batch` call, which is where batching pays: one pass of the
model serves the whole batch.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from retranslate.errors import RetranslateError
from retranslate.mt.packages import MT_HINT, ModelInfo, argos_package, find

MAX_TOKENS = 256
# Argos's own value (argostranslate.translate.apply_packaged_translation): its models are tuned
# with it, so a sentence translates here as it does in Argos.
LENGTH_PENALTY = 0.2
# How many loads this process made: a run must load its model once, however many files it has.
loads = 0


def cores() -> int:
    """The cores this process may run on (fewer than os.cpu_count() in a container or taskset)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


class Translator:
    """One loaded model. Translation is deterministic for a given model and input."""

    def __init__(self, model: ModelInfo) -> None:
        global loads
        try:
            import ctranslate2
        except ImportError:
            raise RetranslateError(MT_HINT) from None
        package_module = argos_package()
        self._settings: Any = package_module.settings  # ARGOS_DEVICE_TYPE, ARGOS_BEAM_SIZE, ...
        self.model = model
        # One batch at a time, so one worker using every core beats Argos's default of
        # CTranslate2's 4 threads; ARGOS_INTRA_THREADS set by the user still wins.
        intra = self._settings.intra_threads or (0 if "ARGOS_INTRA_THREADS" in os.environ
                                                 else cores())
        self.threads = intra
        options: dict[str, Any] = {"device": self._settings.device,
                                   "inter_threads": self._settings.inter_threads,
                                   "intra_threads": intra}
        if self._settings.compute_type != "auto":
            options["compute_type"] = self._settings.compute_type
        try:
            self._package: Any = package_module.Package(model.path)
            self._translator = ctranslate2.Translator(str(model.path / "model"), **options)
            self._tokenizer: Any = self._package.tokenizer
        except Exception as err:  # ctranslate2 and sentencepiece raise RuntimeError/OSError
            raise RetranslateError(f"cannot load the {model.pair} model: {err}",
                                   path=str(model.path),
                                   hint="remove it and install the .argosmodel again") from None
        self._vocabulary: list[str] | None = None
        self.max_tokens = MAX_TOKENS
        loads += 1

    def translate(self, sentences: Sequence[str],
                  forbidden: Sequence[Sequence[str]] | None = None) -> list[str]:
        """One translation per sentence, in order; empty sentences stay empty.

        `forbidden[i]` lists phrases sentence i's translation must not contain (a glossary
        entry's wrong renderings); the model is kept from producing their pieces. Sentences
        with the same forbidden phrases share a batch, since CTranslate2 takes one list of
        suppressed sequences per call.
        """
        groups: dict[tuple[str, ...], list[int]] = {}
        for i, sentence in enumerate(sentences):
            if sentence.strip():
                phrases = tuple(sorted(set(forbidden[i]))) if forbidden else ()
                groups.setdefault(phrases, []).append(i)
        out = [""] * len(sentences)
        for phrases, indices in groups.items():
            texts = self._translate_batch([sentences[i] for i in indices],
                                          self.suppressed(phrases))
            for index, text in zip(indices, texts, strict=True):
                out[index] = text
        return out

    def suppressed(self, phrases: Sequence[str]) -> list[list[str]]:
        """The piece sequences that spell each phrase: how the tokenizer writes it (with and
        without a capital), and any single vocabulary piece that contains it as a word."""
        sequences: list[list[str]] = []
        vocabulary = self.vocabulary()
        known = set(vocabulary)
        for phrase in phrases:
            for variant in dict.fromkeys((phrase, phrase[:1].upper() + phrase[1:],
                                          phrase[:1].lower() + phrase[1:])):
                pieces = self._tokenizer.encode(variant)
                # CTranslate2 refuses a piece it does not know, and an unknown piece is no
                # way to write the phrase anyway.
                if pieces and known.issuperset(pieces) and pieces not in sequences:
                    sequences.append(pieces)
            words = f" {phrase.casefold()} "
            for piece in vocabulary:
                surface = f" {piece.replace('▁', ' ').casefold().strip()} "
                if words in surface and [piece] not in sequences:
                    sequences.append([piece])
        return sequences

    def vocabulary(self) -> list[str]:
        if self._vocabulary is None:
            lazy = getattr(self._tokenizer, "lazy_processor", None)  # BPE packages have none
            processor = lazy() if lazy else None
            self._vocabulary = [processor.id_to_piece(i)
                                for i in range(processor.get_piece_size())] if processor else []
        return self._vocabulary

    def _translate_batch(self, sentences: list[str], suppress: list[list[str]]) -> list[str]:
        tokens = [self._tokenizer.encode(sentence) for sentence in sentences]
        prefix = self._package.target_prefix
        try:
            results = self._translator.translate_batch(
                tokens,
                target_prefix=[[prefix]] * len(tokens) if prefix else None,
                beam_size=self._settings.beam_size,
                length_penalty=LENGTH_PENALTY,
                max_batch_size=self._settings.batch_size,
                replace_unknowns=True,
                suppress_sequences=suppress or None,
                # A sound model stops long before this; the bound only stops a broken one
                # rambling. A constant, so a sentence translates the same alone or in a batch.
                max_decoding_length=self.max_tokens,
            )
        except (RuntimeError, ValueError) as err:  # CTranslate2's errors: memory, bad model
            raise RetranslateError(f"the {self.model.pair} model failed to translate: {err}",
                                   path=str(self.model.path)) from None
        out = []
        for result in results:
            text = self._tokenizer.decode(result.hypotheses[0])
            if prefix and text.startswith(prefix):
                text = text[len(prefix):]
            out.append(text.strip())
        return out


def load_translator(from_code: str = "ru", to_code: str = "en") -> Translator:
    return Translator(find(from_code, to_code))
