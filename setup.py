"""Packaging glue: metadata lives in setup.cfg.

``templates/`` and ``static/`` sit at the top of the repository but must
travel inside the wheel, so they are mapped to the ``powermap.templates`` and
``powermap.static`` package folders here (setup.cfg cannot combine
``find:`` with such a mapping).

``build_py`` also compiles the message catalogs
(``powermap/translations/*/LC_MESSAGES/messages.po``) into ``.mo`` files in the
build, so an installed package loads them without compiling; ``.mo`` files are
never committed. Babel is a build requirement (pyproject.toml) for this.
"""

from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
CATALOGS = "powermap/translations"


class build_py_with_catalogs(build_py):
    """``build_py`` that also writes ``messages.mo`` beside each ``messages.po`` in the build."""

    def run(self):
        super().run()
        for mo in self._catalog_outputs():
            self._compile(mo)

    def _catalog_outputs(self):
        return [Path(self.build_lib) / po.relative_to(HERE).with_suffix(".mo")
                for po in sorted((HERE / CATALOGS).glob("*/LC_MESSAGES/messages.po"))]

    def _compile(self, mo):
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        po = HERE / mo.relative_to(self.build_lib).with_suffix(".po")
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name, domain="messages")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as target:
            write_mo(target, catalog)

    def get_outputs(self, include_bytecode=True):
        return super().get_outputs(include_bytecode) + [str(p) for p in self._catalog_outputs()]


setup(
    packages=find_packages(include=["powermap", "powermap.*"])
    + ["powermap.templates", "powermap.static"],
    package_dir={"powermap.templates": "templates", "powermap.static": "static"},
    cmdclass={"build_py": build_py_with_catalogs},
)
