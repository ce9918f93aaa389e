"""Which spaCy pipeline to use per document language, remembered in QSettings.

``nlp/pipeline/<language>`` holds a package name, ``"blank"`` (rules only), or
nothing (the best installed pipeline of the language, chosen by the core).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.core.nlp.pipelines import BLANK

DEFAULT_LANGUAGE = "en"


def base_language(language: str | None) -> str:
    """``"en-GB"`` -> ``"en"``; the first of ``"kk,ru"``; ``None`` -> the project default ``"en"``."""
    first = (language or DEFAULT_LANGUAGE).split(",")[0].strip().replace("_", "-").split("-")[0].lower()
    return first or DEFAULT_LANGUAGE


def pipeline_for(language: str | None) -> str | None:
    """The stored choice for ``language``: a package name, ``"blank"``, or None for automatic."""
    value = QSettings().value(f"nlp/pipeline/{base_language(language)}")
    return str(value) if value else None


def set_pipeline_for(language: str, pipeline: str | None) -> None:
    key = f"nlp/pipeline/{base_language(language)}"
    if pipeline:
        QSettings().setValue(key, pipeline)
    else:
        QSettings().remove(key)


def group_by_language(documents) -> dict[str, list[int]]:
    """Document ids by base language (``DocumentInfo``-like objects with ``id`` and ``language``)."""
    groups: dict[str, list[int]] = {}
    for d in documents:
        groups.setdefault(base_language(d.language), []).append(d.id)
    return groups


__all__ = ["BLANK", "base_language", "pipeline_for", "set_pipeline_for", "group_by_language"]
