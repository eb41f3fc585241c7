"""Command line: python -m claim_engine [--published YYYY-MM-DD] [--json] FILE..."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from claim_engine.pipeline import extract_claims


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claim_engine")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--published", type=date.fromisoformat)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    for path in args.files:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        claims = [claim.to_dict() for claim in extract_claims(text, published=args.published)]
        if args.json:
            print(json.dumps({"file": path, "claims": claims}, ensure_ascii=False))
        else:
            for claim in claims:
                print(f"{path}\t{claim['start']}\t{claim['end']}\t{claim['score']:.2f}\t{claim['kind']}\t{claim['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
