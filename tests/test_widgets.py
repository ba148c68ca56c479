"""The widgets, driven from Python: set a control's value, then check what the widget shows.

No browser is needed; tests/test_browser.py checks that the same widgets render in JupyterLab.
"""

from __future__ import annotations

import html
import threading
import time
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
import pytest

from wordvec_helpers import corpus, datasets, pmi, polls, similarity, svd
from wordvec_helpers.cooccurrence import cooccurrence_matrix
from wordvec_helpers.widgets import (
    CooccurrenceExplorer,
    EmbeddingExplorer,
    QuickPoll,
    TrainingMonitor,
    quick_poll,
    shifted_pmi,
)

PNG = b"\x89PNG"

# --------------------------------------------------------------------------------------------
# Quick polls (the precept's four)
# --------------------------------------------------------------------------------------------


def test_quick_poll_choices_give_feedback_for_each_choice():
    poll = QuickPoll(
        "What is the size of W?",
        "|V| x |V|",
        choices={"|V| x |V|": "", "|V| x d": "d is the embedding size; W counts word pairs"},
    )
    assert not poll.check()
    assert "Choose an answer" in poll.feedback.value
    poll.selector.value = "|V| x d"
    poll.button.click()
    assert "d is the embedding size" in poll.feedback.value
    poll.selector.value = "|V| x |V|"
    assert poll.check()
    assert "Correct" in poll.feedback.value


@pytest.mark.parametrize("poll_id", sorted(polls.POLLS))
def test_every_bank_poll_hides_its_answer_until_it_is_chosen(poll_id):
    entry = polls.POLLS[poll_id]
    poll = quick_poll(poll_id)
    shown = poll.children[0].value
    assert entry.question.replace("'", "&#x27;") in shown
    assert entry.explanation and entry.explanation not in shown + poll.feedback.value
    if entry.choices:
        assert entry.answer in entry.choices
        wrong = [choice for choice in entry.choices if choice != entry.answer]
        assert wrong, "a multiple-choice poll needs a wrong choice"
        for choice in wrong:
            poll.selector.value = choice
            assert not poll.check()
            assert entry.choices[choice], f"choice {choice!r} has no feedback saying why"
            assert entry.explanation not in poll.feedback.value
        poll.selector.value = entry.answer
    else:
        poll.selector.value = str(entry.answer)
    assert poll.check()
    assert "Correct" in poll.feedback.value
    assert html.escape(entry.explanation) in poll.feedback.value


def test_bank_answers_that_the_package_computes():
    # The precept's sentence with m = 3: every word sees min(3, neighbours) words per side.
    assert polls.POLLS["increments-window-3"].answer == 3 + 4 + 4 + 4 + 3


def test_unknown_poll_id_suggests_close_ids():
    with pytest.raises(KeyError, match="did you mean 'size-of-W'"):
        quick_poll("size-of-w")
    with pytest.raises(TypeError, match="poll_id must be a string"):
        quick_poll(3)


@pytest.mark.parametrize(
    ("typed", "verdict"),
    [("2*100*10000", "Correct"), ("2e6", "Correct"), ("1000000", "too small"), ("two", "not a")],
)
def test_quick_poll_numeric(typed, verdict):
    poll = QuickPoll("How many parameters for d = 100, |V| = 10,000?", 2 * 100 * 10_000)
    poll.selector.value = typed
    poll.button.click()
    assert verdict in poll.feedback.value


# --------------------------------------------------------------------------------------------
# Co-occurrence / PMI explorer
# --------------------------------------------------------------------------------------------


def _reference(text: str, window: int, alpha: float = 1.0, shift: float = 1.0):
    sentences = [corpus.tokenize(line) for line in text.splitlines() if corpus.tokenize(line)]
    vocab = corpus.Vocabulary.build(sentences)
    counts = cooccurrence_matrix(vocab.encode_corpus(sentences), len(vocab), window)
    return vocab, counts, pmi.ppmi(counts, alpha=alpha, shift=shift)


def test_cooccurrence_explorer_shows_the_precept_sentence():
    explorer = CooccurrenceExplorer("I like cats and dogs", window=2)
    vocab, counts, ppmi = _reference("I like cats and dogs", 2)
    # counted as the package's tokenizer counts (lower case), labelled as the precept's table
    assert vocab.words == ["i", "like", "cats", "and", "dogs"]
    assert explorer.words == ["I", "like", "cats", "and", "dogs"]
    np.testing.assert_array_equal(explorer.counts, counts)
    np.testing.assert_allclose(explorer.pmi, pmi.pmi(counts))  # alpha 1, shift 1: plain PMI
    np.testing.assert_allclose(explorer.ppmi, ppmi)
    assert bytes(explorer.image.value).startswith(PNG)
    assert "14 (target, context) pairs" in explorer.message.value


