"""Packaging glue: metadata lives in setup.cfg.

``templates/`` and ``static/`` sit at the top of the repository but must
travel inside the wheel, so they are mapped to the ``powermap.templates`` and
``powermap.static`` package folders here (setup.cfg cannot combine
``find:`` with such a mapping).
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["powermap", "powermap.*"])
    + ["powermap.templates", "powermap.static"],
    package_dir={"powermap.templates": "templates", "powermap.static": "static"},
)
