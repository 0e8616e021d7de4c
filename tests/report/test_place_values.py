"""Format 2 place values in the debrief (issue 14 §5): each is charted like a track, named after its place
(a hidden one revealed at the end), except a value nothing can change, such as a region."""

from __future__ import annotations

from game.report import build_debrief
from game.report.logtext import log_text
from game.scenario import load_scenario
from tests.conftest import DATA
from tests.report.games import bot_game


def test_the_debrief_charts_the_values_that_move_and_leaves_out_the_fixed_ones():
    scenario = load_scenario(DATA / "influence.yaml")
    game = bot_game(scenario, 2)
    debrief = build_debrief(scenario, game.states, game.logs)
    charted = {track.ref: track for track in debrief.tracks}
    places = scenario.map.places  # type: ignore[union-attr]
    assert set(charted) == {"defcon"} | {f"{p}.{v}" for p in places for v in ("stability", "lean")}
    assert charted["berlin.lean"].revealed and not charted["berlin.stability"].revealed
    assert charted["berlin.stability"].values[-1] == game.states[-1].tracks["berlin.stability"]
    korean = [log_text(e, scenario, "ko") for log in game.logs for e in log if e.track == "berlin.stability"]
    assert korean and all(line.startswith("베를린 안정도 ") for line in korean)