def test_cooccurrence_explorer_updates_when_a_knob_moves():
    explorer = CooccurrenceExplorer("I like cats and dogs", window=2)
    image_before = bytes(explorer.image.value)
    explorer.window.value = 1  # what a student dragging the slider does
    np.testing.assert_array_equal(explorer.counts, _reference("I like cats and dogs", 1)[1])
    assert explorer.counts.sum() == 8
    assert bytes(explorer.image.value) != image_before

    explorer.alpha.value = 0.75
    explorer.shift.value = 2.0
    _, counts, ppmi = _reference("I like cats and dogs", 1, alpha=0.75, shift=2.0)
    np.testing.assert_allclose(explorer.ppmi, ppmi)
    np.testing.assert_allclose(explorer.ppmi, np.maximum(explorer.pmi, 0))
    assert np.isneginf(explorer.pmi[counts == 0]).all()

    explorer.text.value = "the cat sat\nthe dog sat"
    assert explorer.words == ["the", "sat", "cat", "dog"]
    assert explorer.counts[explorer.words.index("cat"), explorer.words.index("dog")] == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Type a sentence"), ("   \n ", "Type a sentence"), ("hello\nworld", "No co-occ")],
)
def test_cooccurrence_explorer_shows_bad_input_in_place(text, message):
    explorer = CooccurrenceExplorer("I like cats and dogs")
    explorer.text.value = text
    assert message in explorer.message.value
    assert explorer.counts is None and bytes(explorer.image.value) == b""
    assert explorer.image.layout.display == "none"  # no broken-image icon beside the message
    explorer.text.value = "I like dogs"
    assert explorer.counts is not None and bytes(explorer.image.value).startswith(PNG)
    assert explorer.image.layout.display != "none"


def test_cooccurrence_explorer_counts_any_case_and_labels_as_typed():
    explorer = CooccurrenceExplorer("The cat sat\nthe dog sat\nI sat", window=1)
    # "The" and "the" are one word (the tokenizer lower-cases); spelled two ways -> "the"
    assert explorer.words[:2] == ["sat", "the"] and "I" in explorer.words
    row = explorer.words.index("the")
    assert explorer.counts[row].sum() == 2
    np.testing.assert_array_equal(
        explorer.counts, _reference("The cat sat\nthe dog sat\nI sat", 1)[1]
    )


def test_cooccurrence_explorer_limits_the_words_shown():
    text = " ".join(f"w{chr(97 + i)}" for i in range(15))
    explorer = CooccurrenceExplorer(text, max_words=6)
    assert len(explorer.words) == 6 and explorer.counts.shape == (6, 6)
    assert "showing the 6 most frequent" in explorer.message.value


def test_shifted_pmi_is_the_precept_pmi_by_default():
    _, counts = datasets.precept_count_table()
    np.testing.assert_allclose(shifted_pmi(counts), pmi.pmi(counts))
    np.testing.assert_allclose(shifted_pmi(counts, shift=5) + np.log(5), pmi.pmi(counts))
    with pytest.raises(ValueError, match="alpha"):
        shifted_pmi(counts, alpha=0)


# --------------------------------------------------------------------------------------------
# Embedding explorer
# --------------------------------------------------------------------------------------------

ROYAL = [
    "the king rules the land",
    "the queen rules the land",
    "a man walks in the town",
    "a woman walks in the town",
    "the man is a king",
    "the woman is a queen",
]


@pytest.fixture(scope="module")
def royal():
    sentences = [corpus.tokenize(line) for line in ROYAL]
    vocab = corpus.Vocabulary.build(sentences)
    counts = cooccurrence_matrix(vocab.encode_corpus(sentences), len(vocab), 2)
    return vocab, pmi.ppmi(counts)


def test_embedding_explorer_neighbours_match_nearest_neighbors(royal):
    vocab, ppmi = royal
    explorer = EmbeddingExplorer(ppmi, vocab, word="king", k=3)
    assert explorer.neighbour_list == similarity.nearest_neighbors(ppmi, vocab, "king", 3)
    assert "queen" in explorer.neighbours.value
    explorer.word.value = "man"
    explorer.k.value = 5
    assert explorer.neighbour_list == similarity.nearest_neighbors(ppmi, vocab, "man", 5)


