"""The hooks as an editorial repository uses them: real pre-commit, real git commits.

The hook repository is this checkout's files committed into a temporary git repository, named in
`.pre-commit-config.yaml` by that commit, exactly as the README's snippet names a tag. pre-commit
builds one environment for both hooks (PRE_COMMIT_HOME in the module's temporary folder), which
every test here reuses: only building it reaches PyPI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

_BBC = ("A BBC News correspondent spent the night in the city centre.\n"
        "The Air Force managed to talk to two shop owners.\n")


def _git(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False, timeout=900)


class Newsroom:
    """An editors' repository with both hooks installed, and a way to try a commit."""

    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.path = path
        self.env = env

    def write(self, name: str, text: str) -> Path:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def commit(self, *names: str) -> tuple[int, str]:
        """The exit status of `git commit` and what the hooks printed."""
        added = _git("add", *names, cwd=self.path, env=self.env)
        assert added.returncode == 0, added.stderr
        done = _git("commit", "-q", "-m", f"add {' '.join(names)}", cwd=self.path, env=self.env)
        return done.returncode, done.stdout + done.stderr

    def committed(self, name: str) -> bool:
        return _git("cat-file", "-e", f"HEAD:{name}", cwd=self.path, env=self.env).returncode == 0


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Newsroom]:
    pytest.importorskip("pre_commit", reason="pre-commit comes with the test extra")
    base = tmp_path_factory.mktemp("precommit")
    env = {**os.environ, "PRE_COMMIT_HOME": str(base / "pre-commit-home"),
           "RETRANSLATE_CACHE_DIR": str(base / "cache"),
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    # pre-commit itself, from this test run's environment, first on PATH for git's hook script.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"

    hooks = base / "retranslate-hooks"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True, check=True)
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (hooks / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, hooks / name)
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "hooks")):
        done = _git(*args, cwd=hooks, env=env)
        assert done.returncode == 0, done.stderr
    rev = _git("rev-parse", "HEAD", cwd=hooks, env=env).stdout.strip()

    room = Newsroom(base / "newsroom", env)
    room.path.mkdir()
    room.write(".pre-commit-config.yaml",
               f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n"
               "      - id: retranslate-fix\n      - id: retranslate\n")
    room.write("pyproject.toml", '[tool.retranslate]\nexclude = ["drafts/*"]\n')
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "settings")):
        done = _git(*args, cwd=room.path, env=env)
        assert done.returncode == 0, done.stderr
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install", "--install-hooks"],
                               cwd=room.path, env=env, capture_output=True, text=True,
                               check=False, timeout=1800)
    if installed.returncode != 0 and "Could not find a version" in installed.stdout:
        pytest.skip("PyPI is out of reach: pre-commit cannot build the hook environment")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    yield room


def test_the_check_hook_refuses_a_mistranslation_with_file_and_line(newsroom: Newsroom) -> None:
    newsroom.write("news/bbc.txt", _BBC)
    status, output = newsroom.commit("news/bbc.txt")
    assert status != 0
    assert "news/bbc.txt:2:5: glossary/bbc-air-force:" in output
    # Review-only: the fix hook leaves it and says why.
    assert "news/bbc.txt:2:5: not fixed: glossary/bbc-air-force" in output
    assert "[review-only entry: " in output
    assert not newsroom.committed("news/bbc.txt")
    _git("reset", "-q", cwd=newsroom.path, env=newsroom.env)


def test_the_fix_hook_repairs_and_the_next_commit_passes(newsroom: Newsroom) -> None:
    story = newsroom.write("news/grenades.md", "Police threw noise grenades into the crowd.\n")
    status, output = newsroom.commit("news/grenades.md")
    assert status != 0  # files were changed: the editor looks, then commits again
    assert "fixed news/grenades.md (1 edit)" in output
    assert story.read_text(encoding="utf-8") == "Police threw stun grenades into the crowd.\n"
    status, output = newsroom.commit("news/grenades.md")
    assert status == 0, output
    assert newsroom.committed("news/grenades.md")


def test_excluded_files_and_russian_sources_are_left_alone(newsroom: Newsroom) -> None:
    newsroom.write("drafts/draft.txt", _BBC + "Police threw noise grenades.\n")
    newsroom.write("ru/story.txt", "Корреспондент Би-би-си провёл ночь в центре города.\n")
    newsroom.write("news/story.ru.txt", "Полиция применила светошумовые гранаты.\n")
    status, output = newsroom.commit("drafts/draft.txt", "ru/story.txt", "news/story.ru.txt")
    assert status == 0, output
    assert "noise grenades" in (newsroom.path / "drafts" / "draft.txt").read_text()


def test_cross_file_spellings_see_every_file_of_the_commit(newsroom: Newsroom) -> None:
    # require_serial: pre-commit hands the hook every file at once, so the batch check sees
    # both spellings whatever the machine's core count.
    names = [f"names/part{i}.txt" for i in range(8)]
    for name in names[:-1]:
        newsroom.write(name, "President Tokayev spoke in Astana. Tokayev left.\n")
    newsroom.write(names[-1], "Later, Tokaev returned.\n")
    status, output = newsroom.commit(*names)
    assert status != 0
    assert f"{names[-1]}:1:8: names/batch:" in output, output
    _git("reset", "-q", cwd=newsroom.path, env=newsroom.env)
