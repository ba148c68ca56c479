"""Build the precept slides: reveal.js decks for a projector, and notebooks for live slides.

    python tools/make_slides.py [notebooks] [build/slides] [--node-modules node_modules]
                                [--solutions]

`make slides` runs it on the course notebooks; `make slides-solutions` adds ``--solutions``.
It writes into the target folder

    NN_name.slides.html   one reveal.js deck per notebook, for a 1280x720 projector
    lib/                  reveal.js and MathJax 2, copied from node_modules (`npm ci`): the
                          decks load nothing else, so the folder works with no network
    live/NN_name.ipynb    the same slides as a notebook, for presenting live in JupyterLab
                          with a kernel (jupyterlab-slideshow: widgets and polls work)

By default the slides are made from the student edition (tools/make_student.py): no solution
code, and no quick-poll answer, reaches the screen. ``--solutions`` makes them from the
notebooks as committed, for instructors.

The committed notebooks carry no slideshow metadata; it is derived here, on a copy:

- every ``#`` or ``##`` heading starts a slide and every deeper heading a sub-slide (the
  down arrow), wherever it stands in a markdown cell: cells are split at their headings;
- content that would not fit under its heading continues on a sub-slide, whose first line
  repeats the heading in grey. The heights come from the LAYOUT table below, which matches
  the decks' CSS (tools/deck_template/deck.css); in the browser, a slide that still overflows
  (another machine's fonts) has its type shrunk a little, never below 70%;
- a code cell is a fragment: code and output appear on a click, after the prose. A figure is
  drawn smaller (not below LAYOUT["image_min"]) to stay with its code; a cell too tall for
  any slide shows its code, in chunks if need be, and then its output (in the deck only: the
  live notebook keeps the cell whole). A widget keeps room for its live size;
- continuation cells have no slide_type at all, which both nbconvert and jupyterlab-slideshow
  read as "on the same slide" (jupyterlab-slideshow does not know nbconvert's "-").

A widget cannot run in a static deck (there is no kernel): a quick poll shows its question and
choices (from the poll bank, wordvec_helpers.polls) instead of its code and widget, and any
other widget a note to present live. The answer never reaches a deck. In a live notebook a
poll made with ``QuickPoll(question, answer, ...)`` in the cell has its code collapsed.
"""

from __future__ import annotations

import argparse
import ast
import base64
import html
import importlib.util
import itertools
import math
import re
import shutil
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

TOOLS = Path(__file__).resolve().parent
TEMPLATE = "deck_template"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MATHJAX_CONFIG = "TeX-AMS_CHTML-full,Safe"  # Safe: config/Safe.js, copied below
# What lib/ takes from each npm package (paths inside the package).
LIBRARY_FILES = {
    "reveal.js": [
        "dist/reveal.js",
        "dist/reveal.css",
        "dist/theme/white.css",
        "dist/theme/fonts/source-sans-pro",
        "plugin/notes/notes.js",
    ],
    "mathjax": [
        "MathJax.js",
        "config/TeX-AMS_CHTML-full.js",
        "config/Safe.js",
        "extensions",
        "jax/input/TeX",
        "jax/output/CommonHTML",
        "jax/element",
        "localization/en",
        "fonts/HTML-CSS/TeX/woff",
    ],
}
NPM_HINT = (
    "run `npm ci` in the project folder (`make slides` does; npm comes with Node.js: "
    "`sudo apt-get install npm`, or https://nodejs.org)"
)

