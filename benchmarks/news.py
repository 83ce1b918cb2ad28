"""The default check on real news (issue 14): speed, --jobs, big files, memory, glossary growth.

    python benchmarks/news.py archive [--repeat 1]     # 1, 2: ≥ 50 MB over ≥ 2,000 files
    python benchmarks/news.py large [--sizes 1 10 50]  # 4: one big file, check and fix
    python benchmarks/news.py memory                   # 5: 10,000 and 100,000 small files
    python benchmarks/news.py hook                     # 5: what the names batch hook keeps
    python benchmarks/news.py growth                   # 6: default glossary ×1, ×4, ×10

Every file is made from the shared corpus (the article and the development set, read from
../shared/corpus/, never copied into the repository) and goes under benchmarks/data/news/.
Whole processes through /usr/bin/time, interleaved, warm caches (see measure.py); the tables
print as Markdown.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

import tomllib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import (
    DATA,
    Run,
    bench_env,
    interleaved,
    machine,
    run_once,
    table,
    tool,
    versions,
    warm,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpus"
NEWS = DATA / "news"


def texts() -> list[str]:
    """The real texts: the article and every development-set page."""
    found = [CORPUS / "kazakhstan-2022-01-07.en.txt", *sorted((CORPUS / "dev").glob("*.txt"))]
    if not found[0].is_file():
        sys.exit(f"the shared corpus is not at {CORPUS}")
    return [p.read_text(encoding="utf-8").strip() + "\n" for p in found]


def megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def make_archive(files: int = 2_100, per_file: int = 14) -> Path:
    """`files` articles of `per_file` consecutive corpus texts each, rotating, in folders of 100."""
    folder = NEWS / f"archive-{files}"
    if folder.is_dir():
        return folder
    pages = texts()
    for n in range(files):
        sub = folder / f"{n // 100:03}"
        sub.mkdir(parents=True, exist_ok=True)
        body = "\n".join(pages[(n + k) % len(pages)] for k in range(per_file))
        (sub / f"article-{n:05}.txt").write_text(body, encoding="utf-8")
    return folder


def subset(archive: Path, files: int) -> Path:
    """The archive's first `files` files, copied into a folder of their own."""
    folder = NEWS / f"subset-{files}-copies"
    if not folder.is_dir():
        folder.mkdir(parents=True)
        for path in sorted(archive.rglob("*.txt"))[:files]:
            (folder / path.name).write_bytes(path.read_bytes())
    return folder


def retranslate(*args: str) -> list[str]:
    return [tool("retranslate"), *args]


def archive(args: argparse.Namespace) -> None:
    folder = make_archive()
    size = megabytes(folder)
    small = subset(folder, 420)
    small_size = megabytes(small)
    env = bench_env()
    warm(folder)
    run_once(retranslate("check", str(next(folder.rglob("*.txt")))), env=env)  # warm cache
    print(f"{machine()}\n{versions()}\narchive: {size:.1f} MB in "
          f"{len(list(folder.rglob('*.txt')))} files; per check on its first 420 files "
          f"({small_size:.1f} MB)\n")
    whole = interleaved({"codespell": [tool("codespell"), str(folder)],
                         "retranslate check --jobs 1": retranslate("check", "--jobs", "1",
                                                                   str(folder)),
                         "retranslate check --jobs 2": retranslate("check", "--jobs", "2",
                                                                   str(folder))},
                        args.repeat, warmup=0, env=env)
    base = whole["codespell"].wall
    one = whole["retranslate check --jobs 1"]
    base_cpu = whole["codespell"].cpu
    rows = [[name, f"{s.wall:.2f}", f"{s.cpu:.2f}", f"{size / s.wall:.2f}", f"{s.rss_mb:.0f}",
             f"{base / s.wall:.3f}", f"{base_cpu / s.cpu:.3f}", f"{one.wall / s.wall:.2f}"]
            for name, s in whole.items()]
    print(table(rows, ["command", "wall s", "CPU s", "MB/s", "peak RSS MB", "× codespell (wall)",
                       "× codespell (CPU)", "× --jobs 1 (wall)"]))
    print()
    # Per check, in one process on the same first files: what each check costs (checks.py).
    print(run_once([sys.executable, str(HERE / "checks.py"), str(small)], env=env)
          .stdout.decode())


