"""The student's workspace: copy the student edition into my-notebooks/, never overwriting.

    python tools/make_workspace.py [build/student] [my-notebooks]     (what `make workspace` runs)

The first time, every notebook of the student edition (and the files beside them) is copied.
Afterwards a notebook that is missing from the workspace is added, and one that is there is
never touched: it holds the student's work. ``.course-versions.json`` in the workspace records
a fingerprint of each notebook as it was copied (its cells' types and sources, so re-running
the course's notebooks does not count as a change); when the course's version has changed
since, the notebook is named, with where the new version is, and the student's copy is left
alone.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

MANIFEST = ".course-versions.json"


def fingerprint(path: Path) -> str:
    """A hash of a notebook's cell types and sources (outputs and metadata do not count)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = [
        [cell.get("cell_type"), "".join(cell.get("source", ""))]
        for cell in notebook.get("cells", [])
    ]
    return hashlib.sha256(json.dumps(cells).encode()).hexdigest()[:16]


def update(source_dir: Path, workspace: Path) -> list[str]:
    """Bring ``workspace`` up to date with the student edition in ``source_dir``.

    Returns one line per notebook that was added or that changed in the course.
    """
    if not source_dir.is_dir():
        raise FileNotFoundError(f"no student edition in {source_dir} (run `make student`)")
    workspace.mkdir(parents=True, exist_ok=True)
    manifest_path = workspace / MANIFEST
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    report = []
    for path in sorted(source_dir.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        target = workspace / path.name
        if path.suffix != ".ipynb":
            if not target.exists():
                shutil.copy2(path, target)
            continue
        course = fingerprint(path)
        if not target.exists():
            shutil.copy2(path, target)
            manifest[path.name] = course
            report.append(f"added       {target}")
        elif path.name not in manifest:
            report.append(
                f"kept        {target}: not copied by `make workspace`, so left as it is; "
                f"the course's version is {path}"
            )
        elif manifest[path.name] != course:
            report.append(
                f"changed     {path.name}: the course's version changed since your copy was "
                f"made. Your copy {target} is untouched; the new version is {path} (to start "
                f"afresh, rename your copy and run `make workspace` again)"
            )
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return report


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else Path("build/student")
    workspace = Path(argv[1]) if len(argv) > 1 else Path("my-notebooks")
    try:
        report = update(source, workspace)
    except FileNotFoundError as error:
        print(f"make_workspace: {error}", file=sys.stderr)
        return 1
    print("\n".join(report) if report else f"{workspace}/ is up to date with the course")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
