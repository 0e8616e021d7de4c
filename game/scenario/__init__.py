"""Scenario files: the model, the loader and its problems, the JSON Schema."""

from game.scenario.load import Problem, ScenarioError, load_scenario, load_scenario_text, validate
from game.scenario.model import Scenario

__all__ = ["Problem", "Scenario", "ScenarioError", "load_scenario", "load_scenario_text", "validate"]
