"""Generated projects for benchmarks: realistic sizes, written fast with bulk inserts."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert

from app.core.text import text_hash
from app.project import Project
from app.storage import models as m

WORDS = (
    "the president said reform constitution justice social party congress people state parliament "
    "government economy support citizens development law rights court election unity nation future "
    "дорогие друзья Қазақстан мемлекет reform “modern” dialogue 😀 programme budget region"
).split()


def make_text(rng: random.Random, n_words: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n_words)]
    for i in range(12, len(words), rng.randint(12, 25)):
        words[i] = words[i] + "."
    paragraphs = [" ".join(words[i:i + 80]) for i in range(0, len(words), 80)]
    return "\n\n".join(paragraphs)


def generate(path: Path, documents: int, codings: int, coders: int = 3, codes: int = 20,
             words_per_doc: int = 500, seed: int = 1) -> Project:
    """A project with the given numbers of documents and codings, spread evenly."""
    rng = random.Random(seed)
    project = Project.create(path)
    coder_ids = [project.coders.add(f"Coder {i + 1}").id for i in range(coders)]
    code_ids = [project.codebook.add_path(f"Theme {i // 5 + 1}/Code {i + 1}").id for i in range(codes)]
    lengths: list[int] = []
    with project.db.session() as s:
        rows = []
        for i in range(documents):
            text = make_text(rng, words_per_doc)
            lengths.append(len(text))
            rows.append(dict(
                uuid=f"00000000-0000-4000-8000-{i:012d}", title=f"Article {i + 1}", text=text,
                text_hash=text_hash(text) + "", length=len(text), language="en",
                published=date(2020, 1, 1) + timedelta(days=i % 1000), outlet=f"Outlet {i % 7}",
            ))
            if len(rows) == 1000:
                s.execute(insert(m.Document), rows)
                rows = []
        if rows:
            s.execute(insert(m.Document), rows)
    with project.db.session() as s:
        rows = []
        for j in range(codings):
            doc = j % documents
            start = rng.randrange(0, lengths[doc] - 200)
            rows.append(dict(
                uuid=f"10000000-0000-4000-8000-{j:012d}", document_id=doc + 1, code_id=rng.choice(code_ids),
                coder_id=rng.choice(coder_ids), start=start, end=start + rng.randint(20, 200), memo="",
            ))
            if len(rows) == 5000:
                s.execute(insert(m.Coding), rows)
                rows = []
        if rows:
            s.execute(insert(m.Coding), rows)
    return project
