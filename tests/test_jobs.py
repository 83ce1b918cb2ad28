"""`--jobs N` gives what `--jobs 1` gives, byte for byte and in order, batch findings too."""

from __future__ import annotations

from pathlib import Path

import pytest

from retranslate.parallel import CHUNK, job_count

# Our own sentences, each with something to find: glossary terms, a Russian date, a time, and
# one name spelled one way in most files and another way in a few (a names/batch finding).
_LINES = [
    "Police dispersed the Protestants at the rally near the square.",
    "Witnesses heard noise grenades as the crowd ran from the police.",
    "Posted 3 марта 2022, 10:15",
    "According to the residents, the marauders broke into shops after the riot.",
    "The Ministry of Internal Affairs said dozens of people were detained.",
    "Nothing here needs a repair at all.",
]


def _folder(tmp_path: Path, files: int = 4 * CHUNK + 3) -> Path:
    folder = tmp_path / "news"
    for n in range(files):
        sub = folder / f"part{n % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        name = "Tokaev" if n % 7 == 3 else "Tokayev"
        body = [f"President {name} spoke on day {n}.", *(_LINES[(n + k) % len(_LINES)]
                                                        for k in range(n % 4 + 1)),
                f"Later {name} left the hall."]
        (sub / f"article{n:03}.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")
    (folder / "part1" / "broken.txt").write_bytes(b"Bad \xff\xfe bytes in a text file.\n")
    return folder


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_check_output_is_the_same_with_two_jobs(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                output_format: str) -> None:
    folder = _folder(tmp_path)
    one = cli("check", "--jobs", "1", "--format", output_format, str(folder))
    two = cli("check", "--jobs", "2", "--format", output_format, str(folder))
    assert one.returncode == two.returncode
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    out = one.stdout.decode()
    assert "names/batch" in out  # cross-file findings are there, from the whole batch
    assert "glossary/protester-protestant" in out
    assert out.count("article0") >= 4 * CHUNK  # findings in nearly every file


def test_batch_findings_name_every_odd_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _folder(tmp_path)
    two = cli("check", "--jobs", "2", "--select", "names/batch", str(folder))
    flagged = sorted({line.split(":")[0] for line in two.stdout.decode().splitlines()
                      if "names/batch" in line})
    odd = sorted(str(p) for p in folder.rglob("article*.txt") if "Tokaev" in p.read_text())
    assert flagged == odd and len(odd) >= 4


def test_fix_diff_is_the_same_with_two_jobs(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _folder(tmp_path)
    one = cli("fix", "--jobs", "1", str(folder))
    two = cli("fix", "--jobs", "2", str(folder))
    assert one.stdout == two.stdout and one.stderr == two.stderr
    assert one.returncode == two.returncode
    assert one.stdout.count(b"\n+++ ") + one.stdout.startswith(b"+++ ") >= 4 * CHUNK


def test_fix_write_with_two_jobs_writes_what_one_job_writes(  # type: ignore[no-untyped-def]
        cli, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one, two = _folder(tmp_path / "a"), _folder(tmp_path / "b")
    cli("fix", "--jobs", "1", "--write", str(one))
    cli("fix", "--jobs", "2", "--write", str(two))
    written = {p.relative_to(one): p.read_bytes() for p in one.rglob("*.txt")}
    assert written == {p.relative_to(two): p.read_bytes() for p in two.rglob("*.txt")}
    assert b"protesters" in written[Path("part0/article000.txt")]


def test_stdin_among_files_keeps_its_place(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _folder(tmp_path)
    text = b"The police dispersed the Protestants near the square.\n"
    one = cli("check", "--jobs", "1", str(folder / "part0"), "-", str(folder / "part2"),
              input=text)
    two = cli("check", "--jobs", "2", str(folder / "part0"), "-", str(folder / "part2"),
              input=text)
    assert one.stdout == two.stdout and b"-:1:" in one.stdout


def test_jobs_zero_means_every_core() -> None:
    assert job_count(3) == 3
    assert job_count(0) >= 1


def test_help_documents_jobs(cli) -> None:  # type: ignore[no-untyped-def]
    assert b"--jobs" in cli("check", "--help").stdout
    assert b"--jobs" in cli("fix", "--help").stdout
