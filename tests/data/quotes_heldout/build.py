"""Build the held-out gold files (*.json) from the hand-written annotations in src/*.ann.

Each .ann line is ``KIND|SPEAKER|SNIPPET``: KIND is D (direct), F (direct, a fragment of
two or three words), R (reported) or T (transcript turn); SPEAKER is the fullest name in the
document, ``-`` for an unnamed speaker, and ``Name=Alias`` adds another name the document uses
for the same speaker (an acronym, a shorter form). SNIPPET is the exact quoted text, or
``first words ... last words`` of it (``words#2``: their second occurrence); for T it is the start of the turn's label paragraph, and
the turn runs from after the label's ``: `` to the last paragraph before the next turn.

Run ``python tests/data/quotes_heldout/build.py`` after editing an .ann file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The shared corpus beside the checkout, as bench/shared.py finds it.
CORPUS = Path(os.environ.get("QUOTECODER_SHARED") or HERE.parents[2].parent / "shared") / "corpus"
KINDS = {"D": "direct", "F": "direct", "R": "reported", "T": "turn"}


def _unique(text: str, needle: str, name: str) -> int:
    nth = re.fullmatch(r"(.*)#(\d+)", needle)
    if nth:  # "words#2": the second occurrence (the first is e.g. in the headline)
        at = -1
        for _ in range(int(nth.group(2))):
            at = text.find(nth.group(1), at + 1)
        return at
    at = text.find(needle)
    if at < 0 or text.find(needle, at + 1) >= 0:
        sys.exit(f"{name}: {needle!r} found {'no' if at < 0 else 'more than one'} time(s)")
    return at


def _span(text: str, snippet: str, name: str) -> tuple[int, int]:
    if " ... " in snippet:
        first, last = snippet.split(" ... ")
        start = _unique(text, first, name)
        end = text.find(last, start + len(first))
        if end < 0:
            sys.exit(f"{name}: {last!r} not after {first!r}")
        return start, end + len(last)
    start = _unique(text, snippet, name)
    return start, start + len(re.sub(r"#\d+$", "", snippet))


def _turns(text: str, labels: list[int]) -> list[tuple[int, int]]:
    spans = []
    for k, at in enumerate(labels):
        start = text.index(": ", at) + 2
        stop = labels[k + 1] if k + 1 < len(labels) else len(text)
        cut = text.find("<…>", start, stop)
        end = (cut if cut >= 0 else stop)
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return spans


def build(ann: Path) -> dict:
    stem = ann.stem
    found = [p for p in CORPUS.glob(f"*/{stem}.txt")]
    if len(found) != 1:
        sys.exit(f"{stem}: no single corpus file")
    path = found[0]
    text = path.read_text(encoding="utf-8")
    rows = [line.split("|", 2) for line in ann.read_text(encoding="utf-8").splitlines() if line.strip()]
    turn_rows = [r for r in rows if r[0] == "T"]
    turn_spans = iter(_turns(text, [_unique(text, r[2].rstrip(), stem) for r in turn_rows]))
    quotes = []
    for code, speaker, snippet in rows:
        start, end = next(turn_spans) if code == "T" else _span(text, snippet, stem)
        names = speaker.split("=")
        quote = {"start": start, "end": end, "kind": KINDS[code], "speaker": None if names[0] == "-" else names[0]}
        if len(names) > 1:
            quote["aliases"] = names[1:]
        if code == "F":
            quote["fragment"] = True
        quote["text"] = text[start:end]
        quotes.append(quote)
    quotes.sort(key=lambda q: q["start"])
    language = "en" if path.parent.name == "en" else stem.rsplit("_", 1)[-1]
    return {
        "file": f"{path.parent.name}/{path.name}",
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "language": language,
        "quotes": quotes,
    }


def main() -> None:
    for ann in sorted((HERE / "src").glob("*.ann")):
        data = build(ann)
        out = HERE / f"{ann.stem[:60]}.json"
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{out.name}: {len(data['quotes'])} quotes")


if __name__ == "__main__":
    main()
