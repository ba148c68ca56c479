"""Worked answers packed out of sight: the student edition's stand-in for cells tagged
``worked-answer`` (see tools/make_student.py and :class:`wordvec_helpers.widgets.WorkedAnswer`).

Only the standard library: the student-edition build imports it.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Mapping, Sequence


def encode_worked_answer(cells: Sequence[Mapping]) -> str:
    """Pack notebook cells (their type, source and text outputs) into one opaque string.

    The student edition (tools/make_student.py) puts the cells tagged ``worked-answer`` here,
    so that the answer is out of sight until the student asks for it with
    :func:`worked_answer`. Deterministic: the same cells give the same string.
    """
    packed = []
    for cell in cells:
        outputs = []
        for output in cell.get("outputs", []):
            text = output.get("text") or output.get("data", {}).get("text/plain", "")
            if "image/png" in output.get("data", {}):
                text = "(a plot: run the code to see it)"
            outputs.append("".join(text))
        packed.append([cell["cell_type"], "".join(cell.get("source", "")), outputs])
    raw = json.dumps(packed, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, 9)).decode("ascii")


def decode_worked_answer(payload: str) -> list[tuple[str, str, list[str]]]:
    """The (cell type, source, text outputs) of each cell packed by encode_worked_answer."""
    try:
        cells = json.loads(zlib.decompress(base64.b64decode(payload.encode("ascii"))))
    except (ValueError, zlib.error, UnicodeError) as exc:
        raise ValueError(
            "payload is not a worked answer packed by encode_worked_answer "
            "(rebuild the student edition with `make student`)"
        ) from exc
    return [(kind, source, list(outputs)) for kind, source, outputs in cells]