def test_embedding_explorer_unknown_word_suggests_close_words(royal):
    vocab, ppmi = royal
    explorer = EmbeddingExplorer(ppmi, vocab, word="king")
    explorer.word.value = "kign"
    assert explorer.neighbour_list == []
    assert "not in the vocabulary" in explorer.neighbours.value
    assert "did you mean &#x27;king&#x27;" in explorer.neighbours.value
    explorer.analogy_a.value, explorer.analogy_b.value = "man", "kingg"
    explorer.analogy_c.value = "woman"
    assert explorer.analogy_answers == []
    assert "did you mean &#x27;king&#x27;" in explorer.analogy_result.value
    explorer.plot_words.value = "king queen man qeen"
    assert explorer.plotted_words == ["king", "queen", "man"]
    assert "qeen" in explorer.plot_message.value
    assert explorer.image.layout.display is None
    explorer.plot_words.value = "qeen kign"  # nothing to plot: no image, not a broken icon
    assert explorer.plotted_words == [] and explorer.image.layout.display == "none"


def _three_cos_add_loop(vectors, vocab, a, b, c):
    """The definition, word by word: argmax over d not in {a, b, c} of cos(d, b - a + c)."""
    unit = similarity.normalize_rows(vectors)
    target = unit[vocab[b]] - unit[vocab[a]] + unit[vocab[c]]
    scores = {
        w: similarity.cosine_similarity(unit[i], target)
        for i, w in enumerate(vocab.words)
        if w not in (a, b, c)
    }
    return max(scores, key=scores.get)


def test_embedding_explorer_analogy(royal):
    vocab, ppmi = royal
    explorer = EmbeddingExplorer.from_svd(ppmi, vocab, 4, analogy=("man", "king", "woman"))
    best, _ = explorer.analogy_answers[0]
    assert best == "queen" == _three_cos_add_loop(explorer.vectors, vocab, "man", "king", "woman")
    assert {"man", "king", "woman"}.isdisjoint(w for w, _ in explorer.analogy_answers)
    assert "queen" in explorer.analogy_result.value


def test_embedding_explorer_analogies_match_the_definition_on_random_vectors():
    rng = np.random.default_rng(0)
    vocab = corpus.Vocabulary([f"w{i}" for i in range(30)], np.ones(30, dtype=int))
    vectors = rng.standard_normal((30, 5))
    explorer = EmbeddingExplorer(vectors, vocab)
    for a, b, c in [("w0", "w1", "w2"), ("w5", "w3", "w9"), ("w7", "w7", "w8")]:
        explorer.analogy_a.value, explorer.analogy_b.value = a, b
        explorer.analogy_c.value = c
        assert explorer.analogy_answers[0][0] == _three_cos_add_loop(vectors, vocab, a, b, c)


def test_embedding_explorer_weighting_and_w_plus_c(royal):
    vocab, ppmi = royal
    explorer = EmbeddingExplorer.from_svd(ppmi, vocab, 4, word="king", eig_power=0.5)
    np.testing.assert_allclose(explorer.vectors, svd.svd_embeddings(ppmi, 4, eig_power=0.5)[0])
    for p in (1.0, 0.5, 0.0):
        explorer.weighting.value = p
        target, _ = svd.svd_embeddings(ppmi, 4, eig_power=p)
        np.testing.assert_allclose(explorer.vectors, target, atol=1e-12)
    explorer.combination.value = "w+c"
    target, context = svd.svd_embeddings(ppmi, 4, eig_power=0.0)
    np.testing.assert_allclose(explorer.vectors, target + context, atol=1e-12)
    unit = similarity.normalize_rows(target + context)
    expected = similarity.nearest_neighbors(unit, vocab, "king", 10)
    assert [w for w, _ in explorer.neighbour_list] == [w for w, _ in expected]


def test_embedding_explorer_plot_follows_the_word(royal):
    vocab, ppmi = royal
    explorer = EmbeddingExplorer(ppmi, vocab, word="king", k=4)
    assert explorer.plotted_words == ["king"] + [w for w, _ in explorer.neighbour_list]
    image = bytes(explorer.image.value)
    assert image.startswith(PNG)
    explorer.word.value = "town"
    assert explorer.plotted_words[0] == "town" and bytes(explorer.image.value) != image
    explorer.plot_words.value = "king, queen"
    assert explorer.plotted_words == [] and "at least 3" in explorer.plot_message.value


