"""Filter the documents list by outlet and language (the metadata a media researcher samples by).

Two combo boxes filled from the documents in the list, each with "All" first
and the number of documents per value; the choice goes to
``DocumentsProxy.set_meta``. A document without the value is listed under "(none)".
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

FIELDS = (("outlet", "All outlets"), ("language", "All languages"))
NONE = ""  # the value of "(none)": documents that have no outlet / language


class MetadataFilter(QWidget):
    def __init__(self, proxy, parent=None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.boxes: dict[str, QComboBox] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for field, all_text in FIELDS:
            box = QComboBox()
            box.setObjectName(f"{field}Filter")
            box.setToolTip(f"Show only documents with this {field}")
            box.addItem(all_text, None)
            box.currentIndexChanged.connect(lambda _=0, f=field: self._changed(f))
            layout.addWidget(box, 1)
            self.boxes[field] = box

    def populate(self, docs) -> None:
        """Refill the choices from ``docs`` (DocumentInfo), keeping the current choice when it still exists."""
        for field, all_text in FIELDS:
            box = self.boxes[field]
            current = box.currentData()
            counts = Counter((getattr(d, field) or NONE) for d in docs)
            box.blockSignals(True)
            box.clear()
            box.addItem(all_text, None)
            for value in sorted(counts, key=lambda v: (v == NONE, v.casefold())):
                box.addItem(f"{value or '(none)'} ({counts[value]})", value)
            found = box.findData(current) if current is not None else 0
            box.setCurrentIndex(max(found, 0))
            box.blockSignals(False)
            self._changed(field)
        self.setVisible(any(self.boxes[f].count() > 2 for f, _ in FIELDS))  # one value only: nothing to filter

    def clear(self) -> None:
        for box in self.boxes.values():
            box.setCurrentIndex(0)

    def _changed(self, field: str) -> None:
        self.proxy.set_meta(field, self.boxes[field].currentData())
