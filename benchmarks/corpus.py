"""Generate a benchmark corpus, a glossary, and the same single words for codespell and typos.

The English text is drawn from a word list (the correct spellings in codespell's own dictionary,
minus anything typos would flag, plus common function words), Zipf-weighted, in sentences and
paragraphs. The glossary's wrong forms are made-up words (and pairs of them for multi-word
entries) that occur nowhere else, planted at a known rate; the manifest records how many of each
were planted, so every tool's findings can be counted against it.

    python benchmarks/corpus.py --size-mb 200 --files 2000 --entries 1000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import DATA, tool

_COMMON = (
    "the of and to a in is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when if so "
    "no will can said who more about up its out into them than then some could time these two "
    "may first only new other people any after our over also most year years made many before "
    "must through back where much government police city country week officials state"
)
FUNCTION_WORDS = tuple(_COMMON.split())
_CONSONANTS = "bdfgklmnprtvz"
_VOWELS = "aeiou"


@dataclass(frozen=True)
class Term:
    id: str
    wrong: str
    target: str

    @property
    def multi_word(self) -> bool:
        return " " in self.wrong


def word_list() -> list[str]:
    """Correct English words, most frequent first; typos and codespell flag none of them."""
    cached = DATA / "words.txt"
    if cached.exists():
        return cached.read_text().split()
    import codespell_lib

    dictionary = Path(codespell_lib.__file__).parent / "data" / "dictionary.txt"
    misspelt: set[str] = set()
    right: set[str] = set()
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("->")
        misspelt.add(key.strip().lower())
        right.update(w.strip() for w in value.split(","))
    candidates = sorted(w for w in right if re.fullmatch(r"[a-z]{2,14}", w) and w not in misspelt)
    flagged = subprocess.run([tool("typos"), "--format", "brief", "-"],
                             input="\n".join(candidates), capture_output=True, text=True,
                             check=False).stdout
    bad = set(re.findall(r"`([^`]+)` should be", flagged))
    rng = random.Random(7)
    rest = [w for w in candidates if w not in bad and w not in FUNCTION_WORDS]
    rng.shuffle(rest)
    words = [*FUNCTION_WORDS, *rest]
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text("\n".join(words) + "\n")
    return words


def _pseudo_words(count: int, taken: set[str], rng: random.Random) -> list[str]:
    made: list[str] = []
    seen = set(taken)
    while len(made) < count:
        syllables = rng.randint(3, 4)
        word = "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables))
        word += rng.choice(("", "", "k", "v", "r", "m"))
        # A made-up word must not be another one's plural or possessive stem.
        if word in seen or word + "s" in seen or word.endswith("s"):
            continue
        seen.add(word)
        made.append(word)
    return made


def make_terms(entries: int, multi_share: float = 0.1, seed: int = 1) -> list[Term]:
    """`entries` glossary terms; `multi_share` of them are two-word wrong forms."""
    rng = random.Random(seed)
    words = word_list()
    multi = round(entries * multi_share)
    single = entries - multi
    pseudo = _pseudo_words(single + 2 * multi, set(words), rng)
    targets = words[len(FUNCTION_WORDS):]
    terms = [Term(f"b{i:05d}", pseudo[i], targets[i % len(targets)]) for i in range(single)]
    for j in range(multi):
        a, b = pseudo[single + 2 * j], pseudo[single + 2 * j + 1]
        i = single + j
        terms.append(Term(f"b{i:05d}", f"{a} {b}",
                          f"{targets[i % len(targets)]} {targets[(i + 1) % len(targets)]}"))
    return terms


def glossary_toml(terms: list[Term]) -> str:
    out = ['[meta]\nname = "benchmark glossary (generated)"\n']
    for t in terms:
        wrong, right = f"They saw the {t.wrong} today.", f"They saw the {t.target} today."
        out.append(
            f'[[entry]]\nid = "{t.id}"\ntarget = {json.dumps(t.target)}\n'
            f"wrong = [{json.dumps(t.wrong)}]\nautofix = true\n"
            f'note = "generated for the benchmark"\n'
            f"examples = [{{ wrong = {json.dumps(wrong)}, right = {json.dumps(right)} }}]\n")
    return "\n".join(out)


def write_glossaries(terms: list[Term], folder: Path) -> None:
    """glossary.toml for retranslate; its single-word entries for codespell and typos."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "glossary.toml").write_text(glossary_toml(terms), encoding="utf-8")
    singles = [t for t in terms if not t.multi_word]
    (folder / "codespell.dict").write_text(
        "".join(f"{t.wrong}->{t.target}\n" for t in singles), encoding="utf-8")
    (folder / "typos.toml").write_text(
        "[files]\nignore-vcs = false\nignore-parent = false\n\n[default.extend-words]\n"
        + "".join(f'{t.wrong} = "{t.target}"\n' for t in singles), encoding="utf-8")


