"""Command line: `python -m calculators NAME --json '{...}'` prints the answer as JSON.

With `--file PATH` the file (CSV or .xlsx) goes in as the calculator's sheet. For a calculator
whose answer is a table (cohort-certification, post-results-requests) the summary is printed and
the table written as CSV: to `--out PATH`, or to standard output, when the summary goes to
standard error so that the CSV can be piped on. `--calendar PATH` saves the answer's .ics. A file
run has today's date from this computer unless `--json` gives "today".

Exit status: 0 when the answer is ok, 1 when the inputs were rejected (or the sheet's columns
could not be told apart), 2 when there is no calculator of that name (or the JSON or the file
cannot be read).
"""
from __future__ import annotations

import argparse
import base64
import json
import sys
from datetime import date
from pathlib import Path

from .api import names, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calculators", description=__doc__.splitlines()[0])
    parser.add_argument("name", help="one of: " + ", ".join(names()))
    parser.add_argument("--json", dest="inputs", default="{}", help="the inputs as a JSON object")
    parser.add_argument("--file", type=Path, help="a CSV or .xlsx sheet to read (a tracker, a list of requests)")
    parser.add_argument("--out", type=Path, help="with --file: write the table as CSV here, not to standard output")
    parser.add_argument("--calendar", type=Path, help="with --file: save the answer's calendar (.ics) here")
    args = parser.parse_args(argv)
    if args.name not in names():
        print(json.dumps(run(args.name, {})), file=sys.stderr)
        return 2
    try:
        inputs = json.loads(args.inputs)
    except ValueError as problem:
        print(f"--json is not valid JSON: {problem}", file=sys.stderr)
        return 2
    if args.file is None:
        result = run(args.name, inputs)
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0 if result.get("ok") else 1
    return run_file(args, inputs if isinstance(inputs, dict) else {})


def run_file(args: argparse.Namespace, inputs: dict) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as problem:
        print(f"{args.file}: {problem.strerror or problem}", file=sys.stderr)
        return 2
    # The command line stands in for the browser, which gives the calculators today's date.
    inputs = {"today": date.today().isoformat(), **inputs,
              "file": {"name": args.file.name, "data": base64.b64encode(data).decode("ascii")}}
    result = run(args.name, inputs)
    if not result.get("ok") or "csv" not in result:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0 if result.get("ok") else 1
    summary = sys.stdout if args.out else sys.stderr
    for line in result.get("summary_lines", []):
        print(line, file=summary)
    for problem in result.get("problems", []):
        print(f"Row {problem['row']}: {problem['reason']}", file=summary)
    if result.get("problem_count", 0) > len(result.get("problems", [])):
        print(f"…and {result['problem_count'] - len(result['problems'])} more rows to check", file=summary)
    if args.out:
        args.out.write_text(result["csv"], encoding="utf-8-sig", newline="")
        print(f"Table written to {args.out}", file=summary)
    else:
        sys.stdout.write(result["csv"])
    if args.calendar and result.get("calendar"):
        args.calendar.write_text(result["calendar"], encoding="utf-8", newline="")
        print(f"Calendar written to {args.calendar}", file=summary)
    return 1 if result.get("columns_missing") else 0


if __name__ == "__main__":
    sys.exit(main())
