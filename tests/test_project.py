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


def _specs(specs) -> dict[str, str]:
    return {_name(spec): spec[len(_name(spec)) :].strip() for spec in specs}


def test_environment_yml_is_the_students_environment_of_pyproject():
    """environment.yml = the notebooks' packages + the `lab` extra + the package itself, so
    that `conda env create` alone (or Binder) gives a working course."""
    project = _pyproject()["project"]
    pip = _specs(project["dependencies"] + project["optional-dependencies"]["lab"])
    conda = _conda_packages()
    conda.pop("python")
    conda.pop("pip")
    assert conda == pip, "environment.yml and pyproject.toml disagree (names or versions)"
    pip_section = (ROOT / "environment.yml").read_text().split("  - pip:")[1]
    assert "- -e ." in pip_section, "environment.yml must install the package (pip: -e .)"


def test_the_students_install_leaves_out_the_test_tools():
    extras = _pyproject()["project"]["optional-dependencies"]
    lab = set(_specs(extras["lab"]))
    assert not lab & {"pytest", "nbval", "hypothesis", "ruff", "playwright"}
    assert "wordvec-helpers[lab]" in extras["dev"], "dev must include everything lab has"


def test_constraints_pin_every_package_the_project_names():
    """constraints.txt pins an exact version of each package pyproject.toml names, and that
    version satisfies pyproject's lower bound."""
    from packaging.requirements import Requirement

    pinned = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not an exact pin"
            pinned[_name(name)] = version.strip()
    project = _pyproject()["project"]
    specs = project["dependencies"] + [
        spec for extra in project["optional-dependencies"].values() for spec in extra
    ]
    for spec in specs:
        requirement = Requirement(spec)
        if requirement.name == "wordvec-helpers":
            continue
        name = _name(requirement.name)
        assert name in pinned, f"constraints.txt does not pin {name} (run `make lock`)"
        assert requirement.specifier.contains(pinned[name]), f"{name}=={pinned[name]} vs {spec}"
    makefile = (ROOT / "Makefile").read_text()
    assert "-c constraints.txt" in makefile


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