def _text(rng: random.Random, words: list[str], cum: list[float], n_words: int,
          terms: list[Term], rate: float, planted: dict[str, int]) -> str:
    drawn = rng.choices(words, cum_weights=cum, k=n_words)
    plants = int(n_words * rate)
    for pos in rng.sample(range(n_words), plants):
        term = terms[rng.randrange(len(terms))]
        drawn[pos] = term.wrong
        planted[term.id] = planted.get(term.id, 0) + 1
    paragraphs: list[str] = []
    i = 0
    while i < n_words:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            length = rng.randint(6, 22)
            chunk = drawn[i: i + length]
            i += length
            if not chunk:
                break
            sentence = " ".join(chunk)
            sentences.append(sentence[0].upper() + sentence[1:] + rng.choice("....?!"))
        # Hard-wrapped like much plain text: a multi-word term may straddle a line break.
        paragraph = " ".join(sentences)
        lines, width = [], 0
        for token in paragraph.split(" "):
            if width + len(token) > 76 and lines:
                lines.append("\n")
                width = 0
            elif lines:
                lines.append(" ")
                width += 1
            lines.append(token)
            width += len(token)
        paragraphs.append("".join(lines))
    text = "\n\n".join(paragraphs) + "\n"
    return text


def make_corpus(folder: Path, *, size_mb: float, files: int, entries: int,
                rate: float = 0.001, seed: int = 1, multi_share: float = 0.1) -> dict:
    """Write the corpus, the glossaries and manifest.json into `folder`; reuse a matching one."""
    wanted = {"size_mb": size_mb, "files": files, "entries": entries, "rate": rate,
              "seed": seed, "multi_share": multi_share}
    manifest_path = folder / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("parameters") == wanted:
            return manifest
    terms = make_terms(entries, multi_share, seed)
    write_glossaries(terms, folder)
    rng = random.Random(seed)
    words = word_list()
    cum, total = [], 0.0
    for rank in range(len(words)):
        total += 1.0 / (rank + 1) ** 1.05
        cum.append(total)
    text_dir = folder / "text"
    text_dir.mkdir(parents=True, exist_ok=True)
    for old in text_dir.iterdir():
        old.unlink()
    planted: dict[str, int] = {}
    mean_bytes = size_mb * 1_000_000 / files
    written = 0
    for n in range(files):
        # Sizes vary from a fifth of the mean to nearly twice it; ~6.2 bytes per word.
        target = mean_bytes * rng.uniform(0.2, 1.8)
        text = _text(rng, words, cum, max(1, int(target / 6.2)), terms, rate, planted)
        path = text_dir / f"doc-{n:06d}.txt"
        path.write_text(text, encoding="utf-8")
        written += len(text.encode())
    by_term = {t.id: t for t in terms}
    manifest = {
        "parameters": wanted,
        "bytes": written,
        "files": files,
        "planted_single": sum(c for i, c in planted.items() if not by_term[i].multi_word),
        "planted_multi": sum(c for i, c in planted.items() if by_term[i].multi_word),
        "planted": planted,
    }
    manifest_path.write_text(json.dumps(manifest, indent=1))
    return manifest


def small_files(folder: Path, count: int, *, entries: int = 100, seed: int = 3) -> Path:
    """`count` small files (about 1 KB each, as in a docs tree) under folder/text, made once."""
    text_dir = folder / "text"
    marker = folder / f".made-{count}"
    if marker.exists():
        return text_dir
    terms = make_terms(entries, 0.1, seed)
    write_glossaries(terms, folder)
    rng = random.Random(seed)
    words = word_list()
    cum, total = [], 0.0
    for rank in range(len(words)):
        total += 1.0 / (rank + 1) ** 1.05
        cum.append(total)
    planted: dict[str, int] = {}
    for n in range(count):
        sub = text_dir / f"d{n // 1000:03d}"
        if n % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"doc-{n:06d}.txt").write_text(
            _text(rng, words, cum, rng.randint(80, 240), terms, 0.002, planted))
    marker.write_text(json.dumps({"count": count, "planted": sum(planted.values())}))
    return text_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DATA / "scan")
    parser.add_argument("--size-mb", type=float, default=200)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=0.001, help="planted words per word")
    args = parser.parse_args()
    manifest = make_corpus(args.out, size_mb=args.size_mb, files=args.files,
                           entries=args.entries, rate=args.rate)
    print(f"{args.out}: {manifest['files']} files, {manifest['bytes'] / 1e6:.1f} MB, "
          f"{manifest['planted_single']} single-word and {manifest['planted_multi']} "
          f"multi-word wrong forms planted")
    os.sync()


if __name__ == "__main__":
    main()
