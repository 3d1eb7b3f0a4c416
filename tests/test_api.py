"""The door: run(name, inputs) answers every JSON input with ok or errors, and never raises."""
import json
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import names, run, run_json

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=25,
)


def assert_answer(result):
    assert isinstance(result, dict)
    if result["ok"]:
        json.dumps(result)
    else:
        assert result["errors"] and all(isinstance(message, str) and message for message in result["errors"].values())


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(names()), inputs=JSON)
def test_run_never_raises_on_any_json_input(name, inputs):
    assert_answer(run(name, inputs))


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(names()), fields=st.dictionaries(
    st.sampled_from(["rule", "date", "nation", "cohort", "series", "learners", "subject", "attempts", "academic_year",
                     "tracker", "requests", "today", "file", "columns", "shape", "header"]),
    JSON, max_size=6))
def test_run_never_raises_on_known_field_names_with_any_values(name, fields):
    assert_answer(run(name, fields))


def test_an_unknown_calculator_is_named_in_the_error():
    result = run("deadlines", {})
    assert result["ok"] is False and "deadline" in result["errors"]["calculator"]


def test_run_json_speaks_json_text_both_ways():
    answer = json.loads(run_json("deadline", '{"rule": "romm-service-1", "date": "2025-09-01"}'))
    assert answer["deadline"] == "2025-09-11"
    assert json.loads(run_json("deadline", "{not json"))["ok"] is False


def cli(*args):
    return subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True, text=True)


def test_cli_prints_the_answer_and_exits_0_when_ok():
    done = cli("deadline", "--json", '{"rule": "romm-service-2", "date": "2024-12-20"}')
    assert done.returncode == 0
    assert json.loads(done.stdout)["deadline"] == "2025-01-09"


def test_cli_exits_1_when_the_inputs_are_rejected():
    done = cli("deadline", "--json", '{"rule": "romm-service-2", "date": "31/2/2025"}')
    assert done.returncode == 1
    assert "date" in json.loads(done.stdout)["errors"]


def test_cli_exits_2_for_an_unknown_calculator():
    assert cli("nonsense", "--json", "{}").returncode == 2
