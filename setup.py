"""Ship the rule docs of ``rules/`` inside the package (``listlint/ruledocs``) so ``listlint rule`` works anywhere."""

from pathlib import Path
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithRuleDocs(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "listlint" / "ruledocs"
        target.mkdir(parents=True, exist_ok=True)
        for doc in sorted(Path(__file__).parent.joinpath("rules").glob("LL*.md")):
            shutil.copyfile(doc, target / doc.name)


setup(cmdclass={"build_py": BuildWithRuleDocs})
