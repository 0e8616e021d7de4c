"""For authors: `deterrence new` starts a scenario that plays; `deterrence scenarios` lists them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import load_scenario
from game.scenario.schema import main_text
from tests.conftest import scenario_files


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_writes_a_scenario_that_validates_strictly_and_plays(folder: Path, capsys):
    assert main(["new", "my-crisis.yaml"]) == 0
    written = folder / "my-crisis.yaml"
    assert written.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=scenario.schema.json\n")
    assert "Wrote my-crisis.yaml" in capsys.readouterr().out
    assert main(["validate", "--strict", "my-crisis.yaml"]) == 0
    assert capsys.readouterr().out == "my-crisis.yaml: ok\n"
    scenario = load_scenario(written)
    assert (scenario.id, str(scenario.title)) == ("my-crisis", "My crisis")
    assert main(["simulate", "my-crisis.yaml", "--games", "20"]) == 0


def test_new_puts_the_schema_its_first_line_names_next_to_it(folder: Path):
    assert main(["new", "first.yaml"]) == 0
    assert (folder / "scenario.schema.json").read_text(encoding="utf-8") == main_text()


def test_new_keeps_a_schema_already_there(folder: Path):
    (folder / "scenario.schema.json").write_text("{}", encoding="utf-8")
    assert main(["new", "second.yaml"]) == 0
    assert (folder / "scenario.schema.json").read_text(encoding="utf-8") == "{}"


def test_new_never_overwrites_a_file(folder: Path, capsys):
    (folder / "mine.yaml").write_text("my work of three evenings\n", encoding="utf-8")
    assert main(["new", "mine.yaml"]) == 1
    assert (folder / "mine.yaml").read_text(encoding="utf-8") == "my work of three evenings\n"
    err = capsys.readouterr().err
    assert "mine.yaml already exists" in err and "nothing was written" in err


def test_new_adds_yaml_to_a_bare_name_and_makes_an_id_of_it(folder: Path):
    assert main(["new", "Lighthouse Islands 2024"]) == 0
    scenario = load_scenario(folder / "Lighthouse Islands 2024.yaml")
    assert (scenario.id, str(scenario.title)) == ("lighthouse-islands-2024", "Lighthouse Islands 2024")


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("notes.txt", "ends in .yaml"),
        ("missing-folder/crisis.yaml", "does not exist"),
        (".", "is a folder"),
    ],
)
def test_new_explains_a_name_it_cannot_use(folder: Path, capsys, name: str, says: str):
    assert main(["new", name]) == 1
    captured = capsys.readouterr()
    assert says in captured.err and "Traceback" not in captured.err
    assert not list(folder.glob("**/*.yaml"))


def test_scenarios_lists_the_bundled_ones_and_the_teachers_own(tmp_path: Path, capsys):
    own = tmp_path / "scenarios"
    own.mkdir()
    assert main(["new", str(own / "border-dispute.yaml")]) == 0
    (own / "broken.yaml").write_text("format: 1\nid: [\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["scenarios", "--data-dir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    for path in scenario_files():
        scenario = load_scenario(path)
        row = next(i for i, line in enumerate(lines) if line.split()[:1] == [scenario.id])
        assert str(scenario.title) in lines[row] and lines[row + 1].strip() == str(path.resolve())
    mine = lines.index(next(line for line in lines if line.startswith("Your own")))
    assert str(own) in lines[mine]
    assert any(line.split()[:2] == ["border-dispute", "Border"] for line in lines[mine:])
    assert any("cannot be played" in line and "broken.yaml" in line for line in lines[mine:])


def test_scenarios_says_where_the_teachers_own_go_when_there_are_none(tmp_path: Path, capsys):
    assert main(["scenarios", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"(none yet: a .yaml file put here is listed in the window; deterrence new {tmp_path / 'scenarios'}" in out


def test_the_new_scenario_also_satisfies_the_schema_an_editor_checks_it_against(folder: Path):
    import jsonschema
    import yaml

    assert main(["new", "editor.yaml"]) == 0
    data = yaml.safe_load((folder / "editor.yaml").read_text(encoding="utf-8"))
    schema = json.loads((folder / "scenario.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft7Validator(schema).iter_errors(data)) == []
