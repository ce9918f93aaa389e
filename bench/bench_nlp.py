"""NLP throughput (characters per second) and time to first suggestions for one article.

Corpus: the English texts of the shared corpus, repeated to a target size, so the
mix of news, readouts and speeches is real. ``process`` does everything a corpus
run does (sentences, quotes with speakers, entities), so these are the rates a
user waits for. Quote evaluation figures come from ``bench/eval_quotes.py``.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from bench.eval_quotes import CORPUS, report

SEED = CORPUS / "seed" / "000_77d7894f4c471d5e.txt"


def _corpus(target_chars: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "en").glob("*.txt"))]
    out: list[str] = []
    total = 0
    while total < target_chars:
        for t in texts:
            out.append(t)
            total += len(t)
            if total >= target_chars:
                break
    return out


def _throughput(pipeline: str, texts: list[str], n_process: int) -> float:
    from app.core.nlp.process import process

    process(texts[:2], "en", pipeline)  # load and warm up outside the timing
    started = time.perf_counter()
    result = process(texts, "en", pipeline, n_process=n_process, batch_size=16)
    elapsed = time.perf_counter() - started
    assert len(result.documents) == len(texts)
    return sum(map(len, texts)) / elapsed


_FIRST = """
import time, sys
t0 = time.perf_counter()
from app.core.nlp.pipelines import load_pipeline
from app.core.nlp.suggest import build_matcher, suggest
from app.core.nlp.types import SuggestionPattern
nlp, info = load_pipeline("en", sys.argv[1])
t1 = time.perf_counter()
text = open(sys.argv[2], encoding="utf-8").read()
pats = [SuggestionPattern("SJ", p) for p in ("social justice", "fairness", "Just Kazakhstan")]
pats.append(SuggestionPattern("SJ", "injustice", lemma=True))
found = suggest(nlp(text), build_matcher(nlp, pats))
t2 = time.perf_counter()
found = suggest(nlp(text), build_matcher(nlp, pats))
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, len(found))
"""


def _first_suggestions(pipeline: str) -> tuple[float, float, float, int]:
    """(load incl. import, first suggestions, warm suggestions, count) in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", _FIRST, pipeline, str(SEED)],
        capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent,
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2]), int(out[3])


def run() -> str:
    from app.core.nlp.pipelines import installed_pipelines, load_pipeline

    trained = [n for n, _ in installed_pipelines("en")][:1]
    rows = []
    sizes = {"blank": 2_000_000}
    for name in trained:
        sizes[name] = 600_000
    for name, size in sizes.items():
        texts = _corpus(size)
        info = load_pipeline("en", name)[1]
        for n_process in (1, 2):
            cps = _throughput(name, texts, n_process)
            rows.append(f"| {info.tag} | {n_process} | {sum(map(len, texts)):,} | {len(texts)} | {cps:,.0f} |")
    first = []
    for name in ["blank", *trained]:
        load, cold, warm, count = _first_suggestions(name)
        first.append(f"| {name} | {load * 1000:,.0f} | {cold * 1000:,.0f} | {warm * 1000:,.0f} | {count} |")
    seed_len = len(SEED.read_text(encoding="utf-8"))
    return "\n".join(
        [
            "## NLP (spaCy): corpus throughput, time to first suggestions, quote detection quality",
            "",
            "`process()` over English texts of the shared corpus repeated to the size shown: sentences,",
            "quotes with speakers (rules run in the main process) and entities. Two processes fork spaCy",
            "workers for the pipeline itself (`nlp.pipe(n_process=2)`) on a machine whose 2 cores are",
            "shared with other jobs, so the 2-process figures are a lower bound.",
            "",
            "| pipeline | processes | characters | documents | characters/s |",
            "| --- | ---: | ---: | ---: | ---: |",
            *rows,
            "",
            f"Time to first suggestions on opening one typical article (the seed article, {seed_len:,} characters,",
            "4 patterns), each in a fresh interpreter: importing and loading the pipeline (done once, off",
            "the GUI thread), then processing the article and matching; then the same again warm.",
            "",
            "| pipeline | load pipeline (ms) | first suggestions (ms) | again, warm (ms) | suggestions |",
            "| --- | ---: | ---: | ---: | ---: |",
            *first,
            "",
            "Quote detection and speaker attribution on the hand-annotated set (`python -m bench.eval_quotes`;",
            "`tests/data/quotes/README.md` has the guideline and the matching rule):",
            "",
            report(["blank", *trained]),
        ]
    )


if __name__ == "__main__":
    print(run())