# Sizes in the deck's 1280x720 frame, as tools/deck_template/deck.css sets them (px). The
# character widths are on the wide side, so that an estimate errs towards an earlier break.
LAYOUT = {
    "frame_height": 720,
    "budget": 640,  # content height a slide is filled to; the rest is margin for error
    "text_line": 24 * 1.35,  # 24px text
    "text_chars": 98,  # characters of prose on one line
    "paragraph_gap": 12,
    "heading": {1: 38.4 * 1.2 + 15, 2: 33.6 * 1.2 + 13, 3: 28.8 * 1.2 + 12},
    "continued": 0.8 * 24 * 1.35 + 8,
    "widow": 100,  # a continued slide with less content than this is too thin
    "code_line": 18 * 1.3,  # 18px code
    "code_chars": 108,
    "code_padding": 12,
    "output_line": 17 * 1.3,  # 17px printed output
    "output_chars": 118,
    "output_padding": 8,
    "cell_gap": 10,
    "table_row": 20 * 1.35 + 6,
    "table_chars": 90,  # characters of a table row (20px) before its cells wrap
    "display_math": 24 * 1.35 + 20,  # a one-line $$...$$ with its margins
    "display_math_tall": 24 * 1.35 * 2.1 + 20,  # with a fraction, a sum or a matrix row
    "image_min": 220,  # an image is never drawn smaller than this to make it fit
    # A widget (an explorer, the training monitor) is a note in the deck but its full size when
    # presented live: its slide keeps room for it, so that the live slide fits too.
    "widget_live": 480,
}

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s")
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_MATH = re.compile(r"\$([^$]+)\$")
_MARKUP = re.compile(r"\*\*|__|`|\*|\[([^\]]*)\]\([^)]*\)")
_TALL_MATH = re.compile(r"\\(?:frac|dfrac|sum|prod|int|begin|binom|underbrace|overbrace)")


