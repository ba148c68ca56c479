"""The notebooks in a real JupyterLab, in headless Chromium.

A widget that renders as ``IntSlider(value=2)`` text instead of a slider is a failure that no
kernel-level test sees, so this test starts JupyterLab on 127.0.0.1 (a free port, a token) on a
temporary copy of the notebooks, opens every notebook that uses widgets, runs all cells, and
checks that:

- no cell has an error output and the page never says "Error displaying widget";
- every widget output is drawn as a widget (not as its text form);
- moving a widget changes what it shows (a slider redraws its plot, a poll's Check button
  gives feedback, the training monitor's Stop button stops a run in progress).

Besides the course notebooks it runs a small demo notebook of its own with every explorer and
the training monitor, so the widgets are covered before the notebooks use them. Screenshots go
to build/screenshots/. The server is always stopped.

Needs Debian's Chromium (``apt-get install chromium``) and Playwright for Python (a dev
dependency); skipped with the reason when either is missing. Select or deselect it with
``-m browser`` / ``-m "not browser"``.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from conftest import playwright_sync_api
from nbformat import v4

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "build" / "screenshots"
WIDGET_MARKERS = ("wordvec_helpers.widgets", "quick_poll", "ipywidgets")
# Run All of a notebook: 07 and 08 train several models, minutes on a busy 2-core machine.
RUN_TIMEOUT_MS = 600_000

pytestmark = pytest.mark.browser


def widget_notebooks(folder: Path) -> list[Path]:
    """The notebooks whose source uses widgets (found by what they import or call)."""
    found = []
    for path in sorted(folder.glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        source = "\n".join(c.source for c in cells if c.cell_type == "code")
        if any(marker in source for marker in WIDGET_MARKERS):
            found.append(path)
    return found


NOTEBOOKS = widget_notebooks(ROOT / "notebooks")

DEMO_CELLS = [
    """import time
from types import SimpleNamespace

from wordvec_helpers import corpus, pmi
from wordvec_helpers.cooccurrence import cooccurrence_matrix
from wordvec_helpers.widgets import (
    CooccurrenceExplorer, EmbeddingExplorer, TrainingMonitor, quick_poll,
)""",
    'quick_poll("size-of-W")',
    'CooccurrenceExplorer("I like cats and dogs\\nI like dogs", window=2)',
    """lines = ["the king rules the land", "the queen rules the land", "a man walks in the town",
         "a woman walks in the town", "the man is a king", "the woman is a queen"]
sentences = [corpus.tokenize(line) for line in lines]
vocab = corpus.Vocabulary.build(sentences)
counts = cooccurrence_matrix(vocab.encode_corpus(sentences), len(vocab), 2)
EmbeddingExplorer.from_svd(pmi.ppmi(counts), vocab, 4, word="king",
                           analogy=("man", "king", "woman"))""",
    """def slow_train(steps, *, callback):
    model = SimpleNamespace(stopped_early=False)
    for step in range(1, steps + 1):
        time.sleep(0.01)
        progress = SimpleNamespace(epoch=1, fraction_done=step / steps, words_processed=step,
                                   loss=2.0 / (1 + step / 50), elapsed=0.01 * step)
        if callback(progress) is False:
            model.stopped_early = True
            break
    return model

