"""Interactive widgets for precept and self-study (ipywidgets).

QuickPoll / quick_poll      a "Quick poll" from the precept (by its id in ``polls``), with a
                            Check button and feedback
CooccurrenceExplorer        a sentence or small corpus -> count, PMI and PPMI heatmaps, live
EmbeddingExplorer           any vectors + Vocabulary: neighbours, a : b :: c : ?, a 2-D plot
WorkedAnswer / worked_answer  a worked answer behind a button (the student edition's stand-in
                            for cells tagged ``worked-answer``)
TrainingMonitor             live loss curve, progress bar and a Stop button for the skip-gram
                            trainers (``callback=monitor.callback``, or ``monitor.start(...)``)

Every widget can be driven from Python (set a control's ``value``, call ``.check()`` or
``button.click()``) and exposes what it shows as attributes, so the tests check it without a
browser. Bad input is shown in the widget, never as a traceback. Plots are PNG images in an
``ipywidgets.Image`` (drawn on a ``matplotlib.figure.Figure``, never through pyplot), so they
update from any thread and nothing leaks into the cell's own output.
"""

from __future__ import annotations

import html
import inspect
import io
import numbers
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from . import corpus, evaluation, plotting, polls
from . import pmi as pmi_module
from ._validation import check_count_matrix, check_positive_float, check_positive_int
from .similarity import normalize_rows
from .worked_answers import decode_worked_answer

_GOOD = "#009E73"
_BAD = "#D55E00"
_INFO = "#555555"


def _coloured(message: str, colour: str) -> str:
    return f'<span style="color:{colour}">{html.escape(message)}</span>'


def _error_text(exc: BaseException) -> str:
    """The message of an exception as a student should read it (a KeyError without quotes)."""
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    return str(exc) or type(exc).__name__


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _draw(image: widgets.Image, figure: Figure) -> None:
    """Show ``figure`` in ``image`` at its own size (a browser would otherwise stretch it)."""
    image.width = str(round(figure.get_figwidth() * figure.dpi))
    image.value = _png(figure)


class QuickPoll(widgets.VBox):
    """A "Quick poll" from the precept: a question, choices or a numeric answer, a Check button
    and feedback.

    Parameters
    ----------
    question : str
        The question, as the slide asks it.
    answer : str or number
        The correct choice (one of ``choices``) or the correct number.
    choices : sequence of str, or mapping choice -> feedback, optional
        Multiple choice. With a mapping, the feedback for a wrong choice says why it is wrong.
        Without choices the poll takes a number.
    explanation : str
        Shown with the verdict once the answer is right.
    tolerance : float
        Relative tolerance for a numeric answer.

    Attributes
    ----------
    selector : the RadioButtons or the Text input
    button : the Check button (``button.click()`` checks from Python)
    feedback : an HTML widget holding the verdict
    """

    def __init__(
        self,
        question: str,
        answer,
        *,
        choices: Sequence[str] | Mapping[str, str] | None = None,
        explanation: str = "",
        tolerance: float = 0.0,
    ):
        self.question = question
        self.answer = answer
        self.explanation = explanation
        self.tolerance = tolerance
        self.choice_feedback = dict(choices) if isinstance(choices, Mapping) else {}
        if choices is not None:
            options = list(choices)
            if answer not in options:
                raise ValueError(f"answer {answer!r} must be one of the choices {options}")
            self.selector = widgets.RadioButtons(options=options, value=None)
        else:
            if not isinstance(answer, numbers.Real):
                raise TypeError(f"a poll without choices needs a numeric answer, got {answer!r}")
            self.selector = widgets.Text(placeholder="a number, e.g. 2*100*10000")
        self.button = widgets.Button(description="Check", button_style="primary")
        self.feedback = widgets.HTML("")
        self.button.on_click(lambda _button: self.check())
        title = widgets.HTML(f"<b>Quick poll:</b> {html.escape(question)}")
        super().__init__([title, self.selector, widgets.HBox([self.button]), self.feedback])

    def _verdict(self) -> tuple[bool, str]:
        value = self.selector.value
        if value is None or value == "":
            return False, "Choose an answer first."
        if isinstance(self.selector, widgets.RadioButtons):
            if value == self.answer:
                return True, "Correct."
            return False, self.choice_feedback.get(value) or "Not quite — try again."
        number = _parse_number(value)
        if number is None:
            return False, f"{value!r} is not a number; type digits, or an expression like 2*100*10"
        if abs(number - self.answer) <= self.tolerance * abs(self.answer):
            return True, "Correct."
        direction = "too large" if number > self.answer else "too small"
        return False, f"{number:g} is {direction} — try again."

    def check(self) -> bool:
        """Check the current answer, show the feedback, and return whether it is right."""
        correct, message = self._verdict()
        if correct and self.explanation:
            message += " " + self.explanation
        colour = "#009E73" if correct else "#D55E00"
        self.feedback.value = f'<span style="color:{colour}">{html.escape(message)}</span>'
        return correct

    def __repr__(self) -> str:
        return f"QuickPoll: {self.question}"