def _load_make_student():
    spec = importlib.util.spec_from_file_location("make_student", TOOLS / "make_student.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_student = _load_make_student()


# --------------------------------------------------------------------------------------------
# Heights
# --------------------------------------------------------------------------------------------


def _wrapped_lines(text: str, width: int) -> int:
    """Lines that ``text`` takes when wrapped at ``width`` characters."""
    return sum(max(1, math.ceil(len(line) / width)) for line in text.split("\n"))


def _visible_text(markdown: str) -> str:
    """Roughly what a line of markdown shows: markup dropped, inline maths at half length."""
    text = _INLINE_MATH.sub(lambda m: "x" * max(1, len(m.group(1)) // 2), markdown)
    return _MARKUP.sub(lambda m: m.group(1) or "", text)


def _display_math_height(tex: str) -> float:
    rows = tex.count("\\\\") + 1
    tall = bool(_TALL_MATH.search(tex))
    one = LAYOUT["display_math_tall"] if tall else LAYOUT["display_math"]
    return one + (rows - 1) * LAYOUT["text_line"] * (1.6 if tall else 1.1)


def markdown_height(markdown: str) -> float:
    """Estimated height (px) of a block of markdown in the deck."""
    lines = markdown.strip("\n").split("\n")
    height, prose = 0.0, []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if line.startswith("$$"):
            math_lines = [line]
            while not (len(math_lines) == 1 and line.count("$$") >= 2) and index + 1 < len(lines):
                if math_lines[-1].rstrip().endswith("$$") and len(math_lines) > 1:
                    break
                index += 1
                math_lines.append(lines[index])
            height += _display_math_height("\n".join(math_lines))
        elif line.startswith("|"):
            if not re.fullmatch(r"\|?[\s:|-]+\|?", line):  # not the |---| line
                lines_in_row = math.ceil(len(_visible_text(line)) / LAYOUT["table_chars"])
                height += LAYOUT["table_row"] * max(1, lines_in_row)
        elif _FENCE.match(line) or line.startswith("<"):
            height += LAYOUT["code_line"] if _FENCE.match(line) else 0
        elif line:
            prose.append(line)
        else:
            height += LAYOUT["paragraph_gap"]
        index += 1
    if prose:
        items = sum(bool(_LIST_ITEM.match(line)) for line in prose)
        joined = "\n".join(
            _visible_text(line) if _LIST_ITEM.match(line) or i == 0 else " " + _visible_text(line)
            for i, line in enumerate(prose)
        )
        # Lines that do not start a list item continue the paragraph or item above them.
        paragraphs = re.split(r"\n(?=\S)", joined.replace("\n ", " "))
        chars = LAYOUT["text_chars"] - (3 if items else 0)
        height += sum(_wrapped_lines(p, chars) for p in paragraphs) * LAYOUT["text_line"]
        height += LAYOUT["paragraph_gap"] + items * 5
        # Inline maths in display style (\dfrac) makes its line about twice as tall; a small
        # fraction or a sum with limits a little taller.
        for line in prose:
            tall = len(re.findall(r"\\dfrac|\\displaystyle", line))
            raised = len(re.findall(r"\\frac|\\sum_|\\prod_", line))
            height += LAYOUT["text_line"] * (1.2 * min(tall, 1) + 0.3 * min(raised, 1))
    return height


def _png_size(data: str) -> tuple[int, int]:
    """(width, height) of a base64 PNG, read from its header."""
    header = base64.b64decode(data[:64])
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image")
    return struct.unpack(">II", header[16:24])


def _text_of(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    if output.get("output_type") == "error":
        return "\n".join(output.get("traceback", []))
    return output.get("data", {}).get("text/plain", "")


def output_height(output) -> float:
    """Estimated height (px) of one output of a code cell in the deck."""
    data = output.get("data", {})
    if WIDGET_VIEW in data or output.get("metadata", {}).get("deck-widget"):
        return LAYOUT["widget_live"]
    if "image/png" in data:
        width, height = _png_size(data["image/png"])
        shown = output.get("metadata", {}).get("image/png", {}).get("width")
        return height * min(1.0, 1280 / width, (shown or width) / width)
    if "text/html" in data and "deck-" in data["text/html"]:  # a poll or a widget note
        text = re.sub(r"<[^>]+>", "\n", data["text/html"])
        lines = [line for line in text.split("\n") if line.strip()]
        return len(lines) * LAYOUT["text_line"] + LAYOUT["paragraph_gap"]
    text = _text_of(output).rstrip("\n")
    if not text:
        return 0.0
    lines = _wrapped_lines(text, LAYOUT["output_chars"])
    return lines * LAYOUT["output_line"] + LAYOUT["output_padding"]


def code_height(cell) -> float:
    """Estimated height (px) of a code cell in the deck: its code (unless hidden) and outputs."""
    height = LAYOUT["cell_gap"]
    if not cell.metadata.get("transient", {}).get("remove_source"):
        lines = _wrapped_lines(cell.source.rstrip("\n"), LAYOUT["code_chars"])
        height += lines * LAYOUT["code_line"] + LAYOUT["code_padding"]
    return height + sum(output_height(output) for output in cell.get("outputs", []))


# --------------------------------------------------------------------------------------------
# Markdown blocks
# --------------------------------------------------------------------------------------------


@dataclass
class Block:
    """A piece of a markdown cell that a slide break may follow: a heading, a paragraph, a
    list item, a display equation, a table, a fenced code block or an HTML block."""

    kind: str  # "heading" or "text"
    source: str
    level: int = 0  # heading level
    title: str = ""  # heading text

    @property
    def height(self) -> float:
        if self.kind == "heading":
            return LAYOUT["heading"][min(self.level, 3)]
        return markdown_height(self.source)


def markdown_blocks(source: str) -> list[Block]:
    """Split a markdown cell into blocks; joining their sources gives the cell back (up to
    blank lines at block boundaries)."""
    blocks: list[Block] = []
    current: list[str] = []
    fence = None  # the fence that opened a code block
    in_math = in_html = False

    def flush():
        if any(line.strip() for line in current):
            blocks.append(Block("text", "\n".join(current).strip("\n")))
        current.clear()

    for line in source.split("\n"):
        stripped = line.strip()
        if fence:
            current.append(line)
            if stripped.startswith(fence):
                fence = None
            continue
        if in_math:
            current.append(line)
            in_math = stripped.count("$$") % 2 == 0
            continue
        if in_html:
            current.append(line)
            in_html = not re.search(r"</(details|div|table)>", stripped)
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            blocks.append(
                Block("heading", line, level=len(heading.group(1)), title=heading.group(2))
            )
        elif not stripped:
            flush()
        elif _FENCE.match(line):
            flush()
            fence = _FENCE.match(line).group(1)
            current.append(line)
        elif re.match(r"<(details|div|table)\b", stripped):
            flush()
            current.append(line)
            in_html = not re.search(r"</(details|div|table)>", stripped)
        elif _LIST_ITEM.match(line):  # a top-level list item: a break may come before it
            flush()
            current.append(line)
        else:  # prose, or a display equation (which stays with the paragraph around it)
            current.append(line)
            in_math = stripped.count("$$") % 2 == 1
    flush()
    return blocks


# --------------------------------------------------------------------------------------------
# Slides
# --------------------------------------------------------------------------------------------


@dataclass
class Slide:
    """One slide (or sub-slide) being filled: its cells and the height they take."""

    kind: str  # "slide" or "subslide"
    title: str
    cells: list = field(default_factory=list)
    height: float = 0.0
    items: list = field(default_factory=list)  # (sequence number, height) of what it holds
    continued: bool = False  # it continues the slide before it, under the same title


def _markdown_cell(source: str, origin: int) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["deck"] = {"origin": origin}
    return cell


def _continued_cell(title: str, origin: int) -> nbformat.NotebookNode:
    return _markdown_cell(f'<div class="deck-continued">\n\n{title} (continued)\n\n</div>', origin)


def _fit_images(cell, room: float) -> None:
    """Give images a display height so that the cell fits in ``room`` px (not below
    LAYOUT["image_min"])."""
    excess = code_height(cell) - room
    for output in cell.get("outputs", []):
        if excess <= 0:
            return
        if "image/png" not in output.get("data", {}):
            continue
        shown = output_height(output)
        new = max(LAYOUT["image_min"], shown - excess)
        if new < shown:
            width, height = _png_size(output["data"]["image/png"])
            metadata = output.setdefault("metadata", {}).setdefault("image/png", {})
            metadata["width"] = int(width * new / height)  # the browser keeps the aspect ratio
            excess -= shown - output_height(output)


class _Pager:
    """Fills slides in order; see :func:`paginate`."""

    def __init__(self, breaks: frozenset[int] = frozenset()):
        self.slides: list[Slide] = []
        self.pending: list[Block] = []  # markdown blocks waiting to become one cell
        self.pending_origin = -1
        self.breaks = breaks  # sequence numbers of items that must start a continued slide
        self.sequence = -1

    def _next_item(self) -> None:
        """Count one more block or code part; continue on a new sub-slide if told to."""
        self.sequence += 1
        if self.sequence in self.breaks and self.current.items:
            self.continue_slide()

    @property
    def current(self) -> Slide:
        if not self.slides:
            self.slides.append(Slide("slide", ""))
        return self.slides[-1]

    def flush(self) -> None:
        if self.pending:
            source = "\n\n".join(block.source for block in self.pending)
            self.current.cells.append(_markdown_cell(source, self.pending_origin))
            self.pending = []

    def new_slide(self, kind: str, title: str) -> None:
        self.flush()
        self.slides.append(Slide(kind, title))

    def continue_slide(self) -> None:
        title = self.current.title
        self.new_slide("subslide", title)
        self.current.continued = True
        if title:
            self.current.cells.append(_continued_cell(title, -1))
            self.current.height += LAYOUT["continued"]

    def add_block(self, block: Block, origin: int) -> None:
        height = block.height
        if block.kind == "heading":
            self.sequence += 1
            self.new_slide("slide" if block.level <= 2 else "subslide", block.title)
        else:
            self._next_item()
            if self.slides and self.current.height + height > LAYOUT["budget"]:
                self.continue_slide()
            self.current.items.append((self.sequence, height))
        if self.pending and origin != self.pending_origin:
            self.flush()
        self.pending.append(block)
        self.pending_origin = origin
        self.current.height += height

    def add_code(self, part) -> None:
        self.flush()
        self._next_item()
        budget, slide, height = LAYOUT["budget"], self.current, code_height(part)
        has_content = slide.height > LAYOUT["heading"][1]  # more than its title
        if slide.height + height > budget and has_content:
            room = budget - slide.height
            if room >= _smallest_height(part):
                _fit_images(part, room)  # a smaller figure keeps it on this slide
                height = code_height(part)
            if slide.height + height > budget:
                self.continue_slide()
                slide = self.current
        if slide.height + height > budget:
            _fit_images(part, budget - slide.height)
            height = code_height(part)
        slide.cells.append(part)
        slide.items.append((self.sequence, height))
        slide.height += height


def _widow_breaks(slides: list[Slide], breaks: frozenset[int]) -> frozenset[int]:
    """Where to break so that no continued slide holds only a line or two: for each such
    slide, the last item of the slide before it moves over (the break moves up one item), if
    both still fit."""
    moved = set(breaks)
    for before, widow in itertools.pairwise(slides):
        content = widow.height - (LAYOUT["continued"] if widow.title else 0)
        if not widow.continued or content >= LAYOUT["widow"] or len(before.items) < 2:
            continue
        sequence, height = before.items[-1]
        if widow.height + height <= LAYOUT["budget"]:
            moved.discard(widow.items[0][0] if widow.items else -1)
            moved.add(sequence)
    return frozenset(moved)


def paginate(cells: list) -> list[Slide]:
    """Lay ``cells`` (a notebook's cells, already prepared for the deck) out on slides.

    Headings start slides (``#``, ``##``) and sub-slides (deeper); content that would take a
    slide past LAYOUT["budget"] continues on a sub-slide headed "<title> (continued)". A
    continuation that would hold only a line or two (less than LAYOUT["widow"]) takes the
    last items of the slide before it along.
    """
    breaks: frozenset[int] = frozenset()
    for _ in range(10):  # each round moves one item per thin slide; a few rounds settle it
        slides = _paginate(cells, breaks)
        moved = _widow_breaks(slides, breaks)
        if moved == breaks:
            return slides
        breaks = moved
    return slides


def _paginate(cells: list, breaks: frozenset[int]) -> list[Slide]:
    pager = _Pager(breaks)
    for origin, cell in enumerate(cells):
        if cell.cell_type == "markdown":
            for block in markdown_blocks(cell.source):
                pager.add_block(block, origin)
            pager.flush()
        elif cell.cell_type == "code" and cell.source.strip():  # (an empty one shows nothing)
            for part in code_parts(cell, origin):
                pager.add_code(part)
    pager.flush()
    return [slide for slide in pager.slides if slide.cells]


def _smallest_height(cell) -> float:
    """The height of a code cell with its images at their smallest (LAYOUT["image_min"])."""
    height = code_height(cell)
    for output in cell.get("outputs", []):
        if "image/png" in output.get("data", {}):
            height -= max(0.0, output_height(output) - LAYOUT["image_min"])
    return height


def _statement_boundaries(lines: list[str]) -> set[int]:
    """The indices i at which code may be cut before line i without cutting a statement in
    two: wherever no top-level statement (decorators included) spans lines i - 1 and i.
    Code that does not parse (IPython magics) may be cut anywhere."""
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return set(range(1, len(lines)))
    inside = set()
    for node in tree.body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        inside.update(range(first, node.end_lineno))  # 0-based i with first - 1 < i <= end - 1
    return set(range(1, len(lines))) - inside


def _split_source(source: str, max_lines: int) -> list[str]:
    """Cut code into chunks of at most ``max_lines`` (wrapped) lines, about equally long, each
    cut between two statements (at a blank line where there is one in the second half of a
    chunk). Only a single statement longer than ``max_lines`` is cut inside."""
    lines = source.rstrip("\n").split("\n")
    heights = [_wrapped_lines(line, LAYOUT["code_chars"]) for line in lines]
    total = sum(heights)
    limit = math.ceil(total / math.ceil(total / max_lines))
    boundaries = _statement_boundaries(lines)
    chunks, start, used = [], 0, 0
    for index, taken in enumerate(heights):
        if index > start and used + taken > limit:
            cuts = [i for i in range(start + 1, index + 1) if i in boundaries]
            blanks = [i for i in cuts if not lines[i].strip() and i - start >= (index - start) / 2]
            if blanks or cuts or used + taken > max_lines:
                cut = (blanks or cuts or [index])[-1]
                chunks.append("\n".join(lines[start:cut]))
                start, used = cut, sum(heights[cut:index])
        used += taken
    chunks.append("\n".join(lines[start:]))
    return [chunk.strip("\n") for chunk in chunks if chunk.strip()]


def code_parts(cell, origin: int) -> list:
    """A code cell as the deck shows it, in parts that each fit under a slide's title.

    Most cells are one part. A cell too tall for a slide shows its code, cut into chunks if
    need be, and then its output on its own: the parts after the first are marked
    ``metadata.deck.part`` (the live notebook keeps the cell whole).
    """
    cell = nbformat.from_dict(cell)
    cell.metadata["deck"] = {"origin": origin}
    room = LAYOUT["budget"] - LAYOUT["heading"][1]
    if _smallest_height(cell) <= room:
        return [cell]
    fixed = LAYOUT["cell_gap"] + LAYOUT["code_padding"]
    max_lines = max(1, int((room - fixed) // LAYOUT["code_line"]))
    parts = []
    for chunk in _split_source(cell.source, max_lines):
        part = nbformat.from_dict(cell)
        part.source, part.outputs = chunk, []
        parts.append(part)
    if cell.get("outputs"):
        last = nbformat.from_dict(parts[-1])
        last.outputs = cell.outputs
        if _smallest_height(last) <= room:  # the output fits with the last chunk of code
            parts[-1] = last
        else:
            output_part = nbformat.from_dict(cell)
            output_part.metadata["transient"] = {"remove_source": True}
            parts.append(output_part)
    for number, part in enumerate(parts):
        part.metadata["deck"]["part"] = number
    return parts


def with_slide_metadata(slides: list[Slide]) -> list:
    """The cells of ``slides`` with slideshow metadata: the first cell of a slide gets "slide"
    or "subslide", a code cell "fragment", every other cell none (it continues the slide)."""
    cells = []
    for slide in slides:
        for position, cell in enumerate(slide.cells):
            cell.metadata.pop("slideshow", None)
            if position == 0:
                cell.metadata["slideshow"] = {"slide_type": slide.kind}
            elif cell.cell_type == "code":
                cell.metadata["slideshow"] = {"slide_type": "fragment"}
            cells.append(cell)
    if cells:
        cells[0].metadata["slideshow"] = {"slide_type": "slide"}
    for index, cell in enumerate(cells):  # cells were split: give each its own id
        cell["id"] = f"slide-cell-{index}"
    return cells


# --------------------------------------------------------------------------------------------
# Polls and widgets
# --------------------------------------------------------------------------------------------


def _poll_call(cell) -> ast.Call | None:
    """The last ``quick_poll(...)`` or ``QuickPoll(...)`` call in a code cell, if any."""
    try:
        tree = ast.parse(cell.source)
    except SyntaxError:
        return None
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (getattr(node.func, "attr", None) or getattr(node.func, "id", None))
        in ("quick_poll", "QuickPoll")
    ]
    return calls[-1] if calls else None


def _literal(node) -> str | None:
    return str(node.value) if isinstance(node, ast.Constant) else None


def poll_of(cell) -> dict | None:
    """The question and choices of the quick poll a code cell shows, or None.

    A poll cell calls ``quick_poll(poll_id)`` (the poll bank, wordvec_helpers.polls) or
    ``QuickPoll(question, answer, choices=...)``, or shows a QuickPoll widget. The result is
    {"question", "choices", "in_bank"}; the answer is never read, since the deck must not
    show it.
    """
    if cell.cell_type != "code":
        return None
    call = _poll_call(cell)
    widget_question = None
    for output in cell.get("outputs", []):
        text = output.get("data", {}).get("text/plain", "")
        if WIDGET_VIEW in output.get("data", {}) and text.startswith("QuickPoll:"):
            widget_question = text.removeprefix("QuickPoll:").strip()
    if call is None and widget_question is None:
        return None
    first = _literal(call.args[0]) if call is not None and call.args else None
    name = getattr(call.func, "attr", None) or getattr(call.func, "id", None) if call else None
    if name == "quick_poll" and first is not None:
        from wordvec_helpers import polls

        poll = polls.get_poll(first)  # a KeyError naming the close ids if it is not there
        return {"question": poll.question, "choices": list(poll.choices), "in_bank": True}
    question, choices = first or widget_question or "", []
    for keyword in call.keywords if call is not None else []:
        if keyword.arg == "question" and _literal(keyword.value) is not None:
            question = _literal(keyword.value)
        if keyword.arg == "choices":
            elements = getattr(keyword.value, "keys", None) or getattr(keyword.value, "elts", [])
            choices = [_literal(e) for e in elements if _literal(e) is not None]
    return {"question": question, "choices": choices, "in_bank": False}


def _poll_html(poll: dict) -> str:
    items = "".join(f"<li>{html.escape(choice)}</li>" for choice in poll["choices"])
    choices = f"<ul>{items}</ul>" if items else ""
    return (
        f'<div class="deck-poll"><p><b>Quick poll:</b> {html.escape(poll["question"])}</p>'
        f"{choices}"
        '<p class="deck-note">Answer it live: present this notebook in JupyterLab.</p></div>'
    )


def _widget_note(text: str) -> str:
    return (
        f'<p class="deck-note">Interactive widget ({html.escape(text)}): present this notebook '
        "live in JupyterLab to use it.</p>"
    )


def for_deck(cell) -> nbformat.NotebookNode:
    """A copy of a code cell as the static deck shows it: a poll as its question and choices
    (no code: it holds the answer), any other widget as a note."""
    cell = nbformat.from_dict(cell)
    poll = poll_of(cell)
    if poll is not None:
        cell.metadata["transient"] = {"remove_source": True}
        cell.outputs = [
            nbformat.v4.new_output(
                "display_data", data={"text/html": _poll_html(poll), "text/plain": "poll"}
            )
        ]
        return cell
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if WIDGET_VIEW in data:
            text = data.get("text/plain", "an interactive widget")
            output["data"] = {"text/html": _widget_note(text), "text/plain": text}
            output.setdefault("metadata", {})["deck-widget"] = True
    return cell


# --------------------------------------------------------------------------------------------
# The deck and the live notebook
# --------------------------------------------------------------------------------------------


def source_notebook(notebook, *, solutions: bool = False) -> nbformat.NotebookNode:
    """The notebook the slides show: the student edition, or with ``solutions`` a copy of
    the notebook as committed."""
    if solutions:
        return nbformat.from_dict(notebook)
    student, _ = make_student.student_notebook(notebook)
    # A worked answer's stand-in (a button over a packed answer) has nothing to project.
    student.cells = [cell for cell in student.cells if not make_student.is_reveal_cell(cell)]
    return student


def deck_notebook(notebook) -> nbformat.NotebookNode:
    """A copy of ``notebook`` split into slides for the static deck (see the module docstring)."""
    deck = nbformat.from_dict(notebook)
    deck.metadata.pop("widgets", None)
    cells = [for_deck(cell) if cell.cell_type == "code" else cell for cell in deck.cells]
    deck.cells = with_slide_metadata(paginate(cells))
    return deck


def live_notebook(notebook) -> nbformat.NotebookNode:
    """A copy of ``notebook`` with the deck's slides, for jupyterlab-slideshow: the same cells
    and slide metadata as the deck, but the real code and widgets (a poll's code collapsed).
    A code cell the deck shows in parts is one cell here (JupyterLab scrolls a tall slide)."""
    deck = deck_notebook(notebook)
    originals = nbformat.from_dict(notebook).cells
    slides: list[tuple[str, list]] = []  # (slide type, cells)
    for cell in deck.cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        if kind in ("slide", "subslide") or not slides:
            slides.append((kind or "slide", []))
        deck_info = cell.metadata.pop("deck", {})
        if cell.cell_type == "code":
            if deck_info.get("part", 0) > 0:
                continue
            real = nbformat.from_dict(originals[deck_info["origin"]])
            real.metadata.pop("slideshow", None)
            if "slideshow" in cell.metadata:
                real.metadata["slideshow"] = cell.metadata["slideshow"]
            poll = poll_of(real)
            if poll is not None and not poll["in_bank"]:  # its answer is in its code
                real.metadata.setdefault("jupyter", {})["source_hidden"] = True
            real["id"] = cell["id"]
            cell = real
        slides[-1][1].append(cell)
    live = nbformat.from_dict(notebook)
    live.metadata.pop("widgets", None)
    live.cells = []
    for kind, cells in slides:
        if all("deck-continued" in cell.source for cell in cells):
            continue  # all it continued was a part of a code cell
        cells[0].metadata["slideshow"] = {"slide_type": kind}
        live.cells.extend(cells)
    return live


def _exporter():
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(
        extra_template_basedirs=[str(TOOLS)],
        template_name=TEMPLATE,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.reveal_theme = "white"  # its fonts ship with reveal.js
    exporter.reveal_url_prefix = "lib/reveal.js"
    exporter.mathjax_url = f"lib/mathjax/MathJax.js?config={MATHJAX_CONFIG}"
    return exporter


def render_deck(notebook, name: str, target_dir: Path) -> Path:
    """Write the deck of one (student or solutions) notebook to ``target_dir/NAME.slides.html``."""
    deck = deck_notebook(notebook)
    for cell in deck.cells:
        cell.metadata.pop("deck", None)
    body, _ = _exporter().from_notebook_node(deck, resources={"metadata": {"name": name}})
    target_dir.mkdir(parents=True, exist_ok=True)
    path = target_dir / f"{name}.slides.html"
    path.write_text(body, encoding="utf-8")
    return path


def copy_libraries(node_modules: Path, lib_dir: Path) -> None:
    """Copy the parts of reveal.js and MathJax that the decks load into ``lib_dir``."""
    for package, parts in LIBRARY_FILES.items():
        root = node_modules / package
        if not root.is_dir():
            raise FileNotFoundError(f"{root} is missing: {NPM_HINT}")
        for part in parts:
            source, target = root / part, lib_dir / package / part
            if not source.exists():
                raise FileNotFoundError(f"{source} is missing: {NPM_HINT}")
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
            else:
                shutil.copy2(source, target)


def build(
    source_dir: Path, target_dir: Path, node_modules: Path, *, solutions: bool = False
) -> list[Path]:
    """Write every notebook's deck, lib/ and live notebook; returns the decks' paths."""
    notebooks = sorted(source_dir.glob("*.ipynb"))
    copy_libraries(node_modules, target_dir / "lib")  # first: fail before writing decks
    decks = []
    for path in notebooks:
        notebook = source_notebook(nbformat.read(path, as_version=4), solutions=solutions)
        decks.append(render_deck(notebook, path.stem, target_dir))
        live_dir = target_dir / "live"
        live_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(live_notebook(notebook), live_dir / path.name)
    return decks


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="?", default="notebooks", type=Path)
    parser.add_argument("target", nargs="?", default="build/slides", type=Path)
    parser.add_argument("--node-modules", type=Path, default=Path("node_modules"))
    parser.add_argument(
        "--solutions", action="store_true", help="show the solutions (for instructors only)"
    )
    args = parser.parse_args(argv)
    try:
        decks = build(args.notebooks, args.target, args.node_modules, solutions=args.solutions)
    except (FileNotFoundError, KeyError, make_student.SolutionMarkerError) as error:
        print(f"make_slides: {error}", file=sys.stderr)
        return 1
    if not decks:
        print(f"make_slides: no notebooks in {args.notebooks}", file=sys.stderr)
        return 1
    for deck in decks:
        print(f"wrote {deck}")
    print(f"wrote {args.target / 'live'}/*.ipynb (present them live with jupyterlab-slideshow)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
