"""Interactive widgets for precept and self-study (ipywidgets).

Every widget can be driven from Python (set a value, call ``.check()``) so that the tests can
check what it shows without a browser. Bad input is shown in the widget, never as a traceback.
"""

from __future__ import annotations

import html
import numbers
from collections.abc import Mapping, Sequence

import ipywidgets as widgets


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


def quick_poll(question: str, answer, **options) -> QuickPoll:
    """Create a :class:`QuickPoll` (see there for the options)."""
    return QuickPoll(question, answer, **options)
