"""JSON corpora (``.json``, ``.jsonl``): one document per object.

``.json`` may hold a list of objects, an object with one list of objects
(``{"articles": [...]}``, as many APIs export), or a single object. ``.jsonl``
holds one object per line; a line that is not a JSON object is a failure naming
its line number, because silently dropping an article would bias a sample.
"""

from __future__ import annotations

import json
from typing import Iterator

from app.core.importers.base import ImportedDocument, ImportFailure, ImportOptions, Source
from app.core.importers.plaintext import decode_text
from app.core.importers.tables import rows_to_documents

__all__ = ["parse_json", "parse_jsonl"]

_LIST_KEYS = ("documents", "articles", "items", "data", "results", "records", "rows", "posts", "news")


def _header(objects: list[dict[str, object]]) -> list[str]:
    keys: dict[str, None] = {}
    for obj in objects:
        keys.update(dict.fromkeys(obj))
    return list(keys)


def _objects_of(value: object) -> list[dict[str, object]]:
    if isinstance(value, list):
        bad = next((i for i, v in enumerate(value, 1) if not isinstance(v, dict)), None)
        if bad is not None:
            raise ImportFailure(f"not a corpus: item {bad} of the JSON list is not an object")
        return value
    if isinstance(value, dict):
        lists = {k: v for k, v in value.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)}
        for key in _LIST_KEYS:
            if key in lists:
                return lists[key]
        if len(lists) == 1:
            return next(iter(lists.values()))
        return [value]
    raise ImportFailure("not a corpus: the JSON holds neither objects nor a list of objects")


def parse_json(source: Source, options: ImportOptions) -> list[ImportedDocument]:
    notes: list[str] = []
    text, _encoding = decode_text(source.data, notes)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailure(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    objects = _objects_of(value)
    if not objects:
        raise ImportFailure("empty after extraction (the JSON list is empty)")
    rows = ((i, obj) for i, obj in enumerate(objects, 1))
    docs = rows_to_documents(source, options, _header(objects), rows, importer="json", unit="item")
    docs[0].notes.extend(notes)
    return docs


def _jsonl_objects(text: str) -> Iterator[tuple[int, dict[str, object]]]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportFailure(f"line {number} is not valid JSON ({exc.msg})") from exc
        if not isinstance(value, dict):
            raise ImportFailure(f"line {number} is not a JSON object")
        yield number, value


def parse_jsonl(source: Source, options: ImportOptions) -> list[ImportedDocument]:
    notes: list[str] = []
    text, _encoding = decode_text(source.data, notes)
    objects = list(_jsonl_objects(text.replace("\r\n", "\n")))
    if not objects:
        raise ImportFailure("empty after extraction (no JSON objects)")
    header = _header([obj for _n, obj in objects])
    docs = rows_to_documents(source, options, header, objects, importer="jsonl", unit="line")
    docs[0].notes.extend(notes)
    return docs
