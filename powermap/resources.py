"""Where the installed package finds ``templates/`` and ``static/``.

In a source checkout they sit at the top of the repository; the wheel
carries them inside the package (``setup.cfg`` maps them to
``powermap.templates`` and ``powermap.static``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

__all__ = ["templates_dir", "static_dir", "vis_network_css", "MAP_SCRIPTS",
           "map_script_files", "map_script"]

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"powermap cannot find its {name}/ folder next to {_PACKAGE}")


def templates_dir() -> Path:
    """Folder of the Jinja templates."""
    return _find("templates")


def static_dir() -> Path:
    """Folder of the static files (JS, CSS, vis-network)."""
    return _find("static")


_UNUSED_VIS = re.compile(r"manipulation|configuration|config-|color-picker|navigation|"
                         r"vis-button|edit-mode|data:|vis-close|vis-label")


@functools.cache
def vis_network_css() -> str:
    """The vendored vis-network.css without the rules the map never uses.

    The map draws with neither vis-network's editing toolbar, navigation
    buttons nor configurator; their rules carry 200 KB of base64 icons that
    every page view would otherwise download and parse. The live map and the
    HTML export both use this trimmed sheet.
    """
    css = (static_dir() / "vendor/vis-network/vis-network.css").read_text(encoding="utf-8")
    rules = re.findall(r"[^{}]+\{[^{}]*\}", css)
    return "".join(rule for rule in rules if not _UNUSED_VIS.search(rule))


#: The map's script, one idea per file, in the order they must run: ``core`` defines
#: ``window.PowerMap`` and the helpers the others share, the middle files add to it,
#: ``start`` (last) starts every map on the page. The live page and the HTML export
#: both use this order, through :func:`map_script`.
MAP_SCRIPTS = ("core.js", "summary.js", "panel.js", "editing.js", "person_forms.js",
               "dragging.js", "line_tips.js", "people_list.js", "suggestions.js",
               "competitors.js", "changes.js", "campaign.js", "start.js")


def map_script_files() -> list[Path]:
    """The files of the map's script under ``static/map/``, in :data:`MAP_SCRIPTS` order."""
    folder = static_dir() / "map"
    return [folder / name for name in MAP_SCRIPTS]


def map_script() -> str:
    """The map's script: every file of :func:`map_script_files` joined, in order.

    The live page loads it from one URL and the HTML export inlines it, so both run
    the same text. Each file is a self-contained function expression, so joining them
    with newlines is all it takes (no bundler).

    >>> text = map_script()
    >>> text.index("window.PowerMap = PowerMap") < text.index("new PowerMap(root)")
    True
    """
    return "\n".join(path.read_text(encoding="utf-8") for path in map_script_files())