monitor = TrainingMonitor("a slow fake trainer")
monitor.start(slow_train, 3_000)""",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 serving a copy of the widget notebooks and the demo notebook;
    yields (base URL, token, folder). Stopped at the end, whatever happens."""
    playwright_sync_api()  # skip early, before starting a server
    home = tmp_path_factory.mktemp("lab")
    folder = home / "notebooks"
    folder.mkdir()
    for path in NOTEBOOKS:
        shutil.copy2(path, folder / path.name)
    demo = v4.new_notebook(
        cells=[v4.new_code_cell(source) for source in DEMO_CELLS],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    nbformat.write(demo, folder / "widget_demo.ipynb")
    # A private settings folder: render every cell (no windowing) so that the DOM holds them
    # all, and do not ask about fetching Jupyter news.
    for plugin, setting in [
        ("notebook-extension/tracker", {"windowingMode": "none"}),
        ("apputils-extension/notification", {"fetchNews": "false"}),
    ]:
        path = home / "settings" / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(setting))
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={folder}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no look-ups of extension registries
    ]
    if os.geteuid() == 0:  # CI runs as root, on a throwaway machine
        command.append("--allow-root")
    log = open(home / "server.log", "w")  # noqa: SIM115 - closed in the finally below
    server = subprocess.Popen(
        command, env=env, cwd=folder, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    output = (home / "server.log").read_text()[-3000:]
                    pytest.fail(f"JupyterLab did not start:\n{output}")
                time.sleep(0.5)
        yield base, token, folder
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)  # the server and the kernels it started
            server.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(server.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browser(lab, chromium):
    """Chromium, started once JupyterLab is up."""
    return chromium


def _open(browser, lab, name: str):
    """A page with the notebook open, its kernel ready; requests off 127.0.0.1 are refused."""
    base, token, _ = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})

    def local_only(route):
        if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            route.abort()  # the test uses no network but this machine

    page.route("**/*", local_only)
    page.goto(f"{base}/lab/tree/{name}?token={token}&reset")
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.content"
        " && window.jupyterapp.shell.currentWidget.content.widgets.length > 0",
        timeout=120_000,
    )
    page.wait_for_function(
        """async () => {
            const panel = window.jupyterapp.shell.currentWidget;
            await panel.sessionContext.ready;
            const kernel = panel.sessionContext.session?.kernel;
            return kernel && kernel.status === 'idle';
        }""",
        timeout=120_000,
    )
    return page


def _run_all(page) -> None:
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    # Every code cell has an execution count and the kernel is idle again.
    page.wait_for_function(
        """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            const cells = panel.content.model.cells;
            for (let i = 0; i < cells.length; i++) {
                const cell = cells.get(i);
                if (cell.type === 'code' && cell.sharedModel.getSource().trim()
                    && !cell.executionCount) { return false; }
            }
            return panel.sessionContext.session.kernel.status === 'idle';
        }""",
        timeout=RUN_TIMEOUT_MS,
    )


def _outputs(page) -> list[dict]:
    """Every code cell's outputs, from the notebook model (what would be saved)."""
    return page.evaluate(
        """() => {
            const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
            const result = [];
            for (let i = 0; i < cells.length; i++) {
                const cell = cells.get(i);
                if (cell.type !== 'code') continue;
                result.push({index: i, outputs: cell.outputs.toJSON()});
            }
            return result;
        }"""
    )


def _check_rendered(page, name: str) -> int:
    """No errors, and every widget output drawn as a widget; returns the number of widgets."""
    errors, widget_outputs = [], 0
    for cell in _outputs(page):
        for output in cell["outputs"]:
            if output["output_type"] == "error":
                errors.append(f"cell {cell['index']}: {output['ename']}: {output['evalue']}")
            if "application/vnd.jupyter.widget-view+json" in output.get("data", {}):
                widget_outputs += 1
    assert not errors, f"{name}: error outputs: {errors}"
    text = page.inner_text(".jp-NotebookPanel")
    assert "Error displaying widget" not in text, f"{name}: a widget failed to display"
    drawn = page.locator(".jp-OutputArea-output > .jupyter-widgets").count()
    assert drawn == widget_outputs, (
        f"{name}: {drawn} of {widget_outputs} widget outputs are drawn as widgets"
    )
    shown = "\n".join(page.locator(".jp-OutputArea").all_inner_texts())
    for fallback in ("IntSlider(", "VBox(", "QuickPoll:", "Explorer:", "TrainingMonitor:"):
        assert fallback not in shown, f"{name}: a widget shows as its text form {fallback!r}"
    return widget_outputs


