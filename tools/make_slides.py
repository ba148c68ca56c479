"""Render every notebook as a reveal.js slide deck (what `jupyter nbconvert --to slides` does).

    python tools/make_slides.py [notebooks] [build/slides] [--offline node_modules]

The committed notebooks carry no slideshow metadata; it is derived here, on a copy, for every
cell that does not already have it:

    markdown starting with a "#" or "##" heading  -> a new slide
    markdown starting with a "###" heading          -> a sub-slide (down arrow)
    a code cell                                     -> a fragment (code and output appear on a
                                                       click, after the prose that introduces it)
    other markdown                                  -> continues the current slide

Long slides scroll. A widget cannot run in a static deck (there is no kernel): its output is
replaced by a note to open the notebook in JupyterLab, where the widgets are live.

build/slides/NN_name.slides.html load reveal.js and MathJax from the web (as nbconvert's
default does). With ``--offline DIR`` (DIR is the node_modules folder that `npm ci` fills
from package.json), build/slides/offline/ holds the same decks plus a lib/ folder with
reveal.js, MathJax 2, require.js and jQuery, and the decks point only at lib/: the folder works
from a USB stick with no network.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MATHJAX_CONFIG = "TeX-AMS_CHTML-full,Safe"
# What the offline lib/ folder takes from each npm package (path inside the package).
OFFLINE_FILES = {
    "reveal.js": ["dist", "plugin"],
    "mathjax": ["MathJax.js", "config", "extensions", "jax", "localization", "fonts/HTML-CSS/TeX"],
    "requirejs": ["require.js"],
    "jquery": ["dist/jquery.min.js"],
}
_HEADING = re.compile(r"^(#{1,6})\s")
# nbconvert's reveal template imports mermaid (diagrams the course does not use) from a CDN.
_MERMAID = re.compile(r"<script type=\"module\">\s*import mermaid from '[^']*';.*?</script>", re.S)


def slide_type(cell) -> str:
    """The slideshow slide_type derived for a cell (see the module docstring)."""
    if cell.cell_type == "markdown":
        first = cell.source.lstrip().splitlines()[0] if cell.source.strip() else ""
        heading = _HEADING.match(first)
        if heading:
            return "slide" if len(heading.group(1)) <= 2 else "subslide"
        return "-"
    if cell.cell_type == "code":
        return "fragment" if cell.source.strip() else "skip"
    return "-"


def _widget_note(output) -> None:
    """Replace a widget view (no kernel in a deck) by a short note and its text form."""
    text = output["data"].get("text/plain", "an interactive widget")
    output["data"] = {
        "text/html": (
            '<p style="font-style:italic;color:#555">Interactive widget ('
            + html.escape(text)
            + ") — open this notebook in JupyterLab to use it.</p>"
        ),
        "text/plain": text,
    }


def with_slide_metadata(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``notebook`` in which every cell has slideshow metadata.

    Cells that already carry ``metadata.slideshow.slide_type`` keep it; the first cell always
    starts a slide.
    """
    notebook = nbformat.from_dict(notebook)  # a deep copy: the committed file is never touched
    notebook.metadata.pop("widgets", None)
    for index, cell in enumerate(notebook.cells):
        existing = cell.metadata.get("slideshow", {}).get("slide_type")
        if existing is None:
            kind = "slide" if index == 0 else slide_type(cell)
            cell.metadata["slideshow"] = {"slide_type": kind}
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                _widget_note(output)
    return notebook


def _exporter(offline: bool) -> SlidesExporter:
    exporter = SlidesExporter()
    exporter.reveal_theme = "white"  # its fonts ship with reveal.js ("simple" loads web fonts)
    exporter.reveal_scroll = True
    exporter.reveal_number = "c/t"
    if offline:
        exporter.reveal_url_prefix = "lib/reveal.js"
        exporter.mathjax_url = f"lib/mathjax/MathJax.js?config={MATHJAX_CONFIG}"
        exporter.require_js_url = "lib/requirejs/require.js"
        exporter.jquery_url = "lib/jquery/dist/jquery.min.js"
    return exporter


def render(path: Path, target_dir: Path, *, offline: bool = False) -> Path:
    """Write one deck, ``target_dir/NAME.slides.html``, and return its path."""
    notebook = with_slide_metadata(nbformat.read(path, as_version=4))
    body, _ = _exporter(offline).from_notebook_node(
        notebook, resources={"metadata": {"name": path.stem}}
    )
    if offline:
        body = _MERMAID.sub("", body)
    target_dir.mkdir(parents=True, exist_ok=True)
    deck = target_dir / f"{path.stem}.slides.html"
    deck.write_text(body, encoding="utf-8")
    return deck


def copy_offline_libraries(node_modules: Path, lib_dir: Path) -> None:
    """Copy the parts of the npm packages that the offline decks load into ``lib_dir``."""
    for package, parts in OFFLINE_FILES.items():
        root = node_modules / package
        if not root.is_dir():
            raise FileNotFoundError(
                f"{root} is missing: run `npm ci` in the project folder (make slides does)"
            )
        for part in parts:
            source, target = root / part, lib_dir / package / part
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
            else:
                shutil.copy2(source, target)


def build(source_dir: Path, target_dir: Path, node_modules: Path | None = None) -> list[Path]:
    """Render every notebook of ``source_dir``; with ``node_modules``, the offline decks too."""
    notebooks = sorted(source_dir.glob("*.ipynb"))
    decks = [render(path, target_dir) for path in notebooks]
    if node_modules is not None:
        offline_dir = target_dir / "offline"
        copy_offline_libraries(node_modules, offline_dir / "lib")
        decks += [render(path, offline_dir, offline=True) for path in notebooks]
    return decks


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="?", default="notebooks", type=Path)
    parser.add_argument("target", nargs="?", default="build/slides", type=Path)
    parser.add_argument("--offline", metavar="NODE_MODULES", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        decks = build(args.notebooks, args.target, args.offline)
    except FileNotFoundError as error:
        print(f"make_slides: {error}", file=sys.stderr)
        return 1
    for deck in decks:
        print(f"wrote {deck}")
    if not decks:
        print(f"make_slides: no notebooks in {args.notebooks}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
