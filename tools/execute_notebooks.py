"""Execute notebooks in place in a fresh kernel, as "Restart & Run All" would, and save them.

    python tools/execute_notebooks.py notebooks/01_cooccurrence.ipynb [...]

Used by `make notebooks` after a notebook is edited: the stored outputs are what strict nbval
compares in `make test`, so commit the notebooks this writes. Exits non-zero (and leaves the
notebook untouched) if a cell raises an error it is not tagged to raise.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

CELL_TIMEOUT = 120  # seconds, the same per-cell limit as nbval in pyproject.toml


def execute(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        allow_error_names=(),
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    # Keep the notebook metadata stable across machines.
    notebook.metadata.pop("widgets", None)
    notebook.metadata["language_info"] = {"name": "python"}
    nbformat.write(notebook, path)
    return elapsed


def main(paths: list[str]) -> int:
    failed = 0
    for name in paths:
        path = Path(name)
        try:
            elapsed = execute(path)
        except CellExecutionError as error:
            print(f"FAILED {path}:\n{error}", file=sys.stderr)
            failed += 1
            continue
        print(f"executed {path} in {elapsed:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