def _screenshot(page, locator, filename: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    locator.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / filename))


def _answer_a_poll(page, name: str, within=None) -> bool:
    """Choose an answer in the first quick poll (of ``within``, a locator, if given) and press
    Check: feedback appears."""
    polls = (within or page).locator(".widget-vbox:has(.widget-radio)")
    if polls.count() == 0:
        return False
    poll = polls.first
    poll.scroll_into_view_if_needed()
    feedback = poll.locator(".widget-html").last  # the poll's feedback line, empty until Check
    assert feedback.inner_text().strip() == "", "a poll shows feedback before it is answered"
    poll.locator(".widget-radio-box label").first.click()
    poll.locator("button:has-text('Check')").click()
    page.wait_for_function(
        "el => el.innerText.trim().length > 0", arg=feedback.element_handle(), timeout=20_000
    )
    _screenshot(page, poll, f"{Path(name).stem}_poll_answered.png")
    return True


def _move_a_slider(page, name: str, within=None) -> bool:
    """Press → on the first slider of a widget with a plot (of ``within``, a locator, if
    given): the plot is redrawn."""
    boxes = (within or page).locator(".widget-vbox:has(.widget-slider):has(img)")
    if boxes.count() == 0:
        return False
    box = boxes.first
    box.scroll_into_view_if_needed()
    image = box.locator("img").first
    before = image.get_attribute("src")
    handle = box.locator(".widget-slider .noUi-handle").first
    handle.focus()
    handle.press("ArrowRight")
    page.wait_for_function(
        "([img, before]) => img.getAttribute('src') !== before",
        arg=[image.element_handle(), before],
        timeout=30_000,
    )
    _screenshot(page, box, f"{Path(name).stem}_slider_moved.png")
    return True


def _stop_training(page, name: str) -> bool:
    """Press Stop on a training monitor that is running: it reports that it stopped early."""
    monitors = page.locator(".widget-vbox:has(button:has-text('Stop'))")
    if monitors.count() == 0:
        return False
    monitor = monitors.first
    monitor.scroll_into_view_if_needed()
    page.wait_for_function(  # let it run to 10% first, so the loss curve has a shape
        "el => /[1-9][0-9]% ·/.test(el.innerText)", arg=monitor.element_handle(), timeout=60_000
    )
    monitor.locator("button:has-text('Stop')").click()
    page.wait_for_function(
        "el => /stopped early/.test(el.innerText)", arg=monitor.element_handle(), timeout=30_000
    )
    _screenshot(page, monitor, f"{Path(name).stem}_training_stopped.png")
    return True


@pytest.mark.parametrize(
    "name", [p.name for p in NOTEBOOKS] + ["widget_demo.ipynb"], ids=lambda n: n
)
def test_widgets_work_in_jupyterlab(browser, lab, name):
    page = _open(browser, lab, name)
    try:
        _run_all(page)
        widgets = _check_rendered(page, name)
        assert widgets > 0, f"{name} uses widgets but shows none"
        first = page.locator(".jp-OutputArea-output .jupyter-widgets").first
        _screenshot(page, first, f"{Path(name).stem}.png")
        moved = [_move_a_slider(page, name), _answer_a_poll(page, name)]
        if name == "widget_demo.ipynb":
            assert all(moved) and _stop_training(page, name)
        else:
            assert any(moved), f"{name}: found no slider or poll to move"
        _check_rendered(page, name)  # and still no error after the interaction
    finally:
        page.close()


# --------------------------------------------------------------------------------------------
# Presenting live: the slides of `make slides` (build/slides/live/) in JupyterLab, with
# jupyterlab-slideshow (the `instructor` extra), where widgets run on the slide.
# --------------------------------------------------------------------------------------------


def _slideshow_version() -> str | None:
    try:
        return importlib.metadata.version("jupyterlab-slideshow")
    except importlib.metadata.PackageNotFoundError:
        return None


