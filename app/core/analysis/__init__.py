"""Reading the coded corpus back (pure Python, no Qt, no SQL).

- ``crosstab``: codes against outlets, years, months, languages, speakers, coders or any
  document attribute, counted as codings, documents or characters;
- ``query``: code queries combining code paths with AND, OR, NOT and parentheses, within
  the same characters, a sentence, a paragraph or a document.

Both work on plain records (:class:`Coded` rows and :class:`CodeNode` trees) that
:mod:`app.project.analysis` fills from a project.
"""

from app.core.analysis.model import CodeNode, Coded, clip_excluded

__all__ = ["CodeNode", "Coded", "clip_excluded"]
