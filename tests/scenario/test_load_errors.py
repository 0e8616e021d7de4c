"""Every broken file in tests/data/broken is reported word for word, at file:line:col.

Each file starts with its expected problems as `# expect: LINE:COL: message` lines, in
the order `deterrence validate` prints them.
"""

from pathlib import Path

import pytest

from game.scenario import ScenarioError, load_scenario, validate
from tests.conftest import DATA

BROKEN = sorted((DATA / "broken").glob("*.yaml"))


def expected(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [f"{path}:{line.removeprefix('# expect: ')}" for line in lines if line.startswith("# expect: ")]


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_problems_are_reported_word_for_word(path: Path) -> None:
    assert [str(p) for p in validate(path)] == expected(path)


@pytest.mark.parametrize("path", [p for p in BROKEN if not p.stem.startswith("warnings")], ids=lambda p: p.stem)
def test_a_file_with_errors_cannot_be_loaded(path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.errors, "a broken file must have at least one error, not only warnings"


@pytest.mark.parametrize("name", ["warnings", "warnings_silent"])
def test_warnings_alone_do_not_stop_a_scenario_loading(name: str) -> None:
    scenario = load_scenario(DATA / "broken" / f"{name}.yaml")
    assert scenario.id == name
    assert all(p.severity == "warning" for p in scenario.warnings)


def test_a_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    problems = validate(tmp_path / "nowhere.yaml")
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'nowhere.yaml'}:1:1: cannot read the file: No such file or directory"
    ]
