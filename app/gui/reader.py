"""The reader: one document, read-only, with codings drawn as highlights and a coding-stripe margin.

Only what is visible is painted: each paint walks the visible text blocks and
asks the :class:`HighlightIndex` for the codings that touch them, so a 1 MB
document with 10,000 codings costs no more per frame than a short one.
Positions leave this widget only as code points, through ``OffsetMap``.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen, QResizeEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from app.core.text import OffsetMap
from app.gui.highlights import Highlight, HighlightIndex

MAX_COLUMNS = 84  # a comfortable line length, in average characters
LANE_WIDTH = 5
MAX_STRIPE_LANES = 8
_PEN_STYLES = (Qt.SolidLine, Qt.DashLine, Qt.DotLine, Qt.DashDotLine, Qt.DashDotDotLine)


class StripeMargin(QWidget):
    """One bar per visible coding beside the text, in the code's colour; the code on hover."""

    def __init__(self, reader: "ReaderView") -> None:
        super().__init__(reader)
        self.reader = reader
        self.bars: list[tuple[QRect, Highlight]] = []
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(self.reader.stripe_width(), 0)

    def paintEvent(self, event) -> None:
        self.reader.paint_stripes(self)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            hits = [h for rect, h in self.bars if rect.adjusted(-1, 0, 1, 0).contains(event.pos())]
            if hits:
                QToolTip.showText(event.globalPos(), "<br>".join(_tip(h) for h in hits), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:
        hits = [h for rect, h in self.bars if rect.adjusted(-1, 0, 1, 0).contains(event.pos())]
        if hits:
            self.reader.select_cp(hits[0].start, hits[0].end)


class ReaderView(QPlainTextEdit):
    codingMenuRequested = Signal(QPoint, list)  # global position, highlights under the cursor

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        self.document().setDocumentMargin(12)
        self.setFrameShape(QPlainTextEdit.NoFrame)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.Base)
        self.offsets = OffsetMap("")
        self.index = HighlightIndex([])
        self.document_id: int | None = None
        self.stripe = StripeMargin(self)
        self._layers: dict[str, list] = {}  # named extra-selection layers, drawn in insertion order
        self.tip_providers: list = []  # callables (UTF-16 position) -> tooltip HTML or None
        self.updateRequest.connect(self._on_update_request)
        self.setMouseTracking(True)

    # --- content ---

    def set_document(self, document_id: int | None, text: str, highlights: list[Highlight]) -> None:
        self.document_id = document_id
        self.offsets = OffsetMap(text)
        self.index = HighlightIndex(highlights)
        self.setPlainText(text)
        self._relayout_margins()
        self.viewport().update()

    def set_highlights(self, highlights: list[Highlight]) -> None:
        self.index = HighlightIndex(highlights)
        self.highlights_changed()

    def highlights_changed(self) -> None:
        """Redraw after the index changed (in place or replaced)."""
        if self.stripe.width() != self.stripe_width():
            self._relayout_margins()
        self.viewport().update()
        self.stripe.update()

    def set_reader_font(self, font: QFont) -> None:
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._relayout_margins()

    def set_selection_layer(self, name: str, selections: list) -> None:
        """Replace one layer of extra selections (greyed boilerplate, suggestions) without touching the others."""
        self._layers[name] = list(selections)
        super().setExtraSelections([sel for layer in self._layers.values() for sel in layer])

    def setExtraSelections(self, selections) -> None:  # noqa: N802 - Qt's name
        self.set_selection_layer("", selections)

    # --- positions (always code points outside this widget) ---

    def selection_cp(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.offsets.to_cp(cursor.selectionStart())
        end = self.offsets.to_cp(cursor.selectionEnd())
        if end <= start:
            return None
        return start, end

    def select_cp(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def highlights_at_cursor(self) -> list[Highlight]:
        cursor = self.textCursor()
        if cursor.hasSelection():
            return self.index.overlapping(cursor.selectionStart(), max(cursor.selectionEnd(), cursor.selectionStart() + 1))
        return self.index.at(cursor.position())

    # --- layout: a centred text column with the stripe margin beside it ---

    def stripe_width(self) -> int:
        """Room for every lane, always: a second coder's stripe must not shift and re-wrap the text."""
        return 10 + MAX_STRIPE_LANES * LANE_WIDTH

    def resizeEvent(self, event) -> None:
        # Margins first (width() is already the new one), so the text is laid out once, for the right width.
        self._relayout_margins(relayout=False)
        super().resizeEvent(event)

    def _relayout_margins(self, relayout: bool = True) -> None:
        stripe = self.stripe_width()
        text_width = self.fontMetrics().averageCharWidth() * MAX_COLUMNS + 24
        free = self.width() - stripe - text_width - self.verticalScrollBar().sizeHint().width()
        pad = max(0, free // 2)
        if self.viewportMargins() != QMargins(pad + stripe, 0, pad, 0):
            self.setViewportMargins(pad + stripe, 0, pad, 0)
            if relayout:
                # A narrower viewport alone does not re-wrap QPlainTextEdit's lines (text clipped behind a
                # horizontal scroll bar until the next resize); a resize event of the same size does.
                super().resizeEvent(QResizeEvent(self.size(), self.size()))
        cr = self.contentsRect()
        self.stripe.setGeometry(QRect(cr.left() + pad, cr.top(), stripe, cr.height()))

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self.stripe.scroll(0, dy)
        self.stripe.update(0, rect.y(), self.stripe.width(), rect.height())

    # --- painting ---

    def _visible_blocks(self):
        offset = self.contentOffset()
        height = self.viewport().height()
        block = self.firstVisibleBlock()
        out = []
        while block.isValid():
            geom = self.blockBoundingGeometry(block).translated(offset)
            if geom.top() > height:
                break
            if block.isVisible():
                out.append((block, geom))
            block = block.next()
        return out

    def paintEvent(self, event) -> None:
        if len(self.index):
            painter = QPainter(self.viewport())
            self._paint_highlights(painter)
            painter.end()
        super().paintEvent(event)

    def _paint_highlights(self, painter: QPainter) -> None:
        dark = self.palette().color(QPalette.Base).lightness() < 128
        alpha = 95 if dark else 70
        for block, geom in self._visible_blocks():
            bs = block.position()
            be = bs + block.length() - 1
            hits = self.index.overlapping(bs, max(be, bs + 1))
            if not hits:
                continue
            layout = block.layout()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                ls = line.textStart()
                le = ls + line.textLength()
                top = geom.top() + line.y()
                bottom = top + line.height()
                for h in hits:
                    a, b = max(h.s16 - bs, ls), min(h.e16 - bs, le)
                    if b <= a:
                        continue
                    x1, x2 = sorted((line.cursorToX(a)[0], line.cursorToX(b)[0]))
                    x1 += geom.left()
                    x2 += geom.left()
                    color = QColor(h.color)
                    fill = QColor(color)
                    fill.setAlpha(alpha)
                    painter.fillRect(QRectF(x1, top, x2 - x1, bottom - top), fill)
                    pen = QPen(color, 2, _PEN_STYLES[h.style % len(_PEN_STYLES)])
                    painter.setPen(pen)
                    y = bottom - 1 - 3 * min(h.lane, 3)
                    painter.drawLine(QPointF(x1, y), QPointF(x2, y))

    def paint_stripes(self, widget: StripeMargin) -> None:
        painter = QPainter(widget)
        painter.fillRect(widget.rect(), self.palette().color(QPalette.Base))
        widget.bars = []
        blocks = self._visible_blocks()
        if not blocks or not len(self.index):
            return
        vs = blocks[0][0].position()
        last = blocks[-1][0]
        ve = last.position() + last.length()
        height = widget.height()
        for h in self.index.overlapping(vs, ve):
            if h.lane >= MAX_STRIPE_LANES:
                continue
            top = self._line_edge(blocks, h.s16, top=True) if h.s16 >= vs else 0
            bottom = self._line_edge(blocks, max(h.e16 - 1, h.s16), top=False) if h.e16 <= ve else height
            if top is None:
                top = 0
            if bottom is None:
                bottom = height
            x = 6 + h.lane * LANE_WIDTH
            rect = QRect(x, int(top) + 1, LANE_WIDTH - 2, max(int(bottom - top) - 2, 3))
            painter.fillRect(rect, QColor(h.color))
            widget.bars.append((rect, h))
        painter.end()

    @staticmethod
    def _line_edge(blocks, pos: int, top: bool) -> float | None:
        for block, geom in blocks:
            bs = block.position()
            if bs <= pos < bs + block.length():
                line = block.layout().lineForTextPosition(pos - bs)
                if not line.isValid():
                    return geom.top() if top else geom.bottom()
                y = geom.top() + line.y()
                return y if top else y + line.height()
        return None

    # --- hover and menus ---

    def viewportEvent(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            cursor = self.cursorForPosition(event.pos())
            rect = self.cursorRect(cursor)
            near = abs(rect.center().y() - event.pos().y()) < rect.height()
            hits = self.index.at(cursor.position()) if near else []
            tips = [_tip(h) for h in hits]
            if near:
                tips += [t for t in (provider(cursor.position()) for provider in self.tip_providers) if t]
            if tips:
                QToolTip.showText(event.globalPos(), "<br>".join(tips), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event) -> None:
        hits = self.highlights_at_cursor()
        if not self.textCursor().hasSelection():
            hits = self.index.at(self.cursorForPosition(event.pos()).position())
        self.codingMenuRequested.emit(event.globalPos(), hits)


def _tip(h: Highlight) -> str:
    path = h.code_path.replace("&", "&amp;").replace("<", "&lt;")
    text = (f"<span style='color:{h.color}'>■</span> <b>{path}</b>"
            f" <span style='color:gray'>· {h.coder.replace('<', '&lt;')}</span>")
    if h.memo:
        text += f"<br><i>{h.memo.replace('<', '&lt;')}</i>"
    return text
