"""Ships the top-level glossaries/ folder inside the wheel as retranslate/default_glossaries/.

pyproject.toml holds all metadata; only this copy step needs code. An editable install reads
glossaries/ from the checkout instead (see retranslate.glossary.default_glossary_path).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithGlossaries(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        source = Path(__file__).parent / "glossaries"
        target = Path(self.build_lib) / "retranslate" / "default_glossaries"
        shutil.copytree(source, target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))


setup(cmdclass={"build_py": BuildWithGlossaries})