def _make_slides():
    spec = importlib.util.spec_from_file_location("make_slides", ROOT / "tools" / "make_slides.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_slides", module)
    spec.loader.exec_module(module)
    return module


# The state of the slideshow: which cell is active and what the visible cells hold.
_DECK_STATE = """() => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    const visible = [...document.querySelectorAll('.jp-Notebook .jp-Cell.jp-deck-mod-visible')];
    const inWindow = el => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.top >= 0 && r.left >= 0
            && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
    };
    const poll = visible.map(c => c.querySelector('.widget-vbox:has(.widget-radio)'))
        .find(Boolean);
    const slider = visible.map(c => c.querySelector('.widget-vbox:has(.widget-slider):has(img)'))
        .find(Boolean);
    return {
        presenting: document.body.dataset.jpDeckMode === 'presenting',
        active: notebook.activeCellIndex,
        visible: visible.length,
        hidden: document.querySelectorAll('.jp-Notebook .jp-Cell').length - visible.length,
        poll: poll ? inWindow(poll) : null,
        slider: slider ? inWindow(slider.querySelector('.widget-slider')) : null,
    };
}"""


@pytest.mark.skipif(
    _slideshow_version() is None,
    reason='jupyterlab-slideshow is not installed: pip install -e ".[instructor]" '
    "(`make slides` installs it)",
)
def test_a_live_slideshow_in_jupyterlab_has_working_widgets(browser, lab):
    """The live notebook of 01 as `make slides` writes it, run in JupyterLab and presented with
    jupyterlab-slideshow (``deck:start``): stepping through the slides as the space bar does,
    the explorer's slider and a quick poll appear on a slide, and both respond."""
    make_slides = _make_slides()
    source = ROOT / "notebooks" / "01_cooccurrence.ipynb"
    student = make_slides.source_notebook(nbformat.read(source, as_version=4))
    name = "live_01_cooccurrence.ipynb"
    nbformat.write(make_slides.live_notebook(student), lab[2] / name)
    page = _open(browser, lab, name)
    try:
        page.set_viewport_size({"width": 1280, "height": 720})
        _run_all(page)
        commands = page.evaluate("() => window.jupyterapp.commands.listCommands()")
        assert "deck:start" in commands, "jupyterlab-slideshow is installed but not loaded"
        page.evaluate(
            "() => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = 0 }"
        )
        page.evaluate("window.jupyterapp.commands.execute('deck:start')")
        page.wait_for_function("() => document.body.dataset.jpDeckMode === 'presenting'")
        state = page.evaluate(_DECK_STATE)
        assert state["visible"] >= 1 and state["hidden"] > 0  # one slide, not the notebook
        moved = answered = False
        for _step in range(200):
            state = page.evaluate(_DECK_STATE)
            if state["slider"] and not moved:
                cell = page.locator(".jp-Cell.jp-deck-mod-visible").filter(
                    has=page.locator(".widget-slider")
                )
                moved = _move_a_slider(page, "live_slideshow", within=cell.last)
            if state["poll"] and not answered:
                cell = page.locator(".jp-Cell.jp-deck-mod-visible").filter(
                    has=page.locator(".widget-radio")
                )
                answered = _answer_a_poll(page, "live_slideshow", within=cell.last)
            if moved and answered:
                break
            before = state["active"]
            page.evaluate(  # the space bar: down a sub-slide, else forward
                "window.jupyterapp.commands.execute('deck:go',"
                " {direction: 'down', alternate: 'forward'})"
            )
            page.wait_for_function(
                "before => window.jupyterapp.shell.currentWidget.content.activeCellIndex"
                " !== before",
                arg=before,
                timeout=10_000,
            )
        assert moved, "no slide showed the explorer's slider within the window"
        assert answered, "no slide showed a quick poll within the window"
        assert page.evaluate(_DECK_STATE)["presenting"]
        _check_rendered(page, name)
        page.evaluate("window.jupyterapp.commands.execute('deck:stop')")
    finally:
        page.close()
