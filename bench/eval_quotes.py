"""Precision and recall of quote detection and speaker attribution on the annotated set.

Usage: ``python -m bench.eval_quotes [--pipeline blank|en_core_web_sm|...]`` (default: both).

The gold quotes are in ``tests/data/quotes/*.json`` (see the README there), with
offsets into the files of the shared corpus. A predicted quote matches a gold
quote when they overlap by at least half of the shorter of the two (spans of
reported speech have no marks, so annotators and rules can differ by a word or
two at the edges); each gold quote matches at most one prediction.

Reported figures:

* detection: precision and recall of matched quotes, over both kinds and per kind
  (a match for a kind needs the same kind);
* attribution: a quote counts as right when it is matched *and* its speaker is the
  gold speaker (same name after dropping accents and case, or the same last word;
  no speaker where the gold has none). Precision divides by all predictions,
  recall by all gold quotes, so a missed quote also costs attribution recall.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from bench.shared import CORPUS

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "quotes"

__all__ = ["load_gold", "evaluate", "Scores"]


@dataclass(frozen=True)
class Scores:
    gold: int
    predicted: int
    matched: int
    attributed: int  # matched with the right speaker

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def attribution_precision(self) -> float:
        return self.attributed / self.predicted if self.predicted else 1.0

    @property
    def attribution_recall(self) -> float:
        return self.attributed / self.gold if self.gold else 1.0


def load_gold(corpus: Path = CORPUS) -> list[tuple[str, str, list[dict]]]:
    """(file, text, gold quotes) for every annotated document."""
    out = []
    for path in sorted(GOLD.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = (corpus / data["file"]).read_text(encoding="utf-8")
        out.append((data["file"], text, data["quotes"]))
    return out


def _fold(name: str | None) -> str | None:
    if name is None:
        return None
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def same_speaker(pred: str | None, gold: str | None) -> bool:
    p, g = _fold(pred), _fold(gold)
    if p is None or g is None:
        return p == g
    return p == g or p.split()[-1] == g.split()[-1]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _match(preds: list, golds: list[dict], kind: str | None) -> tuple[int, int, int, int]:
    ps = [p for p in preds if kind is None or p.kind == kind]
    gs = [g for g in golds if kind is None or g["kind"] == kind]
    used: set[int] = set()
    matched = attributed = 0
    for p in ps:
        for k, g in enumerate(gs):
            if k not in used and _overlaps((p.start, p.end), (g["start"], g["end"])):
                used.add(k)
                matched += 1
                attributed += same_speaker(p.speaker, g["speaker"])
                break
    return len(gs), len(ps), matched, attributed


def evaluate(pipeline: str, docs: Iterable[tuple[str, str, list[dict]]] | None = None) -> dict[str, Scores]:
    """Scores over all documents for kinds ``"all"``, ``"direct"`` and ``"indirect"``."""
    from app.core.nlp.process import find_quotes

    totals = {k: [0, 0, 0, 0] for k in ("all", "direct", "indirect")}
    for _, text, golds in docs if docs is not None else load_gold():
        preds = find_quotes(text, "en", pipeline)
        for key in totals:
            counts = _match(preds, golds, None if key == "all" else key)
            totals[key] = [a + b for a, b in zip(totals[key], counts)]
    return {k: Scores(*v) for k, v in totals.items()}


def report(pipelines: list[str]) -> str:
    docs = load_gold()
    lines = [
        f"Annotated set: {len(docs)} documents, {sum(len(g) for _, _, g in docs)} quotes "
        f"({sum(q['kind'] == 'direct' for _, _, g in docs for q in g)} direct).",
        "",
        "| pipeline | kind | gold | predicted | detection P | detection R | attribution P | attribution R |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in pipelines:
        for kind, s in evaluate(name, docs).items():
            lines.append(
                f"| {name} | {kind} | {s.gold} | {s.predicted} | {s.precision:.2f} | {s.recall:.2f} | "
                f"{s.attribution_precision:.2f} | {s.attribution_recall:.2f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval_quotes", description=__doc__.splitlines()[0])
    parser.add_argument("--pipeline", action="append", help="blank, or an installed pipeline (repeatable)")
    args = parser.parse_args(argv)
    from app.core.nlp.pipelines import installed_pipelines

    names = args.pipeline or ["blank", *[n for n, _ in installed_pipelines("en")][:1]]
    print(report(names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
