"""The door's machinery: `run(name, inputs) -> dict` over a table of calculators that api.py fills.

It lives apart from api.py (which imports every calculator to fill the table) so that a calculator
can ask another one through the same door without an import circle: the post-results requests
calculator asks "deadline" for every date it shows, and gets exactly the answer anyone else would.
`run` never raises: a rejected input comes back as {"ok": False, "errors": {field: message}}, and
an unexpected fault as an error on the "calculator" field with a message a member of staff can act on.
"""
from __future__ import annotations

from typing import Callable

from .validate import InvalidInput

CALCULATORS: dict[str, Callable[[dict], dict]] = {}


def names() -> list[str]:
    return sorted(CALCULATORS)


def run(name: str, inputs: dict) -> dict:
    calculator = CALCULATORS.get(name) if isinstance(name, str) else None
    if calculator is None:
        return {"ok": False, "errors": {"calculator": f"There is no calculator called {name!r}. "
                                        f"Choose one of: {', '.join(names())}."}}
    try:
        return calculator(inputs)
    except InvalidInput as rejected:
        return {"ok": False, "errors": rejected.errors}
    except RecursionError:
        return {"ok": False, "errors": {"inputs": "These answers are nested too deeply to read."}}
    except Exception as fault:  # the door must answer, whatever a calculator does
        return {"ok": False, "errors": {"calculator": "The calculator could not work this out "
                                        f"({type(fault).__name__}). Check your answers, or use the "
                                        "rule and source shown on this page."}}