def _parse_number(text: str) -> float | None:
    """A number, or a product/sum of numbers such as "2*100*10000" or "2e6"; None if neither."""
    cleaned = text.replace(",", "").replace("×", "*").replace(" ", "")
    if not cleaned or "**" in cleaned or any(ch not in "0123456789.eE+-*()" for ch in cleaned):
        return None
    try:
        # Only digits and arithmetic operators reach eval, and no names: it cannot call anything.
        value = eval(cleaned, {"__builtins__": {}}, {})  # noqa: S307
    except (SyntaxError, TypeError, ZeroDivisionError, ValueError):
        return None
    return float(value) if isinstance(value, numbers.Real) else None


def quick_poll(poll_id: str) -> QuickPoll:
    """The quick poll stored under ``poll_id`` in :mod:`wordvec_helpers.polls`, as a widget.

    The notebook cell names only the id, so no answer is in sight; the explanation appears
    once the right answer is chosen. ``QuickPoll(question, answer, ...)`` makes a poll that is
    not in the bank.
    """
    poll = polls.get_poll(poll_id)
    return QuickPoll(
        poll.question,
        poll.answer,
        choices=poll.choices or None,
        explanation=poll.explanation,
        tolerance=poll.tolerance,
    )


# --------------------------------------------------------------------------------------------
# Worked answers in the student edition
# --------------------------------------------------------------------------------------------


class WorkedAnswer(widgets.VBox):
    """A worked answer behind a button: try the exercise first, then look.

    Shows the packed cells as Markdown (code as a code block, with its printed output).

    Attributes: ``button`` (``button.click()`` shows the answer), ``output``, ``cells``.
    """

    def __init__(self, payload: str):
        self.cells = decode_worked_answer(payload)
        self.button = widgets.Button(
            description="Show the worked answer", button_style="info", layout={"width": "auto"}
        )
        self.output = widgets.Output()
        self.button.on_click(lambda _button: self.show())
        hint = widgets.HTML(_coloured("Try the exercise above yourself first.", _INFO))
        super().__init__([widgets.HBox([self.button, hint]), self.output])

    def markdown(self) -> str:
        """The worked answer as one Markdown text."""
        parts = []
        for kind, source, outputs in self.cells:
            if kind == "code":
                parts.append(f"```python\n{source}\n```")
                parts.extend(f"```\n{text.rstrip()}\n```" for text in outputs if text.strip())
            else:
                parts.append(source)
        return "\n\n".join(parts)

    def show(self) -> None:
        from IPython.display import Markdown, display

        self.output.clear_output()
        with self.output:
            display(Markdown(self.markdown()))
        self.button.disabled = True

    def __repr__(self) -> str:
        return "WorkedAnswer: press the button to show it"


def worked_answer(payload: str) -> WorkedAnswer:
    """The worked answer packed into ``payload`` (by the student edition), behind a button."""
    return WorkedAnswer(payload)


# --------------------------------------------------------------------------------------------
# Co-occurrence / PMI explorer (notebooks 01-02)
# --------------------------------------------------------------------------------------------


def shifted_pmi(counts, *, alpha: float = 1.0, shift: float = 1.0) -> np.ndarray:
    """PMI with context smoothing and a shift; ``-inf`` exactly where the count is zero.

        PMI_α,k[t, c] = log P(t, c) / (P(t) P_α(c)) - log k

    With alpha = 1 and shift = 1 this is the precept's PMI, and ``max(shifted_pmi, 0)`` is
    :func:`wordvec_helpers.pmi.ppmi` with the same alpha and shift.

    Parameters
    ----------
    counts : array_like of shape (n_targets, n_contexts)
    alpha : float > 0     P_α(c) = count(c)^α / Σ_c' count(c')^α
    shift : float > 0     k; the log of it is subtracted

    Returns
    -------
    ndarray of shape (n_targets, n_contexts), float64
    """
    alpha = check_positive_float("alpha", alpha)
    shift = check_positive_float("shift", shift)
    W = check_count_matrix(counts)
    rows, cols, values = pmi_module._log_ratio_at_nonzeros(W, alpha)
    result = np.full(W.shape, -np.inf)
    result[rows, cols] = values - np.log(shift)
    return result


