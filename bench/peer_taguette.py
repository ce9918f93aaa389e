"""The peer in the export bench: Taguette 1.5.2, in a venv of its own (it pins an old SQLAlchemy).

``peer_times(n)`` installs Taguette from PyPI into ``~/.cache/quotecoder-bench/taguette-1.5.2``
(once; never into our venv), builds a Taguette project with the same documents and ``n``
highlights (one tag each, the quote as the snippet) and times its own export functions,
``highlights_csv`` and ``highlights_xslx``, in CPU seconds. When it cannot be installed or run,
the bench says so and goes on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

VERSION = "1.5.2"
VENV = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "quotecoder-bench" / f"taguette-{VERSION}"

# Runs inside Taguette's venv: argv = database path, output folder; documents/highlights on stdin.
_SCRIPT = r"""
import json, sys, time
from taguette import database, export
from taguette.database.models import TextDirection

spec = json.load(sys.stdin)
db = database.connect('sqlite:///' + sys.argv[1])()
project = database.Project(name='bench', description='')
db.add(project)
db.flush()
tags = {}
for path in spec['tags']:
    tags[path] = database.Tag(project=project, path=path, description='')
    db.add(tags[path])
docs = {}
for doc_id, name, text in spec['documents']:
    docs[doc_id] = database.Document(project=project, name=name[:200], description='', filename=name[:200] + '.txt',
                                     text_direction=TextDirection.LEFT_TO_RIGHT, contents=text)
    db.add(docs[doc_id])
db.flush()
rows = []
for doc_id, start, end, snippet, tag in spec['highlights']:
    h = database.Highlight(document_id=docs[doc_id].id, start_offset=start, end_offset=end, snippet=snippet)
    db.add(h)
    rows.append((h, tags[tag]))
db.flush()
db.execute(database.highlight_tags.insert(), [{'highlight_id': h.id, 'tag_id': t.id} for h, t in rows])
db.commit()
out = {}
started = time.process_time()
with open(sys.argv[2] + '/taguette.csv', 'w', newline='') as fh:
    export.highlights_csv(db, project.id, None, fh)
out['csv'] = time.process_time() - started
started = time.process_time()
export.highlights_xslx(db, project.id, None, sys.argv[2] + '/taguette.xlsx')
out['xlsx'] = time.process_time() - started
print(json.dumps(out))
"""


def _ensure_venv() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        VENV.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, capture_output=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", f"taguette=={VERSION}"], check=True,
                       capture_output=True, timeout=900)
    return python


def _spec(n: int) -> dict:
    from html import escape

    from bench.bench_export_floor import data

    d = data(n)
    codes = {c.id: c.path for c in d.codes}
    texts = {doc.id: d.text_of(doc.id) for doc in d.documents}
    return {
        "tags": sorted(set(codes.values())),
        "documents": [[doc.id, doc.title, texts[doc.id]] for doc in d.documents],
        "highlights": [[c.document_id, c.start, c.end, escape(texts[c.document_id][c.start:c.end]), codes[c.code_id]]
                       for c in d.codings],
    }


def peer_times(n: int) -> tuple[dict[str, float], str]:
    """({"csv": CPU s, "xlsx": CPU s}, a sentence for the report); empty times when Taguette is unavailable."""
    try:
        python = _ensure_venv()
    except (OSError, subprocess.SubprocessError) as exc:
        return {}, f"Taguette {VERSION} could not be installed here ({type(exc).__name__}), so no peer figures."
    with tempfile.TemporaryDirectory() as tmp:
        try:
            done = subprocess.run([str(python), "-c", _SCRIPT, f"{tmp}/taguette.sqlite3", tmp],
                                  input=json.dumps(_spec(n)), capture_output=True, text=True, timeout=1800)
            times = json.loads(done.stdout.strip().splitlines()[-1])
        except (OSError, subprocess.SubprocessError, ValueError, IndexError):
            reason = (done.stderr.strip().splitlines() or ["no output"])[-1] if "done" in locals() else "did not start"
            return {}, f"Taguette {VERSION} did not run here ({reason[:200]}), so no peer figures."
    return times, (f"Peer: Taguette {VERSION} in its own venv ({VENV}), the same documents and {n:,} highlights "
                   "(one tag each), its own `highlights_csv` / `highlights_xslx` (4 columns; XlsxWriter), CPU seconds.")
