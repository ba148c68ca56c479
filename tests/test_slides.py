"""The precept slides (tools/make_slides.py, `make slides`).

Without a browser: slideshow metadata derived at build time (every heading starts a slide,
long content continues on sub-slides), decks made from the student edition, polls without
their answers, live notebooks with the decks' slide metadata, offline decks that link only
their own lib/, and a clear message without npm.

In headless Chromium (marker ``browser``, the network cut off): every slide of every deck at
1280x720 fits its frame, holds at most one heading, shows no solution line and no poll answer,
and its maths typesets without an error.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat import v4

from wordvec_helpers import polls

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NODE_MODULES = ROOT / "node_modules"
FRAME = (1280, 720)

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


def _slide_types(cells) -> list:
    return [cell.metadata.get("slideshow", {}).get("slide_type") for cell in cells]


def _headings(cell) -> list[str]:
    return [line for line in cell.source.splitlines() if re.match(r"#{1,6}\s", line)]


def _notebook(*cells, **metadata) -> nbformat.NotebookNode:
    return v4.new_notebook(cells=list(cells), metadata=metadata)


# --------------------------------------------------------------------------------------------
# Slide metadata
# --------------------------------------------------------------------------------------------


def test_every_heading_starts_a_slide_wherever_it_stands_in_a_cell():
    notebook = _notebook(
        v4.new_markdown_cell("# Title\nWhy this notebook.\n\n## Part A\nText A.\n"),
        v4.new_code_cell("x = 1", execution_count=1),
        v4.new_markdown_cell("More on A.\n### Detail\nText.\n#### Finer\nText.\n## Part B"),
        v4.new_code_cell(""),
    )
    deck = make_slides.deck_notebook(notebook)
    starts = [
        (kind, _headings(cell)[0] if _headings(cell) else None)
        for kind, cell in zip(_slide_types(deck.cells), deck.cells, strict=True)
        if kind in ("slide", "subslide")
    ]
    assert starts == [
        ("slide", "# Title"),
        ("slide", "## Part A"),
        ("subslide", "### Detail"),
        ("subslide", "#### Finer"),
        ("slide", "## Part B"),
    ]
    for cell in deck.cells:  # a heading always opens its cell, and a cell has at most one
        assert len(_headings(cell)) <= 1
        if _headings(cell):
            assert cell.source.startswith(_headings(cell)[0])
    (code,) = [cell for cell in deck.cells if cell.cell_type == "code"]
    assert _slide_types([code]) == ["fragment"]  # code appears on a click
    assert "" not in [cell.source for cell in deck.cells]  # the empty code cell is dropped
    assert "-" not in _slide_types(deck.cells)  # jupyterlab-slideshow does not know "-"


def test_long_prose_continues_on_sub_slides_under_the_same_title():
    paragraphs = [f"Paragraph {i}: " + "word " * 60 for i in range(30)]
    notebook = _notebook(v4.new_markdown_cell("## A long section\n\n" + "\n\n".join(paragraphs)))
    slides = make_slides.paginate(notebook.cells)
    assert len(slides) >= 4
    assert [slide.kind for slide in slides] == ["slide"] + ["subslide"] * (len(slides) - 1)
    for slide in slides:
        assert slide.height <= make_slides.LAYOUT["budget"]
        assert slide.title == "A long section"
    for slide in slides[1:]:
        assert "A long section (continued)" in slide.cells[0].source
    shown = "\n".join(cell.source for slide in slides for cell in slide.cells)
    assert [int(n) for n in re.findall(r"Paragraph (\d+):", shown)] == list(range(30))


def test_a_long_list_breaks_between_items_and_keeps_its_numbering():
    items = "\n".join(f"{i}. item {i} " + "text " * 30 for i in range(1, 31))
    slides = make_slides.paginate([v4.new_markdown_cell("## Steps\n" + items)])
    assert len(slides) > 1
    second = slides[1].cells[1].source
    first_item = int(re.match(r"(\d+)\. ", second).group(1))
    assert first_item > 1  # the list goes on where the previous slide stopped
    assert all(slide.height <= make_slides.LAYOUT["budget"] for slide in slides)


def test_a_continued_slide_never_holds_just_one_line():
    layout = make_slides.LAYOUT
    item = "text " * 30  # two lines of prose
    one = make_slides.markdown_height(f"1. {item}")
    count = int((layout["budget"] - layout["heading"][2]) // one) + 1  # the last one overflows
    items = "\n".join(f"{i}. item {i} {item}" for i in range(1, count + 1))
    greedy = make_slides._paginate([v4.new_markdown_cell("## Steps\n" + items)], frozenset())
    assert len(greedy) == 2 and len(greedy[1].items) == 1  # what a greedy fill would leave
    slides = make_slides.paginate([v4.new_markdown_cell("## Steps\n" + items)])
    assert len(slides) == 2
    assert len(slides[1].items) == 2  # the item before it moved over
    assert slides[1].height - layout["continued"] >= layout["widow"]
    shown = "\n".join(cell.source for slide in slides for cell in slide.cells)
    assert [int(n) for n in re.findall(r"item (\d+) ", shown)] == list(range(1, count + 1))


def _image_output(width: int, height: int):
    import base64
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(height)))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
    png += chunk(b"IEND", b"")
    data = {"image/png": base64.b64encode(png).decode(), "text/plain": "<Figure>"}
    return v4.new_output("display_data", data=data)


def test_a_figure_shrinks_to_stay_with_its_code_and_a_tall_cell_is_cut():
    figure = v4.new_code_cell(
        "\n".join(f"line_{i} = {i}" for i in range(12)),
        execution_count=1,
        outputs=[_image_output(900, 800)],
    )
    slides = make_slides.paginate([v4.new_markdown_cell("## A figure"), figure])
    assert len(slides) == 1  # the figure is drawn smaller instead of moving away
    (output,) = slides[0].cells[1].outputs
    assert output.metadata["image/png"]["width"] < 900
    assert slides[0].height <= make_slides.LAYOUT["budget"]

    source = "\n".join(f"value_{i} = {i}" + ("\n" if i % 10 == 9 else "") for i in range(70))
    printed = v4.new_output("stream", name="stdout", text="done\n")
    tall = v4.new_code_cell(source, execution_count=2, outputs=[printed])
    notebook = _notebook(v4.new_markdown_cell("## Tall code"), tall)
    deck = make_slides.deck_notebook(notebook)
    parts = [cell for cell in deck.cells if cell.cell_type == "code"]
    assert len(parts) >= 3
    shown = "\n".join(part.source for part in parts if part.source)
    assert [int(n) for n in re.findall(r"value_(\d+) =", shown)] == list(range(70))
    assert [p.outputs for p in parts if p.outputs] == [tall.outputs]  # printed once, at the end
    room = make_slides.LAYOUT["budget"] - make_slides.LAYOUT["heading"][1]
    assert all(make_slides.code_height(part) <= room for part in parts)
    for slide in make_slides.paginate(notebook.cells):
        assert slide.height <= make_slides.LAYOUT["budget"]
    # The live notebook keeps the cell whole (JupyterLab runs it as one cell).
    live = make_slides.live_notebook(notebook)
    assert [cell.source for cell in live.cells if cell.cell_type == "code"] == [source]


def test_code_is_cut_between_statements_never_inside_one():
    call = "result = function(\n" + "".join(f"    argument_{i}={i},\n" for i in range(8)) + ")"
    loop = "for i in range(3):\n" + "".join(f"    total_{j} = i * {j}\n" for j in range(8))
    source = "\n".join([call, loop, call.replace("result", "second"), loop.rstrip()])
    chunks = make_slides._split_source(source, 14)
    assert len(chunks) >= 2
    for chunk in chunks:
        ast.parse(chunk)  # each chunk is whole statements
        assert make_slides._wrapped_lines(chunk, make_slides.LAYOUT["code_chars"]) <= 14
    assert "\n".join(chunks).replace("\n\n", "\n") == source.replace("\n\n", "\n")
    # a single statement longer than a slide is the only thing ever cut inside
    long_call = "f(\n" + "".join(f"    a_{i},\n" for i in range(30)) + ")"
    assert all(
        make_slides._wrapped_lines(chunk, make_slides.LAYOUT["code_chars"]) <= 14
        for chunk in make_slides._split_source(long_call, 14)
    )


@pytest.mark.parametrize("solutions", [False, True], ids=["students", "solutions"])
def test_every_part_of_every_decks_code_is_whole_statements(solutions):
    for path in NOTEBOOKS:
        notebook = make_slides.source_notebook(
            nbformat.read(path, as_version=4), solutions=solutions
        )
        for cell in make_slides.deck_notebook(notebook).cells:
            if cell.cell_type == "code" and cell.source and "part" in cell.metadata["deck"]:
                try:
                    ast.parse(cell.source)
                except SyntaxError as error:
                    pytest.fail(f"{path.name}: a slide cuts a statement: {error}\n{cell.source}")


def test_the_committed_notebook_is_never_changed():
    notebook = nbformat.read(NOTEBOOKS[0], as_version=4)
    before = nbformat.writes(notebook)
    make_slides.deck_notebook(notebook)
    make_slides.live_notebook(notebook)
    make_slides.source_notebook(notebook)
    assert nbformat.writes(notebook) == before


# --------------------------------------------------------------------------------------------
# Safe to project: the student edition, polls without answers
# --------------------------------------------------------------------------------------------


def _poll_cell(poll_id: str):
    poll = polls.get_poll(poll_id)
    widget = v4.new_output(
        "execute_result",
        data={
            "text/plain": f"QuickPoll: {poll.question}",
            make_slides.WIDGET_VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0},
        },
        execution_count=3,
    )
    return v4.new_code_cell(f'quick_poll("{poll_id}")', execution_count=3, outputs=[widget])


def test_a_poll_shows_its_question_and_choices_but_never_its_answer():
    notebook = _notebook(
        v4.new_markdown_cell("## The matrix W"),
        _poll_cell("size-of-W"),
        _poll_cell("increments-window-3"),
    )
    deck = make_slides.deck_notebook(notebook)
    choice_poll, number_poll = (cell for cell in deck.cells if cell.cell_type == "code")
    for cell, poll_id in [(choice_poll, "size-of-W"), (number_poll, "increments-window-3")]:
        poll = polls.get_poll(poll_id)
        assert cell.metadata["transient"] == {"remove_source": True}  # no code on the slide
        (output,) = cell.outputs
        shown = output.data["text/html"]
        assert make_slides.WIDGET_VIEW not in output.data
        assert poll.question.replace("'", "&#x27;") in shown
        for choice, feedback in poll.choices.items():
            assert f"<li>{choice}</li>" in shown
            assert not feedback or feedback not in shown
        assert poll.explanation not in shown
    number = polls.get_poll("increments-window-3").answer
    assert str(number) not in number_poll.outputs[0].data["text/html"]


def test_any_other_widget_becomes_a_note_in_the_deck_and_stays_a_widget_live():
    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    widget = v4.new_output(
        "execute_result",
        data={
            "text/plain": "CooccurrenceExplorer: W of 'I like cats'",
            make_slides.WIDGET_VIEW: view,
        },
        execution_count=1,
    )
    cell = v4.new_code_cell(
        'CooccurrenceExplorer("I like cats")', execution_count=1, outputs=[widget]
    )
    notebook = _notebook(v4.new_markdown_cell("## Explore"), cell)
    (deck_cell,) = [c for c in make_slides.deck_notebook(notebook).cells if c.cell_type == "code"]
    assert "present this notebook live in JupyterLab" in deck_cell.outputs[0].data["text/html"]
    assert deck_cell.source == cell.source  # its code stays on the slide
    (live_cell,) = [c for c in make_slides.live_notebook(notebook).cells if c.cell_type == "code"]
    assert make_slides.WIDGET_VIEW in live_cell.outputs[0].data


def _secrets(path: Path) -> list[str]:
    """What the student edition of a notebook must not show: the lines of its solution regions,
    the phrases of its worked answers, and its polls' explanations and feedback, less any text
    the student edition holds anyway (``return result`` can stand outside a solution too)."""
    notebook = nbformat.read(path, as_version=4)
    student, _ = make_slides.make_student.student_notebook(notebook)
    student_text = " ".join(" ".join(cell.source for cell in student.cells).split())
    secrets = []
    for cell in notebook.cells:
        if make_slides.make_student.is_worked_answer(cell):
            for line in cell.source.splitlines():  # the prose between formulas and markup
                phrases = re.split(r"\$[^$]*\$|\*\*|\*|`|<[^>]*>|\\\S+|[(),;:]", line)
                secrets += [phrase for phrase in phrases if len(phrase.strip()) >= 20]
        elif cell.cell_type == "code":
            inside = False
            for line in cell.source.splitlines():
                marker = line.strip()
                if marker in (make_slides.make_student.BEGIN, make_slides.make_student.END):
                    inside = marker == make_slides.make_student.BEGIN
                elif inside and len(marker) >= 12:
                    secrets.append(marker)
            call = make_slides._poll_call(cell)
            poll = make_slides.poll_of(cell)
            if poll is not None and poll["in_bank"]:
                bank = polls.get_poll(call.args[0].value)
                secrets += [bank.explanation, *bank.choices.values()]
    normalized = {" ".join(secret.split()) for secret in secrets}
    return sorted(s for s in normalized if len(s) >= 12 and s not in student_text)


def _visible_text(html_text: str) -> str:
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html_text, flags=re.S)
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def test_default_decks_come_from_the_student_edition_and_solution_decks_on_request(tmp_path):
    path = next(p for p in NOTEBOOKS if _secrets(p))
    secrets = _secrets(path)
    notebook = nbformat.read(path, as_version=4)
    student = make_slides.source_notebook(notebook)
    solutions = make_slides.source_notebook(notebook, solutions=True)
    student_text = _visible_text(make_slides.render_deck(student, "s", tmp_path).read_text())
    solution_text = _visible_text(make_slides.render_deck(solutions, "t", tmp_path).read_text())
    assert [s for s in secrets if s in student_text] == []
    found = [s for s in secrets if s in solution_text]
    assert found, "the instructors' deck shows the solutions (and the secrets are findable)"


# --------------------------------------------------------------------------------------------
# Live notebooks
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_live_notebook_has_the_decks_slides(path):
    notebook = make_slides.source_notebook(nbformat.read(path, as_version=4))
    deck = make_slides.deck_notebook(notebook)
    live = make_slides.live_notebook(notebook)
    nbformat.validate(live)
    deck_by_id = {cell.id: cell for cell in deck.cells}
    for cell in live.cells:
        assert cell.id in deck_by_id
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        assert kind in (None, "slide", "subslide", "fragment"), kind
        assert kind == _slide_types([deck_by_id[cell.id]])[0]
        if cell.cell_type == "markdown":
            assert cell.source == deck_by_id[cell.id].source
    originals = {c.source: c for c in notebook.cells if c.cell_type == "code" and c.source.strip()}
    live_code = [c for c in live.cells if c.cell_type == "code"]
    assert [c.source for c in live_code] == list(originals)  # every code cell, whole, in order
    for cell in live_code:
        assert cell.outputs == originals[cell.source].outputs
    assert _slide_types(live.cells)[0] == "slide"


# --------------------------------------------------------------------------------------------
# Building: offline decks, and what happens without npm
# --------------------------------------------------------------------------------------------


def _fake_node_modules(root: Path) -> Path:
    """The files the decks need, as empty stand-ins (the tests use no network)."""
    for package, parts in make_slides.LIBRARY_FILES.items():
        for part in parts:
            path = root / package / part
            if path.suffix in (".js", ".css"):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("/* stand-in */")
            else:
                path.mkdir(parents=True, exist_ok=True)
                (path / "stand-in.js").write_text("/* stand-in */")
    return root


def test_build_writes_an_offline_deck_and_a_live_notebook_per_notebook(tmp_path):
    source = tmp_path / "notebooks"
    source.mkdir()
    shutil.copy2(NOTEBOOKS[0], source / NOTEBOOKS[0].name)
    target = tmp_path / "slides"
    decks = make_slides.build(source, target, _fake_node_modules(tmp_path / "nm"))
    assert decks == [target / f"{NOTEBOOKS[0].stem}.slides.html"]
    assert (target / "live" / NOTEBOOKS[0].name).is_file()
    html_text = decks[0].read_text(encoding="utf-8")
    assert not FETCHED_URL.search(html_text), FETCHED_URL.search(html_text)
    linked = re.findall(r'(?:src|href)="(lib/[^"?]+)', html_text)
    assert {"lib/reveal.js/dist/reveal.js", "lib/mathjax/MathJax.js"} <= set(linked)
    for local in linked:
        assert (target / local).is_file(), f"the deck links {local}, which was not copied"
    for unused in ("mermaid", "require.js", "jquery"):
        assert unused not in html_text.lower(), unused
    assert "width: 1280" in html_text and "height: 720" in html_text


def test_missing_npm_packages_are_a_clear_error(tmp_path, capsys):
    source = tmp_path / "notebooks"
    source.mkdir()
    shutil.copy2(NOTEBOOKS[0], source / NOTEBOOKS[0].name)
    code = make_slides.main([str(source), str(tmp_path / "out"), "--node-modules", str(tmp_path)])
    assert code == 1
    error = capsys.readouterr().err
    assert "reveal.js is missing" in error and "npm ci" in error and "apt-get install npm" in error
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.html"))


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_slides_without_npm_says_what_is_missing_and_fails(tmp_path):
    for name in ("Makefile", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, tmp_path / name)
    result = subprocess.run(
        ["make", "node_modules/.package-lock.json", "NPM=no-such-npm-here"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "'no-such-npm-here' was not found" in result.stderr
    assert "reveal.js and MathJax" in result.stderr and "apt-get install npm" in result.stderr
    assert not (tmp_path / "node_modules").exists()


def test_package_json_fetches_one_reveal_js_and_one_mathjax():
    import json

    lock = json.loads((ROOT / "package-lock.json").read_text())
    packages = {path.removeprefix("node_modules/") for path in lock["packages"] if path}
    assert packages == set(make_slides.LIBRARY_FILES)


def test_every_committed_notebook_gets_a_deck_and_stays_unchanged(tmp_path):
    digests = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in NOTEBOOKS}
    decks = make_slides.build(ROOT / "notebooks", tmp_path, _fake_node_modules(tmp_path / "nm"))
    assert [d.name for d in decks] == [p.stem + ".slides.html" for p in NOTEBOOKS]
    assert sorted(p.name for p in (tmp_path / "live").iterdir()) == [p.name for p in NOTEBOOKS]
    assert digests == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in NOTEBOOKS}


# --------------------------------------------------------------------------------------------
# Every slide of every deck, in headless Chromium at 1280x720
# --------------------------------------------------------------------------------------------

# Runs in the page: every slide with all its fragments shown, measured in the deck's own
# 1280x720 coordinates. MathJax's hidden copy of each formula for screen readers is clipped to
# nothing on screen, so it is not measured.
MEASURE_SLIDES = """() => {
    Reveal.configure({transition: 'none', backgroundTransition: 'none'});
    const frame = document.querySelector('.reveal .slides').getBoundingClientRect();
    const {width, height} = Reveal.getConfig();
    const scale = Reveal.getScale();
    const slideTitle = section => {
        const heading = section.querySelector('h1, h2, h3, h4, h5, h6, .deck-continued');
        if (!heading) return '';
        const copy = heading.cloneNode(true);  // without MathJax's copies and the anchor
        copy.querySelectorAll('.MJX_Assistive_MathML, script, .anchor-link')
            .forEach(el => el.remove());
        return copy.textContent.trim().slice(0, 60);
    };
    const leaves = [...document.querySelectorAll('.reveal .slides section')]
        .filter(section => !section.querySelector('section'));
    return leaves.map(section => {
        const {h, v} = Reveal.getIndices(section);
        Reveal.slide(h, v || 0, 1000);  // the last fragment: everything shown
        let bottom = 0, right = 0, left = 0, top = 0;
        for (const el of section.querySelectorAll('*')) {
            if (el.closest('.MJX_Assistive_MathML, aside.notes, script, style')) continue;
            const r = el.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) continue;
            bottom = Math.max(bottom, (r.bottom - frame.top) / scale);
            right = Math.max(right, (r.right - frame.left) / scale);
            left = Math.min(left, (r.left - frame.left) / scale);
            top = Math.min(top, (r.top - frame.top) / scale);
        }
        return {
            index: `${h}.${v || 0}`, width, height,
            scrollHeight: section.scrollHeight, bottom, right, left, top,
            scale: parseFloat(section.getAttribute('data-deck-scale')),
            headings: section.querySelectorAll('h1, h2, h3, h4, h5, h6').length,
            title: slideTitle(section),
            text: section.textContent.replace(/\\s+/g, ' '),
        };
    });
}"""


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """Both editions' decks, built once: {"students": dir, "solutions": dir}."""
    if not (NODE_MODULES / "reveal.js").is_dir() or not (NODE_MODULES / "mathjax").is_dir():
        pytest.skip("node_modules is missing: `make slides` runs `npm ci` first")
    built = {}
    for edition in ("students", "solutions"):
        built[edition] = tmp_path_factory.mktemp(f"slides-{edition}")
        make_slides.build(
            ROOT / "notebooks", built[edition], NODE_MODULES, solutions=edition == "solutions"
        )
    return built


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["students", "solutions"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_slide_fits_a_1280x720_frame_and_shows_no_answer(decks, chromium, path, edition):
    """Every slide of both editions fits; the students' decks never show an answer (the
    instructors' decks, `make slides-solutions`, show them by design)."""
    deck = decks[edition] / f"{path.stem}.slides.html"
    refused = []
    page = chromium.new_page(viewport={"width": FRAME[0], "height": FRAME[1]})
    try:

        def only_files(route):
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                refused.append(route.request.url)
                route.abort()

        page.route("**/*", only_files)
        page.goto(deck.as_uri())
        page.wait_for_selector("html[data-deck-ready='true']", timeout=60_000)
        assert page.evaluate("() => document.documentElement.dataset.deckMathjax") is None
        maths = page.evaluate(
            """() => ({
                sources: document.querySelectorAll('script[type^="math/tex"]').length,
                typeset: document.querySelectorAll('.MathJax_CHTML').length,
                errors: [...document.querySelectorAll('.mjx-merror, .MathJax_Error')]
                    .map(e => e.textContent),
            })"""
        )
        slides = page.evaluate(MEASURE_SLIDES)
        page.evaluate("() => Reveal.slide(0, 0)")
        out = ROOT / "build" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out / f"deck_{path.stem}_{edition}_title.png"))
    finally:
        page.close()
    assert refused == []
    assert maths["errors"] == [], f"MathJax errors: {maths['errors']}"
    assert maths["sources"] > 0 and maths["typeset"] == maths["sources"], maths

    secrets = _secrets(path) if edition == "students" else []
    problems = []
    for slide in slides:
        where = f"slide {slide['index']} ({slide['title']!r})"
        if slide["scrollHeight"] > slide["height"] or slide["bottom"] > slide["height"] + 1:
            problems.append(f"{where} is {slide['scrollHeight']:.0f} px tall, frame 720")
        if slide["right"] > slide["width"] + 1 or slide["left"] < -1 or slide["top"] < -1:
            extent = {key: round(slide[key]) for key in ("left", "top", "right", "bottom")}
            problems.append(f"{where} runs past the frame: {extent}")
        if slide["headings"] > 1:
            problems.append(f"{where} has {slide['headings']} headings")
        problems += [f"{where} shows {s!r}" for s in secrets if s in slide["text"]]
    assert problems == []
    # deck.js shrinks the type of a slide that would overflow only as a last resort (another
    # machine's fonts): the build's own split must leave it readable.
    assert min(slide["scale"] for slide in slides) >= 0.85
    assert slides[0]["headings"] == 1 and slides[0]["index"] == "0.0"  # the title slide
