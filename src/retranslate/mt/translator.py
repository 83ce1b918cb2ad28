"""Translating sentences with an installed Argos package's CTranslate2 model.

Argos's own pipeline starts with a sentence splitter that downloads its model on first use;
retranslate has split the text already, so it runs the package's tokenizer and model directly:
the same steps Argos takes for each sentence, with nothing fetched at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from retranslate.errors import RetranslateError
from retranslate.mt.packages import MT_HINT, ModelInfo, argos_package, find

MAX_TOKENS = 256
# Argos's own value (argostranslate.translate.apply_packaged_translation): its models are tuned
# with it, so a sentence translates here as it does in Argos.
LENGTH_PENALTY = 0.2


class Translator:
    """One loaded model. Translation is deterministic for a given model and input."""

    def __init__(self, model: ModelInfo) -> None:
        try:
            import ctranslate2
        except ImportError:
            raise RetranslateError(MT_HINT) from None
        package_module = argos_package()
        self._settings: Any = package_module.settings  # ARGOS_DEVICE_TYPE, ARGOS_BEAM_SIZE, ...
        self.model = model
        options: dict[str, Any] = {"device": self._settings.device,
                                   "inter_threads": self._settings.inter_threads,
                                   "intra_threads": self._settings.intra_threads}
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

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """One translation per sentence, in order; empty sentences stay empty."""
        wanted = [i for i, s in enumerate(sentences) if s.strip()]
        tokens = [self._tokenizer.encode(sentences[i]) for i in wanted]
        prefix = self._package.target_prefix
        try:
            results = self._translator.translate_batch(
                tokens,
                target_prefix=[[prefix]] * len(tokens) if prefix else None,
                beam_size=self._settings.beam_size,
                length_penalty=LENGTH_PENALTY,
                max_batch_size=self._settings.batch_size,
                replace_unknowns=True,
                # A sound model stops long before this; the bound only stops a broken one
                # rambling. A constant, so a sentence translates the same alone or in a batch.
                max_decoding_length=MAX_TOKENS,
            ) if tokens else []
        except (RuntimeError, ValueError) as err:  # CTranslate2's errors: memory, bad model
            raise RetranslateError(f"the {self.model.pair} model failed to translate: {err}",
                                   path=str(self.model.path)) from None
        out = [""] * len(sentences)
        for index, result in zip(wanted, results, strict=True):
            text = self._tokenizer.decode(result.hypotheses[0])
            if prefix and text.startswith(prefix):
                text = text[len(prefix):]
            out[index] = text.strip()
        return out


def load_translator(from_code: str = "ru", to_code: str = "en") -> Translator:
    return Translator(find(from_code, to_code))
