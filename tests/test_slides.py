"""The precept slides (tools/make_slides.py, `make slides`): slideshow metadata derived at
build time, one reveal.js deck per notebook, and an offline deck that loads nothing from the
web."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat import v4

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NODE_MODULES = ROOT / "node_modules"

spec = importlib.util.spec_from_file_location("make_slides", ROOT / "tools" / "make_slides.py")
make_slides = importlib.util.module_from_spec(spec)
sys.modules["make_slides"] = make_slides
spec.loader.exec_module(make_slides)

# A URL the browser would fetch: an attribute, a CSS url()/@import, a module import, a script
# path in require([...]).
FETCHED_URL = re.compile(
    r"""(?:src|href)\s*=\s*["']https?://|url\(\s*["']?https?://|@import\s+["']https?://"""
    r"""|from\s+["']https?://|["']https?://[^"'\s]*\.js["']"""
)


def _notebook() -> nbformat.NotebookNode:
    widget = v4.new_output(
        "execute_result",
        data={
            "text/plain": "QuickPoll: What is the size of W?",
            make_slides.WIDGET_VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0},
        },
        execution_count=2,
    )
    cells = [
        v4.new_markdown_cell("# Co-occurrence\nWhy: $\\cos(u, v)$."),
        v4.new_code_cell("import numpy as np", execution_count=1),
        v4.new_markdown_cell("## The matrix W\n$W[t, c]$ counts."),
        v4.new_code_cell("quick_poll(...)", execution_count=2, outputs=[widget]),
        v4.new_markdown_cell("### A closer look"),
        v4.new_markdown_cell("More prose."),
        v4.new_code_cell(""),
        v4.new_markdown_cell("## Summary", metadata={"slideshow": {"slide_type": "notes"}}),
    ]
    return v4.new_notebook(cells=cells)


def test_slide_types_are_derived_from_headings():
    derived = make_slides.with_slide_metadata(_notebook())
    kinds = [cell.metadata["slideshow"]["slide_type"] for cell in derived.cells]
    assert kinds == ["slide", "fragment", "slide", "fragment", "subslide", "-", "skip", "notes"]


def test_the_original_notebook_is_not_changed_and_widgets_become_a_note():
    notebook = _notebook()
    before = nbformat.writes(notebook)
    derived = make_slides.with_slide_metadata(notebook)
    assert nbformat.writes(notebook) == before
    data = derived.cells[3].outputs[0]["data"]
    assert make_slides.WIDGET_VIEW not in data
    assert "open this notebook in JupyterLab" in data["text/html"]
    assert "QuickPoll: What is the size of W?" in data["text/html"]


def _fake_node_modules(root: Path) -> Path:
    """The files the offline deck needs, as empty stand-ins (the tests use no network)."""
    for package, parts in make_slides.OFFLINE_FILES.items():
        for part in parts:
            path = root / package / part
            if "." in path.name:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("/* stand-in */")
            else:
                path.mkdir(parents=True, exist_ok=True)
                (path / "stand-in.js").write_text("/* stand-in */")
    return root


def test_build_writes_an_online_and_an_offline_deck_per_notebook(tmp_path):
    source = tmp_path / "notebooks"
    source.mkdir()
    nbformat.write(_notebook(), source / "01_cooccurrence.ipynb")
    decks = make_slides.build(source, tmp_path / "slides", _fake_node_modules(tmp_path / "nm"))
    online = tmp_path / "slides" / "01_cooccurrence.slides.html"
    offline = tmp_path / "slides" / "offline" / "01_cooccurrence.slides.html"
    assert decks == [online, offline]

    html = online.read_text(encoding="utf-8")
    assert "reveal.js" in html and re.search(r"https://[^\"']*reveal\.js", html)
    assert re.search(r"https://[^\"']*mathjax", html, re.I)
    # Two "#"/"##" headings -> two top-level slides; the "###" heading a vertical sub-slide.
    assert html.count('<section id="The-matrix-W"') + html.count("<section>") >= 1
    assert "open this notebook in JupyterLab" in html

    offline_html = offline.read_text(encoding="utf-8")
    assert not FETCHED_URL.search(offline_html), FETCHED_URL.search(offline_html)
    for local in re.findall(r'(?:src|href)="(lib/[^"?]+)', offline_html):
        assert local.split("/")[1] in make_slides.OFFLINE_FILES, local
    assert 'src="lib/mathjax/MathJax.js?config=' in offline_html
    assert '"lib/reveal.js/dist/reveal.js"' in offline_html


def test_missing_npm_packages_are_a_clear_error(tmp_path, capsys):
    source = tmp_path / "notebooks"
    source.mkdir()
    nbformat.write(_notebook(), source / "01_x.ipynb")
    code = make_slides.main([str(source), str(tmp_path / "out"), "--offline", str(tmp_path)])
    assert code == 1
    assert "npm ci" in capsys.readouterr().err


@pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks committed yet")
def test_every_committed_notebook_gets_a_deck_and_stays_unchanged(tmp_path):
    digests = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in NOTEBOOKS}
    decks = make_slides.build(ROOT / "notebooks", tmp_path)
    assert [d.name for d in decks] == [p.stem + ".slides.html" for p in NOTEBOOKS]
    for deck in decks:
        assert 'class="reveal"' in deck.read_text(encoding="utf-8")
    assert digests == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in NOTEBOOKS}


@pytest.mark.browser
@pytest.mark.browser
def test_the_offline_deck_renders_with_the_network_cut_off(tmp_path, chromium):
    """The real reveal.js and MathJax (from `npm ci`) in headless Chromium, every request
    that is not a local file refused."""
    if not (NODE_MODULES / "reveal.js").is_dir() or not (NODE_MODULES / "mathjax").is_dir():
        pytest.skip("node_modules is missing: `make slides` runs `npm ci` first")
    source = tmp_path / "notebooks"
    source.mkdir()
    nbformat.write(_notebook(), source / "01_cooccurrence.ipynb")
    make_slides.build(source, tmp_path / "slides", NODE_MODULES)
    deck = tmp_path / "slides" / "offline" / "01_cooccurrence.slides.html"
    for local in re.findall(r'(?:src|href)="(lib/[^"?]+)', deck.read_text(encoding="utf-8")):
        assert (deck.parent / local).is_file(), f"the deck links {local}, which was not copied"
    refused = []
    page = chromium.new_page(viewport={"width": 1100, "height": 800})
    try:

        def only_files(route):
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                refused.append(route.request.url)
                route.abort()

        page.route("**/*", only_files)
        page.goto(deck.as_uri())
        page.wait_for_selector(".reveal.ready", timeout=20_000)  # reveal.js initialised
        page.wait_for_selector(".MathJax_CHTML", timeout=20_000)  # MathJax typeset
        out = ROOT / "build" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out / "offline_deck.png"))
    finally:
        page.close()
    assert refused == []
    shutil.rmtree(tmp_path / "slides")