def test_embedding_explorer_checks_its_arguments(royal):
    vocab, ppmi = royal
    with pytest.raises(ValueError, match="one row per word"):
        EmbeddingExplorer(ppmi[:-1], vocab)
    with pytest.raises(ValueError, match="context_vectors"):
        EmbeddingExplorer(ppmi, vocab, context_vectors=ppmi[:, :3])
    with pytest.raises(TypeError, match="Vocabulary"):
        EmbeddingExplorer(ppmi, vocab.words)
    with pytest.raises(ValueError, match="eig_power must be 1, 0.5 or 0"):
        EmbeddingExplorer.from_svd(ppmi, vocab, 4, eig_power=2)


# --------------------------------------------------------------------------------------------
# Training monitor, with a fake trainer that keeps the skip-gram trainers' callback contract
# --------------------------------------------------------------------------------------------

try:  # the real record once wordvec_helpers.skipgram exists
    from wordvec_helpers.skipgram import TrainingProgress
except ImportError:

    @dataclass(frozen=True)
    class TrainingProgress:
        epoch: int
        fraction_done: float
        words_processed: int
        loss: float
        elapsed: float


def fake_train(
    steps: int = 100,
    *,
    delay: float = 0.0,
    fail_at: int | None = None,
    progress: bool = True,
    callback=None,
):
    """Calls ``callback`` every 1% of the work and at the end; stops when it returns False."""
    model = SimpleNamespace(stopped_early=False, steps=0, progress=progress)
    start = time.monotonic()
    for step in range(1, steps + 1):
        time.sleep(delay)
        if step == fail_at:
            raise FloatingPointError(f"loss became NaN at step {step}")
        model.steps = step
        progress = TrainingProgress(
            epoch=2 * step // (steps + 1),  # 0-based, as skipgram's
            fraction_done=step / steps,
            words_processed=10 * step,
            loss=3.0 / (1 + step / 10),
            elapsed=time.monotonic() - start,
        )
        if callback is not None and callback(progress) is False:
            model.stopped_early = True
            break
    return model


def test_monitor_callback_records_and_shows_progress():
    monitor = TrainingMonitor()
    model = fake_train(50, callback=monitor.callback)
    assert not model.stopped_early and model.steps == 50
    assert len(monitor.history) == 50
    assert monitor.progress_bar.value == 1.0 and monitor.progress_bar.description == "100%"
    assert "500 words" in monitor.status.value and "done" in monitor.status.value
    assert "epoch 2 ·" in monitor.status.value  # shown 1-based
    assert repr(monitor) == "TrainingMonitor: skip-gram training"
    assert bytes(monitor.image.value).startswith(PNG)


def test_monitor_stop_in_a_blocking_call_stops_at_the_next_callback():
    monitor = TrainingMonitor()

    def callback(progress):
        if progress.fraction_done >= 0.3:
            monitor.stop_button.click()  # as if pressed while training
        return monitor.callback(progress)

    model = fake_train(100, callback=callback)
    assert model.stopped_early and model.steps == 30
    assert monitor.stop_requested and monitor.stop_button.disabled


def test_monitor_start_runs_in_the_background_and_stops_on_click():
    monitor = TrainingMonitor()
    assert monitor.start(fake_train, 10_000, delay=0.001) is monitor
    deadline = time.monotonic() + 10
    while len(monitor.history) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert monitor.running
    # The click arrives on another thread than the one training, as in the kernel.
    clicker = threading.Thread(target=monitor.stop_button.click)
    clicker.start()
    clicker.join()
    model = monitor.result(timeout=10)
    assert model.stopped_early and 5 <= model.steps < 10_000
    assert not monitor.running
    assert "stopped early" in monitor.status.value
    assert monitor.progress_bar.bar_style == "warning"

    monitor.start(fake_train, 20)  # a second run starts afresh
    model = monitor.result(timeout=10)
    assert model.steps == 20 and model.progress is False  # no text progress line
    assert len(monitor.history) == 20 and monitor.progress_bar.bar_style == "success"


def test_monitor_shows_a_training_error_and_result_raises_it():
    monitor = TrainingMonitor()
    monitor.start(fake_train, 100, fail_at=7)
    with pytest.raises(FloatingPointError, match="NaN at step 7"):
        monitor.result(timeout=10)
    assert "training failed: FloatingPointError" in monitor.status.value


def test_monitor_rejects_misuse():
    monitor = TrainingMonitor()
    with pytest.raises(RuntimeError, match="start"):
        monitor.result()
    with pytest.raises(TypeError, match="callback"):
        monitor.start(fake_train, 10, callback=print)
    with pytest.raises(TypeError, match="TrainingProgress"):
        monitor.callback(SimpleNamespace(epoch=1, loss=2.0))