def big_files(mb: int) -> dict[str, Path]:
    """One-line and many-line files of `mb` MB of news."""
    out = {}
    pages = texts()
    many = "\n".join(pages)
    one = " ".join(" ".join(p.split()) for p in pages) + " "
    for shape, unit in (("one-line", one), ("many-line", many)):
        path = NEWS / f"{shape}-{mb}mb.txt"
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            n = mb * 1_000_000
            path.write_text((unit * (n // len(unit) + 1))[:n] + "\n", encoding="utf-8")
        out[shape] = path
    return out


def pair_files(kb: int) -> tuple[Path, Path]:
    """The bundled example and its Russian source, repeated to about `kb` kB of English."""
    en = (ROOT / "examples" / "curfew.en.txt").read_text(encoding="utf-8").strip() + "\n\n"
    ru = (ROOT / "examples" / "curfew.ru.txt").read_text(encoding="utf-8").strip() + "\n\n"
    k = max(1, kb * 1000 // len(en.encode()))
    paths = NEWS / f"pair-{kb}kb.en.txt", NEWS / f"pair-{kb}kb.ru.txt"
    for path, text in zip(paths, (en, ru), strict=True):
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text * k, encoding="utf-8")
    return paths


def large(args: argparse.Namespace) -> None:
    env = bench_env()
    print(f"{machine()}\n{versions()}\n")
    rows = []
    first: dict[str, float] = {}

    def measure(name: str, mb: float, cmd: list[str]) -> None:
        run = run_once(cmd, env=env)
        per_mb = run.cpu / mb
        first.setdefault(name, per_mb)
        rows.append([name, f"{mb:g}", f"{run.wall:.1f}", f"{run.cpu:.1f}", f"{per_mb:.2f}",
                     f"{per_mb / first[name]:.2f}", f"{run.rss_mb:.0f}"])
        print(" | ".join(rows[-1]), flush=True)

    for mb in args.sizes:
        for shape, path in big_files(mb).items():
            measure(f"check, {shape}", mb, retranslate("check", "--jobs", "1", "--format",
                                                       "json", str(path)))
            measure(f"fix (diff), {shape}", mb, retranslate("fix", "--jobs", "1", str(path)))
    for kb in args.pair_kb:
        en, ru = pair_files(kb)
        measure("check --source", kb / 1000, retranslate("check", "--source", str(ru),
                                                         str(en)))
        measure("fix --source", kb / 1000, retranslate("fix", "--source", str(ru), str(en)))
    rows.sort(key=lambda r: (r[0], float(r[1])))
    print()
    print(table(rows, ["command", "MB", "wall s", "CPU s", "CPU s per MB",
                       "per MB ÷ smallest", "peak RSS MB"]))


def small_news(count: int) -> Path:
    """`count` files of about 1 kB: paragraphs of the real texts, in folders of 1,000."""
    folder = NEWS / f"small-{count}"
    if folder.is_dir():
        return folder
    paragraphs = [p for text in texts() for p in text.split("\n\n") if len(p) > 80]
    for n in range(count):
        sub = folder / f"{n // 1000:03}"
        sub.mkdir(parents=True, exist_ok=True)
        body, k = [], n
        while sum(map(len, body)) < 900:
            body.append(paragraphs[k % len(paragraphs)])
            k += 7
        (sub / f"note-{n:06}.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")
    return folder


def memory(args: argparse.Namespace) -> None:
    env = bench_env()
    print(f"{machine()}\n{versions()}\n")
    rows = []
    base: dict[str, float] = {}
    for count in args.counts:
        folder = small_news(count)
        warm(folder)
        for name, cmd in (("every check", retranslate("check", "--jobs", "1", str(folder))),
                          ("--select glossary",
                           retranslate("check", "--jobs", "1", "--select", "glossary",
                                       str(folder))),
                          ("codespell", [tool("codespell"), str(folder)])):
            run: Run = run_once(cmd, env=env)
            base.setdefault(name, run.rss_mb)
            rows.append([f"{count:,}", name, f"{run.wall:.1f}", f"{run.cpu:.1f}",
                         f"{run.rss_mb:.1f}", f"{run.rss_mb / base[name]:.3f}"])
            print(" | ".join(rows[-1]), flush=True)
    print()
    print(table(rows, ["files", "command", "wall s", "CPU s", "peak RSS MB",
                       "RSS ÷ first count"]))


def hook(args: argparse.Namespace) -> None:
    """What the names batch hook keeps (tracemalloc) after 10,000 and 100,000 small news files.

    The files' summaries are made once from the paragraphs of the real texts (as `small_news`
    cuts them) and fed to the hook under new paths, so only the hook's own state is measured,
    in seconds instead of the hours a whole run of 100,000 files takes on a loaded machine.
    """
    import tracemalloc

    from retranslate.checks import CheckContext
    from retranslate.checks.names import NameBatch
    from retranslate.files.document import decode
    from retranslate.glossary import glossary_for

    glossary = glossary_for(())
    paragraphs = [p for text in texts() for p in text.split("\n\n") if len(p) > 80]
    probe = NameBatch()
    summaries = [probe.summarize(f"p{i}", CheckContext(decode(p.encode(), f"p{i}"), glossary))[1]
                 for i, p in enumerate(paragraphs)]
    rows = []
    for count, kind in ((c, k) for c in args.counts for k in ("bounded", "per file")):
        tracemalloc.start()
        batch = NameBatch() if kind == "bounded" else _PerFileNames()
        for n in range(count):
            # A file of a few paragraphs, as small_news makes them.
            seen: dict[str, tuple[int, int, int]] = {}
            for k in range(3):
                for word, place in summaries[(n + 7 * k) % len(summaries)].items():
                    seen.setdefault(word, place)
            batch.add((f"news/{n // 1000:03}/note-{n:06}.txt", seen), glossary)
        current, peak = tracemalloc.get_traced_memory()
        findings = len(batch.finish()) if kind == "bounded" else 0
        tracemalloc.stop()
        rows.append([f"{count:,}", kind, f"{current / 1e6:.2f}", f"{peak / 1e6:.2f}",
                     f"{findings:,}" if kind == "bounded" else "—"])
        print(" | ".join(rows[-1]), flush=True)
    print()
    print(table(rows, ["files", "hook", "keeps MB", "peak while adding MB",
                       "names/batch findings"]))


class _PerFileNames:
    """What the hook kept before issue 14: every file's names with their first spans."""

    def __init__(self) -> None:
        self.files: dict[str, dict[str, tuple[int, int, int]]] = {}

    def add(self, summary: tuple[str, dict[str, tuple[int, int, int]]], glossary: object) -> None:
        self.files[summary[0]] = summary[1]


def _pseudo(word: str, rng: random.Random, taken: set[str]) -> str:
    """A made-up word about as long as `word`, capitalised as it is, never made before."""
    while True:
        made = "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou")
                       for _ in range(max(3, len(word) // 2))) + "q"
        if made not in taken:
            taken.add(made)
            return made.capitalize() if word[:1].isupper() else made


def grown_glossary(times: int) -> Path:
    """(times − 1) copies of every bundled entry, each with made-up wrong forms of the same shape
    (word count, capitals) and the same target, source and near/not_near conditions."""
    path = NEWS / f"grown-{times}x.toml"
    if path.is_file() or times == 1:
        return path
    rng = random.Random(times)
    taken: set[str] = set()
    out = ['[meta]\nname = "generated growth"\nlanguages = "ru-en"\n']
    for file in sorted((ROOT / "glossaries").rglob("*.toml")):
        for entry in tomllib.loads(file.read_text(encoding="utf-8")).get("entry", []):
            for copy in range(1, times):
                grown = {k: v for k, v in entry.items() if k != "examples"}
                grown["id"] = f"{entry['id']}-grown{copy}"
                grown["wrong"] = [" ".join(_pseudo(w, rng, taken) for w in wrong.split())
                                  for wrong in entry["wrong"]]
                grown.pop("ok", None)
                lines = ["[[entry]]"] + [f"{k} = {json.dumps(v, ensure_ascii=False)}"
                                         for k, v in grown.items()]
                out.append("\n".join(lines) + "\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def growth(args: argparse.Namespace) -> None:
    folder = subset(make_archive(), args.files)
    size = megabytes(folder)
    env = bench_env()
    warm(folder)
    commands = {}
    cold: dict[str, float] = {}
    for times in (1, 4, 10):
        extra = [] if times == 1 else ["-g", str(grown_glossary(times))]
        cmd = retranslate("check", "--jobs", "1", *extra, str(folder))
        # The cold load: parse, validate, compile and write the cache (a glossary edit's cost).
        cold[f"{times}×"] = run_once(cmd, env=env | {"RETRANSLATE_CACHE_DIR":
                                                     str(NEWS / f"cache-{times}x-cold")}).cpu
        shutil.rmtree(NEWS / f"cache-{times}x-cold", ignore_errors=True)
        run_once(cmd, env=env)  # warm the shared cache
        commands[f"{times}×"] = cmd
    results = interleaved(commands, args.repeat, warmup=0, env=env)
    print(f"{machine()}\n{versions()}\n{size:.1f} MB in {args.files} files\n")
    first = results["1×"]
    entries = {name: _entries(times) for name, times in (("1×", 1), ("4×", 4), ("10×", 10))}
    rows = [[name, f"{entries[name]:,}", f"{s.wall:.2f}", f"{s.cpu:.2f}",
             f"{s.cpu / first.cpu:.2f}", f"{s.rss_mb:.0f}", f"{cold[name]:.2f}"]
            for name, s in results.items()]
    print(table(rows, ["default glossary", "entries", "wall s", "CPU s", "CPU ÷ 1×",
                       "peak RSS MB", "cold-cache run CPU s"]))


def _entries(times: int) -> int:
    bundled = sum(len(tomllib.loads(f.read_text(encoding="utf-8")).get("entry", []))
                  for f in (ROOT / "glossaries").rglob("*.toml"))
    return bundled * times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    a = sub.add_parser("archive")
    a.add_argument("--repeat", type=int, default=1)
    b = sub.add_parser("large")
    b.add_argument("--sizes", type=int, nargs="*", default=[1, 10, 50])
    b.add_argument("--pair-kb", type=int, nargs="*", default=[100, 400, 1000])
    c = sub.add_parser("memory")
    c.add_argument("--counts", type=int, nargs="+", default=[10_000, 100_000])
    e = sub.add_parser("hook")
    e.add_argument("--counts", type=int, nargs="+", default=[10_000, 100_000])
    d = sub.add_parser("growth")
    d.add_argument("--files", type=int, default=200)
    d.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    {"archive": archive, "large": large, "memory": memory, "growth": growth,
     "hook": hook}[args.what](args)


if __name__ == "__main__":
    main()
