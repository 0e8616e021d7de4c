"""The scenario menu reads each scenario file once, and again when the teacher changes it."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.scenario.model import Scenario
from game.ui.scenes import menu
from tests.conftest import DATA
from tests.ui.pilot import Pilot, launched


def open_the_menu(p: Pilot) -> None:
    while p.name != "title":
        p.press(pygame.K_ESCAPE)
    p.press(pygame.K_s)
    assert p.name == "choose"


def test_the_menu_reads_a_scenario_again_only_when_its_file_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    own = tmp_path / "scenarios"
    own.mkdir()
    mine = own / "mine.yaml"
    mini = (DATA / "mini.yaml").read_text(encoding="utf-8")
    mine.write_text(mini, encoding="utf-8")
    read: list[str] = []
    load = menu.load_scenario

    def counted(path: Path) -> Scenario:
        read.append(Path(path).name)
        return load(path)

    monkeypatch.setattr(menu, "load_scenario", counted)
    with launched(tmp_path, size=(1280, 720)) as p:
        open_the_menu(p)
        assert "Mini crisis" in p.labels()
        assert "mine.yaml" in read
        before = len(read)

        p.resize((1600, 900))
        p.press(pygame.K_EQUALS, mod=pygame.KMOD_LCTRL)
        open_the_menu(p)
        assert "Mini crisis" in p.labels()
        assert len(read) == before, f"read again though no file changed: {read[before:]}"

        mine.write_text(mini.replace('"Mini crisis"', '"Mini crisis, revised"'), encoding="utf-8")
        open_the_menu(p)
        assert "Mini crisis, revised" in p.labels()
        assert read[before:] == ["mine.yaml"]

        mine.write_text(mini.replace("cost:", "costt:", 1), encoding="utf-8")  # the teacher makes a typo
        open_the_menu(p)
        p.click_button("mine.yaml (has problems)")
        assert p.name == "problems"
        assert "unknown key 'costt'" in p.screen_text()