KERNEL_CODE = """
import time
from types import SimpleNamespace
from wordvec_helpers.widgets import TrainingMonitor

def slow_train(steps, *, callback):
    model = SimpleNamespace(stopped_early=False, steps=0)
    for step in range(1, steps + 1):
        time.sleep(0.002)
        model.steps = step
        progress = SimpleNamespace(epoch=1, fraction_done=step / steps, words_processed=step,
                                   loss=1.0 / step, elapsed=0.0)
        if callback(progress) is False:
            model.stopped_early = True
            break
    return model

monitor = TrainingMonitor()
monitor.start(slow_train, 20_000)
while len(monitor.history) < 3:
    time.sleep(0.01)
print(monitor.stop_button.model_id)
"""


def test_a_real_kernel_handles_the_stop_click_while_training_runs():
    """The click comes as a comm message, as JupyterLab sends it; the kernel is idle because
    ``start`` returned, so it handles the click while the trainer runs in its thread."""
    from jupyter_client.manager import start_new_kernel

    kernel, client = start_new_kernel(kernel_name="python3")
    printed = []

    def keep_output(message):
        if message["msg_type"] == "stream":
            printed.append(message["content"]["text"])
        elif message["msg_type"] == "error":
            printed.append("\n".join(message["content"]["traceback"]))

    try:
        reply = client.execute_interactive(KERNEL_CODE, timeout=60, output_hook=keep_output)
        assert reply["content"]["status"] == "ok", printed
        button_id = printed[-1].strip()
        click = {"comm_id": button_id, "data": {"method": "custom", "content": {"event": "click"}}}
        client.shell_channel.send(client.session.msg("comm_msg", click))
        printed.clear()
        reply = client.execute_interactive(
            "model = monitor.result(timeout=30); print(model.stopped_early, model.steps)",
            timeout=60,
            output_hook=keep_output,
        )
        assert reply["content"]["status"] == "ok", printed
        stopped, steps = printed[-1].split()
        assert stopped == "True" and int(steps) < 20_000
    finally:
        client.stop_channels()
        kernel.shutdown_kernel(now=True)


def test_reprs_are_the_same_on_every_run(royal):
    """nbval compares a widget's text form, so it must not depend on the run."""
    vocab, ppmi = royal
    assert repr(CooccurrenceExplorer("I like cats")) == (
        "CooccurrenceExplorer: W, PMI and PPMI of 'I like cats' (window 2, alpha 1, shift 1)"
    )
    assert (
        repr(EmbeddingExplorer(ppmi, vocab))
        == f"EmbeddingExplorer: {len(vocab)} words, d = {len(vocab)}"
    )


def test_monitor_with_the_real_trainer():
    skipgram = pytest.importorskip("wordvec_helpers.skipgram")
    sentences = [corpus.tokenize(line) for line in ROYAL * 5]
    vocab = corpus.Vocabulary.build(sentences)
    monitor = TrainingMonitor(redraw_every=0.0)
    monitor.start(skipgram.train_sgns, vocab.encode_corpus(sentences), vocab, dim=8, epochs=2)
    model = monitor.result(timeout=120)
    assert not model.stopped_early and monitor.history[-1].fraction_done == 1.0
    assert len(monitor.history) == len(model.history)
    assert "epoch 2" in monitor.status.value and "done" in monitor.status.value


def test_worked_answer_round_trip_and_bad_payload():
    from wordvec_helpers.widgets import WorkedAnswer
    from wordvec_helpers.worked_answers import encode_worked_answer

    cells = [
        {"cell_type": "markdown", "source": "**(a)** $\\sigma(x) - 1$"},
        {
            "cell_type": "code",
            "source": "plot()",
            "outputs": [{"output_type": "display_data", "data": {"image/png": "..."}}],
        },
    ]
    payload = encode_worked_answer(cells)
    assert payload == encode_worked_answer(cells) and "sigma" not in payload
    answer = WorkedAnswer(payload)
    assert repr(answer) == "WorkedAnswer: press the button to show it"
    assert not answer.output.outputs
    answer.button.click()
    assert answer.button.disabled  # (Output captures only inside a kernel)
    assert "**(a)** $\\sigma(x) - 1$" in answer.markdown()
    assert "(a plot: run the code to see it)" in answer.markdown()
    with pytest.raises(ValueError, match="make student"):
        WorkedAnswer("not a payload")
