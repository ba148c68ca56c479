"""Peak resident memory of one piece of work, measured in a fresh process (Linux only).

A benchmark script re-runs itself with a private flag; in that child, :func:`measure` resets
the kernel's peak counter (VmHWM) to the current resident size, runs the work, and prints the
peak as JSON; :func:`in_fresh_process` in the parent reads it back.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise OSError(f"{field} not in /proc/self/status")


def measure(work) -> None:
    """Child side: run ``work()`` and print {"before_mb", "peak_mb"} as the last line."""
    before = _status_kb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to the current RSS
    work()
    peak = _status_kb("VmHWM")
    print(json.dumps({"before_mb": before / 1024, "peak_mb": peak / 1024}))


def in_fresh_process(script: str, *args: str) -> dict | None:
    """Parent side: run ``python script *args`` and return what :func:`measure` printed."""
    try:
        result = subprocess.run(
            [sys.executable, script, *args], capture_output=True, text=True, check=True
        )
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (subprocess.CalledProcessError, OSError, ValueError, IndexError) as error:
        print(f"  (memory not measured: {error})")
        return None