class CooccurrenceExplorer(widgets.VBox):
    """Type a sentence (or a few, one per line), move the knobs, see W, PMI and PPMI.

    Parameters
    ----------
    text : str          the corpus; every non-empty line is one sentence (windows never cross
                        a line), tokenized with :func:`wordvec_helpers.corpus.tokenize`:
                        counting ignores case ("The" and "the" are one word), and a word is
                        labelled as typed when every occurrence is spelled alike ("I", as in
                        the precept's table), in lower case otherwise
    window : int        m, context positions on each side (slider 1..5)
    alpha : float       context smoothing of P(c) (slider 0.1..1; 0.75 is word2vec's)
    shift : float       K of shifted PPMI, max(PMI - log K, 0) (slider 1..10; K negatives)
    max_words : int     the heatmaps show at most this many words (the most frequent)

    Attributes (what the explorer currently shows)
    ----------------------------------------------
    text, window, alpha, shift : the controls (set ``.value`` to drive it from Python)
    words : list[str]               the words shown (labels as typed), most frequent first
    counts : ndarray (n, n) int64   W[t, c] for the words shown (None after bad input)
    pmi, ppmi : ndarray (n, n)      PMI_α,k (-inf where the count is zero) and PPMI
    message : HTML widget           what was computed, or what is wrong with the input
    image : Image widget            the three heatmaps side by side (PNG); hidden (and empty)
                                    after bad input, so no broken-image icon shows
    """

    def __init__(
        self,
        text: str = "I like cats and dogs",
        *,
        window: int = 2,
        alpha: float = 1.0,
        shift: float = 1.0,
        max_words: int = 10,
    ):
        self.max_words = check_positive_int("max_words", max_words)
        self.text = widgets.Textarea(
            value=text,
            description="corpus",
            placeholder="one sentence per line",
            continuous_update=False,
            layout=widgets.Layout(width="60%"),
        )
        self.window = widgets.IntSlider(
            value=window, min=1, max=5, description="window m", continuous_update=False
        )
        self.alpha = widgets.FloatSlider(
            value=alpha, min=0.1, max=1.0, step=0.05, description="alpha α",
            continuous_update=False,
        )  # fmt: skip
        self.shift = widgets.FloatSlider(
            value=shift, min=1.0, max=10.0, step=1.0, description="shift K",
            continuous_update=False,
        )  # fmt: skip
        self.message = widgets.HTML("")
        self.image = widgets.Image(format="png")
        self.words: list[str] = []
        self.counts: np.ndarray | None = None
        self.pmi: np.ndarray | None = None
        self.ppmi: np.ndarray | None = None
        for control in (self.text, self.window, self.alpha, self.shift):
            control.observe(self._on_change, names="value")
        controls = widgets.HBox([self.text, widgets.VBox([self.window, self.alpha, self.shift])])
        super().__init__([controls, self.message, self.image])
        self.update()

    def _on_change(self, _change) -> None:
        self.update()

    def __repr__(self) -> str:
        return (
            f"CooccurrenceExplorer: W, PMI and PPMI of {self.text.value[:40]!r} "
            f"(window {self.window.value}, alpha {self.alpha.value:g}, shift {self.shift.value:g})"
        )

    def _compute(self):
        sentences = [corpus.tokenize(line) for line in self.text.value.splitlines()]
        sentences = [s for s in sentences if s]
        spellings = _spellings(self.text.value)
        if not sentences:
            raise ValueError("Type a sentence (or several, one per line) to count.")
        vocab = corpus.Vocabulary.build(sentences)
        ids = vocab.encode_corpus(sentences)
        from .cooccurrence import cooccurrence_matrix

        counts = cooccurrence_matrix(ids, len(vocab), self.window.value)
        if not counts.any():
            raise ValueError(
                f"No co-occurrences: every sentence has a single word (|V|={len(vocab)}). "
                "Type a sentence with at least two words."
            )
        alpha, shift = self.alpha.value, self.shift.value
        pmi = shifted_pmi(counts, alpha=alpha, shift=shift)
        ppmi = pmi_module.ppmi(counts, alpha=alpha, shift=shift)
        n = min(len(vocab), self.max_words)
        labels = [spellings.get(word, word) for word in vocab.words[:n]]
        return vocab, labels, counts[:n, :n], pmi[:n, :n], ppmi[:n, :n], int(counts.sum())

    def update(self) -> None:
        """Recompute from the current controls and redraw (called on every change)."""
        try:
            vocab, labels, counts, pmi, ppmi, total = self._compute()
        except (ValueError, TypeError, KeyError) as exc:
            self.words, self.counts, self.pmi, self.ppmi = [], None, None, None
            self.image.value = b""
            self.image.layout.display = "none"  # an empty image would show a broken icon
            self.message.value = _coloured(_error_text(exc), _BAD)
            return
        self.image.layout.display = None
        self.words = labels
        self.counts, self.pmi, self.ppmi = counts, pmi, ppmi
        shown = (
            f"; showing the {len(self.words)} most frequent"
            if len(self.words) < len(vocab)
            else ""
        )
        self.message.value = _coloured(
            f"|V| = {len(vocab)} words{shown}, window m = {self.window.value}: "
            f"{total} (target, context) pairs counted in W.",
            _INFO,
        )
        _draw(self.image, self._figure())

    def _figure(self) -> Figure:
        alpha, shift = self.alpha.value, self.shift.value
        label = "PMI"
        if alpha != 1.0:
            label += f" (α = {alpha:g})"
        if shift != 1.0:
            label += f" − log {shift:g}"
        n = len(self.words)
        annotate = n <= 8
        size = max(3.2, 0.45 * n + 1.4)
        figure = Figure(figsize=(3 * size + 0.6, size), layout="constrained")
        axes = figure.subplots(1, 3)
        plotting.heatmap(
            self.counts, self.words, ax=axes[0], title="counts W", fmt="{:.0f}",
            annotate=annotate,
        )  # fmt: skip
        plotting.heatmap(self.pmi, self.words, ax=axes[1], title=label, annotate=annotate)
        title = "PPMI = max(" + label + ", 0)"
        plotting.heatmap(self.ppmi, self.words, ax=axes[2], title=title, annotate=annotate)
        for ax in axes[1:]:
            ax.set_ylabel("")
        return figure


