"""Precision, recall and F1 of quote detection, and speaker accuracy, on the annotated sets.

Usage: ``python -m bench.eval_quotes [--set tuned|heldout] [--pipeline blank|en_core_web_sm|...]``
(default: both sets, blank and the first installed English pipeline).

Two gold sets, each one JSON file per document of ``../shared/corpus/``:

* ``tests/data/quotes/`` — the **tuned** set: the rules were developed looking at it, so its
  figures are optimistic;
* ``tests/data/quotes_heldout/`` — the **held-out** set, annotated before the rules were changed
  and never tuned on (see its README).

A predicted quote matches a gold quote when they overlap by at least half of the shorter of the
two (reported speech has no marks, so edges can differ by a word or two); each gold quote matches
at most one prediction. Kinds are ``direct`` (fragments included), ``reported`` (``indirect`` in
older files) and ``turn``; a match for a kind needs the same kind, ``all`` ignores kinds.
The speaker of a matched quote is right when it equals the gold speaker or one of its aliases after
dropping accents and case, or shares its last word; no speaker where the gold has none.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from bench.shared import CORPUS

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "quotes"
HELDOUT = ROOT / "tests" / "data" / "quotes_heldout"
SETS = {"tuned": GOLD, "heldout": HELDOUT}
KINDS = ("direct", "reported", "turn")
CONFIDENT = 0.8  # the threshold the "speaker right 9 times in 10" applies to

__all__ = ["load_gold", "evaluate", "Scores", "report", "same_speaker", "GOLD", "HELDOUT", "CORPUS"]


@dataclass(frozen=True)
class GoldDoc:
    file: str
    language: str
    text: str
    quotes: tuple[dict, ...]


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    attributed: int = 0  # matched with the right speaker
    confident: int = 0  # matched predictions with confidence >= CONFIDENT
    confident_right: int = 0

    def add(self, other: "Scores") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        """Share of matched quotes whose speaker is right."""
        return self.attributed / self.matched if self.matched else 1.0

    @property
    def confident_accuracy(self) -> float:
        return self.confident_right / self.confident if self.confident else 1.0


def _kind(kind: str) -> str:
    return "reported" if kind == "indirect" else kind


def load_gold(directory: Path = GOLD, corpus: Path = CORPUS, limit: int | None = None) -> list[GoldDoc]:
    """Every annotated document of ``directory`` (the first ``limit`` of them)."""
    out = []
    for path in sorted(directory.glob("*.json"))[:limit]:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = (corpus / data["file"]).read_text(encoding="utf-8")
        quotes = tuple({**q, "kind": _kind(q["kind"])} for q in data["quotes"])
        out.append(GoldDoc(data["file"], data.get("language", "en").split(",")[0], text, quotes))
    return out


def _fold(name: str | None) -> str | None:
    if name is None:
        return None
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def same_speaker(pred: str | None, gold: str | None, aliases: Sequence[str] = ()) -> bool:
    p = _fold(pred)
    if p is None or gold is None:
        return p is None and gold is None
    for g in map(_fold, (gold, *aliases)):
        if g and (p == g or p.split()[-1] == g.split()[-1]):
            return True
    return False


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _match(preds: Sequence, golds: Sequence[dict], kind: str | None) -> Scores:
    ps = [p for p in preds if kind is None or p.kind == kind]
    gs = [g for g in golds if kind is None or g["kind"] == kind]
    used: set[int] = set()
    s = Scores(gold=len(gs), predicted=len(ps))
    for p in ps:
        for k, g in enumerate(gs):
            if k not in used and _overlaps((p.start, p.end), (g["start"], g["end"])):
                used.add(k)
                right = same_speaker(p.speaker, g["speaker"], g.get("aliases", ()))
                s.matched += 1
                s.attributed += right
                if p.confidence >= CONFIDENT:
                    s.confident += 1
                    s.confident_right += right
                break
    return s


def _pipeline_for(pipeline: str, language: str) -> str:
    """``pipeline`` when it serves ``language`` (a trained one is per language), else blank."""
    if pipeline == "blank" or pipeline.split("_", 1)[0] == language:
        return pipeline
    return "blank"


@dataclass
class Evaluation:
    by_kind: dict[str, Scores] = field(default_factory=dict)
    by_language: dict[str, dict[str, Scores]] = field(default_factory=dict)


def evaluate(pipeline: str, docs: Iterable[GoldDoc] | None = None) -> dict[str, Scores]:
    """Scores over all documents for ``"all"`` and each kind."""
    return evaluate_full(pipeline, docs).by_kind


def evaluate_full(pipeline: str, docs: Iterable[GoldDoc] | None = None) -> Evaluation:
    from app.core.nlp.process import find_quotes

    ev = Evaluation({k: Scores() for k in ("all", *KINDS)})
    for doc in docs if docs is not None else load_gold():
        preds = find_quotes(doc.text, doc.language, _pipeline_for(pipeline, doc.language))
        per_lang = ev.by_language.setdefault(doc.language, {k: Scores() for k in ("all", *KINDS)})
        for key in ev.by_kind:
            counts = _match(preds, doc.quotes, None if key == "all" else key)
            ev.by_kind[key].add(counts)
            per_lang[key].add(counts)
    return ev


def _row(name: str, label: str, kind: str, s: Scores) -> str:
    return (f"| {name} | {label} | {kind} | {s.gold} | {s.predicted} | {s.precision:.2f} | {s.recall:.2f} | "
            f"{s.f1:.2f} | {s.speaker_accuracy:.2f} | {s.confident}: {s.confident_accuracy:.2f} |")


def report(pipelines: list[str], sets: Sequence[str] = ("tuned", "heldout"), limit: int | None = None) -> str:
    lines = []
    for set_name in sets:
        docs = load_gold(SETS[set_name], limit=limit)
        langs = sorted({d.language for d in docs})
        lines += [
            f"**{set_name} set** (`{SETS[set_name].relative_to(ROOT)}`): {len(docs)} documents, "
            f"{sum(len(d.quotes) for d in docs)} quotes "
            + ", ".join(f"{k} {sum(q['kind'] == k for d in docs for q in d.quotes)}" for k in KINDS)
            + f"; languages {', '.join(langs)}.",
            "",
            "| pipeline | language | kind | gold | predicted | P | R | F1 | speaker right | conf ≥ 0.8: n, right |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name in pipelines:
            ev = evaluate_full(name, docs)
            for kind, s in ev.by_kind.items():
                if s.gold or s.predicted:
                    lines.append(_row(name, "all", kind, s))
            if len(langs) > 1:
                for lang in langs:
                    for kind, s in ev.by_language[lang].items():
                        if s.gold or s.predicted:
                            lines.append(_row(_pipeline_for(name, lang), lang, kind, s))
        lines.append("")
    return "\n".join(lines).rstrip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval_quotes", description=__doc__.splitlines()[0])
    parser.add_argument("--pipeline", action="append", help="blank, or an installed pipeline (repeatable)")
    parser.add_argument("--set", action="append", choices=sorted(SETS), help="tuned or heldout (repeatable)")
    args = parser.parse_args(argv)
    from app.core.nlp.pipelines import installed_pipelines

    names = args.pipeline or ["blank", *[n for n, _ in installed_pipelines("en")][:1]]
    print(report(names, args.set or ("tuned", "heldout")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
