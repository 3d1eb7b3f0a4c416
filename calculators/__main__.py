"""Command line: `python -m calculators NAME --json '{...}'` prints the answer as JSON.

Exit status: 0 when the answer is ok, 1 when the inputs were rejected, 2 when there is
no calculator of that name (or the JSON cannot be read).
"""
from __future__ import annotations

import argparse
import json
import sys

from .api import names, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calculators", description=__doc__.splitlines()[0])
    parser.add_argument("name", help="one of: " + ", ".join(names()))
    parser.add_argument("--json", dest="inputs", default="{}", help="the inputs as a JSON object")
    args = parser.parse_args(argv)
    if args.name not in names():
        print(json.dumps(run(args.name, {})), file=sys.stderr)
        return 2
    try:
        inputs = json.loads(args.inputs)
    except ValueError as problem:
        print(f"--json is not valid JSON: {problem}", file=sys.stderr)
        return 2
    result = run(args.name, inputs)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if result.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