def _spellings(text: str) -> dict[str, str]:
    """Token (lower case, as :func:`corpus.tokenize` gives it) -> its label: the spelling as
    typed when every occurrence is spelled alike ("I"), else the lower-case token."""
    seen: dict[str, set[str]] = {}
    for line in text.splitlines():
        for match in corpus._WORD.finditer(line):
            typed = re.sub(r"['’][sS]$", "", match.group()).replace("’", "'")
            tokens = corpus.tokenize(typed)
            if len(tokens) == 1:
                seen.setdefault(tokens[0], set()).add(typed)
    return {token: next(iter(forms)) for token, forms in seen.items() if len(forms) == 1}


def cooccurrence_explorer(text: str = "I like cats and dogs", **options) -> CooccurrenceExplorer:
    """Create a :class:`CooccurrenceExplorer` (see there for the options)."""
    return CooccurrenceExplorer(text, **options)


# --------------------------------------------------------------------------------------------
# Embedding explorer (notebooks 03 onwards)
# --------------------------------------------------------------------------------------------


def _check_matrix(name: str, matrix, rows: int, dim: int | None = None) -> np.ndarray:
    array = np.asarray(matrix, dtype=np.float64)
    if array.ndim != 2 or array.shape[0] != rows or (dim is not None and array.shape[1] != dim):
        want = f"({rows}, {dim if dim is not None else 'd'})"
        raise ValueError(f"{name} must have shape {want}, one row per word; got {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return array


def _split_words(text: str) -> list[str]:
    return [w for w in text.replace(",", " ").lower().split() if w]


def _table(rows: list[tuple[str, float]], header: str) -> str:
    cells = "".join(
        f"<tr><td>{html.escape(word)}</td><td style='text-align:right'>{score:.3f}</td></tr>"
        for word, score in rows
    )
    return (
        f"<table><tr><th style='text-align:left'>{html.escape(header)}</th>"
        f"<th>cosine</th></tr>{cells}</table>"
    )


class EmbeddingExplorer(widgets.VBox):
    """Explore word vectors: nearest neighbours, analogies and a 2-D plot.

    Parameters
    ----------
    vectors : ndarray of shape (|V|, d)
        Target vectors (rows in vocabulary order): SVD's U Σ^p, skip-gram's u. With
        ``singular_values`` these are the unweighted left singular vectors U.
    vocab : Vocabulary
    context_vectors : ndarray of shape (|V|, d), optional
        Context vectors (V Σ^p, skip-gram's v). Adds a choice between w (target vectors) and
        w + c (their sum, Levy et al. 2015).
    singular_values : ndarray of shape (d,), optional
        Σ. Adds the eigenvalue weighting choice p in U Σ^p (and V Σ^p): 1, 0.5 or 0.
    word : str                  the first query
    analogy : (a, b, c)         the first analogy question, "a : b :: c : ?"
    k : int                     neighbours shown (slider 1..20)
    plot_words : str            words to plot (space/comma separated); empty = the query word
                                and its neighbours
    eig_power : 1, 0.5 or 0     the first weighting p (with ``singular_values``)

    Attributes (what the explorer currently shows)
    ----------------------------------------------
    word, k, analogy_a, analogy_b, analogy_c, plot_words, weighting, combination : controls
    vectors : ndarray (|V|, d)                   the vectors in use after weighting/combination
    neighbour_list : list of (word, cosine)      [] when the query is not valid
    analogy_answers : list of (word, score)      3CosAdd answers (:func:`evaluation.analogy`),
                                                 [] when the question is not valid
    plotted_words : list[str]
    neighbours, analogy_result, plot_message : HTML widgets; image : the 2-D plot (PNG)
    """

    def __init__(
        self,
        vectors,
        vocab,
        *,
        context_vectors=None,
        singular_values=None,
        word: str = "",
        analogy: Sequence[str] = ("", "", ""),
        k: int = 10,
        plot_words: str = "",
        eig_power: float = 1.0,
    ):
        if not isinstance(vocab, corpus.Vocabulary):
            raise TypeError(f"vocab must be a Vocabulary, got {type(vocab).__name__}")
        self.vocab = vocab
        self._target = _check_matrix("vectors", vectors, len(vocab))
        dim = self._target.shape[1]
        self._context = (
            None
            if context_vectors is None
            else _check_matrix("context_vectors", context_vectors, len(vocab), dim)
        )
        self._singular_values = None
        if singular_values is not None:
            s = np.asarray(singular_values, dtype=np.float64)
            if s.shape != (dim,) or np.any(s < 0) or not np.all(np.isfinite(s)):
                raise ValueError(
                    f"singular_values must be {dim} non-negative numbers (shape ({dim},)), "
                    f"got shape {s.shape}"
                )
            self._singular_values = s
        if eig_power not in (1.0, 0.5, 0.0):
            raise ValueError(f"eig_power must be 1, 0.5 or 0 (p in U Σ^p), got {eig_power!r}")
        if len(analogy) != 3:
            raise ValueError(f"analogy must be three words (a, b, c), got {analogy!r}")
        k = check_positive_int("k", k)

        self.word = widgets.Text(value=word, description="word", continuous_update=False)
        self.k = widgets.IntSlider(
            value=min(k, 20), min=1, max=20, description="neighbours", continuous_update=False
        )
        self.neighbours = widgets.HTML("")
        self.analogy_a, self.analogy_b, self.analogy_c = (
            widgets.Text(value=w, placeholder=p, continuous_update=False,
                         layout=widgets.Layout(width="9em"))
            for w, p in zip(analogy, ("a (man)", "b (king)", "c (woman)"), strict=True)
        )  # fmt: skip
        self.analogy_result = widgets.HTML("")
        self.plot_words = widgets.Text(
            value=plot_words,
            description="plot",
            placeholder="words to plot; empty = the word and its neighbours",
            continuous_update=False,
            layout=widgets.Layout(width="60%"),
        )
        self.plot_message = widgets.HTML("")
        self.image = widgets.Image(format="png")
        self.weighting = widgets.ToggleButtons(
            options=[("Σ¹ (p = 1)", 1.0), ("Σ^½ (p = 0.5)", 0.5), ("Σ⁰ (p = 0)", 0.0)],
            value=eig_power,
            description="U Σ^p",
        )
        self.combination = widgets.ToggleButtons(
            options=[("w (target)", "w"), ("w + c", "w+c")], value="w", description="vectors"
        )
        self.vectors = self._target
        self.neighbour_list: list[tuple[str, float]] = []
        self.analogy_answers: list[tuple[str, float]] = []
        self.plotted_words: list[str] = []

        options = []
        if self._singular_values is not None:
            options.append(self.weighting)
        if self._context is not None:
            options.append(self.combination)
        analogy_row = widgets.HBox(
            [
                widgets.HTML("<b>analogy</b>&nbsp;"),
                self.analogy_a,
                widgets.HTML("&nbsp;:&nbsp;"),
                self.analogy_b,
                widgets.HTML("&nbsp;::&nbsp;"),
                self.analogy_c,
                widgets.HTML("&nbsp;:&nbsp;?"),
            ]
        )
        children = [
            *options,
            widgets.HBox([self.word, self.k]),
            self.neighbours,
            analogy_row,
            self.analogy_result,
            self.plot_words,
            self.plot_message,
            self.image,
        ]
        super().__init__(children)
        for control in (self.weighting, self.combination):
            control.observe(lambda _change: self._reweight(), names="value")
        for control in (self.word, self.k):
            control.observe(lambda _change: self._update_neighbours(), names="value")
        for control in (self.analogy_a, self.analogy_b, self.analogy_c):
            control.observe(lambda _change: self._update_analogy(), names="value")
        self.plot_words.observe(lambda _change: self._update_plot(), names="value")
        self._reweight()

    @classmethod
    def from_svd(cls, matrix, vocab, dim: int, *, seed: int = 0, **options):
        """An explorer over the truncated SVD of a (P)PMI matrix, with both weighting choices.

        ``matrix`` is (|V|, |V|) (dense or sparse); U, Σ and V come from
        :func:`wordvec_helpers.svd.truncated_svd`; ``options`` as for the constructor.
        """
        from .svd import truncated_svd

        U, s, V = truncated_svd(matrix, dim, seed=seed)
        return cls(U, vocab, context_vectors=V, singular_values=s, **options)

    def __repr__(self) -> str:
        return f"EmbeddingExplorer: {len(self.vocab)} words, d = {self._target.shape[1]}"

    # -- what is shown -----------------------------------------------------------------------

    def _reweight(self) -> None:
        target, context = self._target, self._context
        if self._singular_values is not None:
            weights = self._singular_values**self.weighting.value  # (d,)
            target = target * weights
            context = None if context is None else context * weights
        if context is not None and self.combination.value == "w+c":
            target = target + context
        self.vectors = target
        self._unit = normalize_rows(target)  # (|V|, d)
        self.update()

    def update(self) -> None:
        """Recompute everything the explorer shows from the current controls."""
        self._update_neighbours(redraw=False)
        self._update_analogy()
        self._update_plot()

    def _update_neighbours(self, redraw: bool = True) -> None:
        query = self.word.value.strip().lower()
        self.neighbour_list = []
        if not query:
            self.neighbours.value = _coloured("Type a word to see its nearest neighbours.", _INFO)
        else:
            try:
                index = self.vocab[query]
            except KeyError as exc:
                self.neighbours.value = _coloured(_error_text(exc), _BAD)
            else:
                similarity = self._unit @ self._unit[index]  # (|V|, d) @ (d,) -> (|V|,)
                similarity[index] = -np.inf
                n = min(self.k.value, len(self.vocab) - 1)
                order = np.lexsort((np.arange(len(self.vocab)), -similarity))[:n]
                self.neighbour_list = [(self.vocab.words[i], float(similarity[i])) for i in order]
                header = f"nearest to {query!r}"
                self.neighbours.value = _table(self.neighbour_list, header)
        if redraw and not self.plot_words.value.strip():
            self._update_plot()

    def _update_analogy(self) -> None:
        a, b, c = (
            w.value.strip().lower() for w in (self.analogy_a, self.analogy_b, self.analogy_c)
        )
        self.analogy_answers = []
        if not (a and b and c):
            self.analogy_result.value = _coloured(
                "Fill in a, b and c: a is to b as c is to ? (answer ≈ b − a + c).", _INFO
            )
            return
        try:  # 3CosAdd over unit vectors, the question words excluded
            self.analogy_answers = evaluation.analogy(self._unit, self.vocab, a, b, c, topn=5)
        except KeyError as exc:
            self.analogy_result.value = _coloured(_error_text(exc), _BAD)
            return
        self.analogy_result.value = _table(self.analogy_answers, f"{a} : {b} :: {c} : ?")

    def _update_plot(self) -> None:
        requested = _split_words(self.plot_words.value)
        if not requested:
            query = self.word.value.strip().lower()
            requested = ([query] if query in self.vocab else []) + [
                w for w, _ in self.neighbour_list
            ]
        unknown = [w for w in requested if w not in self.vocab]
        known = list(dict.fromkeys(w for w in requested if w in self.vocab))
        messages = [self.vocab._unknown_message(w) for w in unknown]
        if len(known) < 3:
            messages.append("The plot needs at least 3 known words (type them above).")
            self.plotted_words = []
            self.image.value = b""
            self.image.layout.display = "none"  # an empty image would show a broken icon
        else:
            self.plotted_words = known
            self.image.layout.display = None
            _draw(self.image, self._figure(known))
        colour = _BAD if unknown else _INFO
        self.plot_message.value = _coloured(" ".join(messages), colour) if messages else ""

    def _figure(self, words: list[str]) -> Figure:
        points = self.vectors[[self.vocab[w] for w in words]]  # (n, d)
        centred = points - points.mean(axis=0)
        U, s, _ = np.linalg.svd(centred, full_matrices=False)
        coords = U[:, :2] * s[:2]  # (n, 2): the first two principal components
        if coords.shape[1] < 2:
            coords = np.column_stack([coords, np.zeros(len(words))])
        signs = np.sign(coords[np.argmax(np.abs(coords), axis=0), [0, 1]])
        coords = coords * np.where(signs == 0, 1.0, signs)  # deterministic orientation
        figure = Figure(figsize=(5.0, 3.8), layout="constrained")
        ax = figure.subplots()
        plotting.scatter_words(coords, words, ax=ax, title="2-D projection (PCA of these words)")
        ax.set_xlabel("principal component 1")
        ax.set_ylabel("principal component 2")
        return figure


def embedding_explorer(vectors, vocab, **options) -> EmbeddingExplorer:
    """Create an :class:`EmbeddingExplorer` (see there for the options)."""
    return EmbeddingExplorer(vectors, vocab, **options)


# --------------------------------------------------------------------------------------------
# Training monitor (skip-gram notebooks)
# --------------------------------------------------------------------------------------------

_PROGRESS_FIELDS = ("epoch", "fraction_done", "words_processed", "loss", "elapsed")


class TrainingMonitor(widgets.VBox):
    """Live loss curve, progress bar and a Stop button for ``skipgram.train_*``.

    The trainers call ``callback(progress)`` about every 1% of the work and at the end, with a
    ``skipgram.TrainingProgress`` (epoch, fraction_done, words_processed, loss, elapsed);
    returning False stops training early (the model then has ``stopped_early = True``).

    Two ways to use it::

        monitor = TrainingMonitor()
        monitor.start(skipgram.train_sgns, sentences, vocab, ..., seed=SEED)  # returns at once
        monitor                                   # the live display; Stop works at any time
        ...
        model = monitor.result()                  # next cell: waits for the model

        model = skipgram.train_sgns(..., progress=False, callback=monitor.callback)  # blocking

    ``start`` passes ``progress=False`` to a trainer that takes it (the monitor replaces the
    text progress line). Why ``start``: while a cell runs, the kernel does not read the
    messages the browser sends, so a click on Stop during a blocking call waits until the cell
    has finished. ``start`` runs the trainer in a background thread and the cell returns at
    once, so the kernel is idle and handles the click; the callback, called in the training
    thread, then returns False.

    Attributes
    ----------
    history : list of progress records received
    stop_requested : bool (Stop pressed, or :meth:`stop` called)
    progress_bar, status, stop_button, image : the widgets
    """

    def __init__(self, title: str = "skip-gram training", *, redraw_every: float = 0.5):
        self.title = title
        self.redraw_every = float(redraw_every)
        self.progress_bar = widgets.FloatProgress(
            value=0.0, min=0.0, max=1.0, description="0%", bar_style="info"
        )
        self.status = widgets.HTML(_coloured("waiting for training to start", _INFO))
        self.stop_button = widgets.Button(
            description="Stop", button_style="danger", icon="stop", tooltip="stop training early"
        )
        self.stop_button.on_click(lambda _button: self.stop())
        self.image = widgets.Image(format="png")
        self.history: list = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._last_draw = -np.inf
        self._thread: threading.Thread | None = None
        self._result = None
        self._error: BaseException | None = None
        super().__init__(
            [
                widgets.HTML(f"<b>{html.escape(title)}</b>"),
                widgets.HBox([self.progress_bar, self.stop_button]),
                self.status,
                self.image,
            ]
        )

    # -- the trainer's side ------------------------------------------------------------------

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def callback(self, progress) -> bool:
        """Record ``progress``, update the display, and return False once Stop was pressed."""
        missing = [f for f in _PROGRESS_FIELDS if not hasattr(progress, f)]
        if missing:
            raise TypeError(
                "callback expects a skipgram.TrainingProgress with fields "
                f"{', '.join(_PROGRESS_FIELDS)}; got {type(progress).__name__} "
                f"without {', '.join(missing)}"
            )
        with self._lock:
            self.history.append(progress)
            fraction = float(min(max(progress.fraction_done, 0.0), 1.0))
            self.progress_bar.value = fraction
            self.progress_bar.description = f"{100 * fraction:.0f}%"
            stopping = self._stop.is_set()
            finished = fraction >= 1.0
            verb = "stopping" if stopping and not finished else ("done" if finished else "")
            self.status.value = _coloured(self._describe(progress, verb), _INFO)
            now = time.monotonic()
            if finished or stopping or now - self._last_draw >= self.redraw_every:
                self._last_draw = now
                _draw(self.image, self._figure())
        return not stopping

    @staticmethod
    def _describe(progress, verb: str) -> str:
        loss = float(progress.loss)
        text = (
            f"epoch {int(progress.epoch) + 1} · {100 * float(progress.fraction_done):.0f}% · "
            f"{int(progress.words_processed):,} words · loss {loss:.4f} · "
            f"{float(progress.elapsed):.1f} s"
        )
        return f"{text} · {verb}" if verb else text

    def _figure(self) -> Figure:
        words = [int(p.words_processed) for p in self.history]
        losses = [float(p.loss) for p in self.history]
        figure = Figure(figsize=(5.0, 3.0), layout="constrained")
        ax = figure.subplots()
        ax.plot(words, losses, marker="." if len(words) < 30 else None)
        ax.set_xlabel("words processed")
        ax.set_ylabel("loss")
        ax.set_title(self.title)
        return figure

    # -- the student's side ------------------------------------------------------------------

    def stop(self) -> None:
        """Ask the trainer to stop at its next callback (what the Stop button does)."""
        self._stop.set()
        self.stop_button.disabled = True
        self.stop_button.description = "Stopping"

    def reset(self) -> None:
        """Forget the previous run (``start`` calls this)."""
        if self.running:
            raise RuntimeError("training is still running; press Stop or wait for it to finish")
        with self._lock:
            self.history = []
            self._stop.clear()
            self._last_draw = -np.inf
            self._result, self._error = None, None
        self.stop_button.disabled = False
        self.stop_button.description = "Stop"
        self.progress_bar.value = 0.0
        self.progress_bar.description = "0%"
        self.progress_bar.bar_style = "info"
        self.image.value = b""
        self.status.value = _coloured("waiting for training to start", _INFO)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, train: Callable, /, *args, **kwargs) -> TrainingMonitor:
        """Run ``train(*args, callback=self.callback, **kwargs)`` in a background thread.

        Returns at once (with the monitor, so that it displays as the cell's value); get the
        model with :meth:`result`. An error in training is shown in the monitor and raised
        again by :meth:`result`.
        """
        if not callable(train):
            raise TypeError(f"train must be a function such as skipgram.train_sgns, got {train!r}")
        if "callback" in kwargs:
            raise TypeError("start passes callback=monitor.callback itself; do not pass one")
        try:
            parameters = inspect.signature(train).parameters
        except (TypeError, ValueError):
            parameters = {}
        if "progress" in parameters and "progress" not in kwargs:
            kwargs["progress"] = False  # the monitor replaces the trainer's text progress line
        self.reset()

        def work():
            try:
                self._result = train(*args, callback=self.callback, **kwargs)
            except BaseException as exc:  # shown in place, raised again by result()
                self._error = exc
                self.progress_bar.bar_style = "danger"
                message = f"training failed: {type(exc).__name__}: {_error_text(exc)}"
                self.status.value = _coloured(message, _BAD)
                return
            self._finish()

        self._thread = threading.Thread(target=work, name="wordvec-training", daemon=True)
        self._thread.start()
        return self

    def _finish(self) -> None:
        self.stop_button.disabled = True
        self.stop_button.description = "Stopped" if self._stop.is_set() else "Done"
        stopped = bool(getattr(self._result, "stopped_early", False)) or (
            self._stop.is_set() and self.progress_bar.value < 1.0
        )
        self.progress_bar.bar_style = "warning" if stopped else "success"
        if self.history:
            verb = "stopped early" if stopped else "done"
            self.status.value = _coloured(self._describe(self.history[-1], verb), _INFO)
            _draw(self.image, self._figure())

    def result(self, timeout: float | None = None):
        """Wait for :meth:`start`'s training to finish and return the model."""
        if self._thread is None:
            raise RuntimeError("nothing to wait for: call monitor.start(train, ...) first")
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise TimeoutError(f"training is still running after {timeout} s")
        if self._error is not None:
            raise self._error
        return self._result

    def __repr__(self) -> str:
        return f"TrainingMonitor: {self.title}"
