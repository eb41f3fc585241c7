"""Command line for the claim engine.

    python -m claim_engine [--published YYYY-MM-DD] [--json] FILE...   claims of each article
    python -m claim_engine --score-lines FILE                          "score<TAB>0|1" per line (one sentence a line)
    python -m claim_engine --sentences FILE                            "start<TAB>end" of every sentence

A file may open with "date YYYY-MM-DD " (as exported articles do): it sets the published date unless --published is
given, and is no part of the article. Offsets index the file as given, so that ``text[start:end]`` is the claim for
whoever reads the file, as they do in --sentences mode.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from datetime import date

from claim_engine.pipeline import THRESHOLD, assess_sentence, extract_claims
from claim_engine.segment import split_sentences

_DATE_PREFIX = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s+")


def split_date_prefix(text: str) -> tuple[date | None, str]:
    """The published date from a leading "date YYYY-MM-DD", and the text after it."""
    match = _DATE_PREFIX.match(text)
    if not match:
        return None, text
    try:
        return date.fromisoformat(match.group(1)), text[match.end() :]
    except ValueError:
        return None, text


def _published(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from error


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m claim_engine", description="Extract check-worthy claims.")
    parser.add_argument("files", nargs="*", metavar="FILE")
    parser.add_argument("--published", type=_published, help="publication date for relative dates (YYYY-MM-DD)")
    parser.add_argument("--json", action="store_true", help="one JSON object per file")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--score-lines", metavar="FILE", help="score one sentence per line")
    mode.add_argument("--sentences", metavar="FILE", help="print sentence offsets")
    return parser


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _print_claims(path: str, text: str, published: date | None, as_json: bool) -> None:
    prefix_date, body = split_date_prefix(text)
    shift = len(text) - len(body)
    claims = [_shifted(claim.to_dict(), shift) for claim in extract_claims(body, published=published or prefix_date)]
    if as_json:
        print(json.dumps({"file": path, "claims": claims}, ensure_ascii=False))
        return
    for claim in claims:
        facts = "; ".join(
            f"{fact['type']}={fact['value']}{' ' + fact['unit'] if fact['unit'] else ''}" for fact in claim["facts"]
        )
        reasons = ",".join(claim["reasons"])
        print(
            f"{path}\t{claim['start']}\t{claim['end']}\t{claim['score']:.2f}\t{claim['kind']}\t{claim['text']}"
            f"\t[{facts}]\t{reasons}"
        )


def _shifted(claim: dict, shift: int) -> dict:
    """The claim and its facts with offsets into the file, past the "date" prefix the engine did not read."""
    if shift:
        claim["start"] += shift
        claim["end"] += shift
        for fact in claim["facts"]:
            fact["start"] += shift
            fact["end"] += shift
    return claim


def _print_line_scores(text: str, published: date | None) -> None:
    for line in text.splitlines():
        claim = assess_sentence(line.strip(), published=published) if line.strip() else None
        score = claim.score if claim is not None else 0.0
        print(f"{score:.4f}\t{int(score >= THRESHOLD)}")


def _print_sentences(text: str) -> None:
    for sentence in split_sentences(text):
        print(f"{sentence.start}\t{sentence.end}")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not (args.files or args.score_lines or args.sentences):
        parser.error("give at least one FILE, or --score-lines FILE, or --sentences FILE")
    try:
        if args.score_lines:
            _print_line_scores(_read(args.score_lines), args.published)
        elif args.sentences:
            _print_sentences(_read(args.sentences))
        else:
            for path in args.files:
                _print_claims(path, _read(path), args.published, args.json)
    except BrokenPipeError:
        # The reader stopped early ("| head"): nothing is wrong. Point stdout at devnull so that the flush at exit
        # does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (OSError, UnicodeDecodeError) as error:
        name = getattr(error, "filename", None) or ""
        reason = getattr(error, "strerror", None) or str(error)
        print(f"python -m claim_engine: cannot read {name}: {reason}".replace("read : ", "read: "), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
