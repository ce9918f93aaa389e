"""All-or-nothing import of codings from a table (``quotecoder import-codings``).

Rows name the document by id or exact title, the coder by name and the code by
path; missing coders and codes are created. Everything happens in one
transaction: a bad row aborts the whole import with its row number and reason,
and nothing is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Mapping

from sqlalchemy import select

from app.project.codings import NewCoding
from app.project.errors import QuotecoderError, ValidationError
from app.storage import models as m

if TYPE_CHECKING:
    from app.project.service import Project

REQUIRED = ("document", "coder", "code", "start", "end")


class RowError(ValidationError):
    """A row of a coding table is wrong; the message names the row."""


def import_codings(project: "Project", rows: Iterable[Mapping[str, str]], first_row: int = 2) -> list[int]:
    """Add every row's coding or none. ``first_row`` is the number of the first data row (after a header)."""
    ids: list[int] = []
    with project.db.session() as s:
        titles: dict[str, list[int]] = {}
        for doc_id, title in s.execute(select(m.Document.id, m.Document.title)):
            titles.setdefault(title, []).append(doc_id)
        coders = dict(s.execute(select(m.Coder.name, m.Coder.id)).all())
        code_ids: dict[str, int] = {}
        for number, row in enumerate(rows, start=first_row):
            try:
                missing = [k for k in REQUIRED if not str(row.get(k) or "").strip()]
                if missing:
                    raise ValidationError(f"missing {', '.join(missing)}")
                document_id = _document(str(row["document"]).strip(), titles, s)
                coder_name = str(row["coder"]).strip()
                if coder_name not in coders:
                    coders[coder_name] = project.coders.add_in(s, coder_name).id
                path = str(row["code"]).strip()
                if path not in code_ids:
                    code_ids[path] = project.codebook.ensure_path_in(s, path)
                start, end = _int(row["start"], "start"), _int(row["end"], "end")
                new = NewCoding(document_id, code_ids[path], coders[coder_name], start, end, str(row.get("memo") or ""))
                ids.append(project.codings.insert_in(s, new, None, None).id)
            except QuotecoderError as exc:
                raise RowError(f"row {number}: {exc}; nothing was imported") from None
        project.log(s, "import_codings", "coding", None, count=len(ids))
    return ids


def _document(value: str, titles: dict[str, list[int]], s) -> int:
    if value.isdigit() and s.get(m.Document, int(value)) is not None:
        return int(value)
    matches = titles.get(value, [])
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise ValidationError(f"the title '{value}' names {len(matches)} documents; use the document id")
    raise ValidationError(f"there is no document with id or title '{value}'")


def _int(value: object, name: str) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValidationError(f"{name} '{value}' is not a whole number") from None
