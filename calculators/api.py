"""The one door into the calculators: `run(name, inputs) -> dict`, JSON in and out.

The page's worker, the command line and the tests all come through here, so they always
agree. `run` never raises (door.py has the machinery): a rejected input comes back as
{"ok": False, "errors": {field: message}}, and an unexpected fault as an error on the
"calculator" field with a message a member of staff can act on.
"""
from __future__ import annotations

import json

from . import (after_january, certification, cohort_certification, cohort_plan, deadline, key_dates, mark_sheet,
               moderation_sample, post_results_requests, sample_size)
from .door import CALCULATORS, names, run

# One module per calculator, named as the door names it ("moderation-sample" is moderation_sample.py).
DOORS = (deadline, key_dates, sample_size, moderation_sample, mark_sheet, certification, after_january, cohort_plan,
         cohort_certification, post_results_requests)
CALCULATORS.update({name: function for module in DOORS for name, function in module.CALCULATORS.items()})

__all__ = ["CALCULATORS", "DOORS", "names", "run", "run_json"]


def run_json(name: str, inputs_json: str) -> str:
    """`run` for callers that speak JSON text (the browser's worker): no objects cross over."""
    try:
        inputs = json.loads(inputs_json)
    except (ValueError, RecursionError):
        return json.dumps({"ok": False, "errors": {"inputs": "The answers could not be read."}})
    return json.dumps(run(name, inputs))
