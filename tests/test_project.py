"""The project's own set-up: dependency lists agree, CI runs what the README says."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _conda_packages() -> dict[str, str]:
    packages, in_dependencies = {}, False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if line.startswith("dependencies:"):
            in_dependencies = True
            continue
        if in_dependencies and line.startswith("  - ") and not line.strip().endswith(":"):
            spec = line[4:].split("#")[0].strip()
            packages[_name(spec)] = spec[len(_name(spec)) :].strip()
        elif in_dependencies and line and not line.startswith(" "):
            break
    return packages


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = _pyproject()["project"]
    pip_specs = project["dependencies"] + project["optional-dependencies"]["dev"]
    pip = {_name(spec): spec[len(_name(spec)) :].strip() for spec in pip_specs}
    conda = _conda_packages()
    conda.pop("python")
    conda.pop("pip")
    assert conda == pip, "environment.yml and pyproject.toml disagree (names or versions)"


def test_ci_runs_only_make_test_and_the_readme_names_it():
    commands = [
        line
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert "make test" in commands
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make lab" in readme


def test_nbval_runs_strict_with_a_cell_timeout():
    options = _pyproject()["tool"]["pytest"]["ini_options"]["addopts"]
    assert "--nbval " in options + " " and "--nbval-lax" not in options
    assert re.search(r"--nbval-cell-timeout=\d+", options)
    assert "notebooks" in _pyproject()["tool"]["pytest"]["ini_options"]["testpaths"]
