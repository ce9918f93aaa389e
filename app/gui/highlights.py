"""Where codings sit in the reader: UTF-16 spans, stacking lanes, and fast "what is visible" queries.

Pure Python (no widgets), so it can be tested and timed alone. Stored offsets are
code points; the reader works in UTF-16 positions, and the conversion happens
here, once per coding, through :class:`app.core.text.OffsetMap`.
"""

from __future__ import annotations

import bisect
import heapq
from dataclasses import dataclass, field

from app.core.records import CodingInfo
from app.core.text import OffsetMap


@dataclass
class Highlight:
    id: int
    start: int  # code points
    end: int
    s16: int  # UTF-16 positions in the reader
    e16: int
    code_id: int
    code_path: str
    color: str
    coder_id: int
    coder: str
    memo: str = ""
    style: int = 0  # the coder's line style when several coders are shown
    lane: int = field(default=0, compare=False)


def make_highlights(codings: list[CodingInfo], offsets: OffsetMap, codes: dict[int, tuple[str, str]],
                    coders: dict[int, str], styles: dict[int, int]) -> list[Highlight]:
    """Highlights for ``codings``; ``codes`` maps id -> (path, colour), ``styles`` coder id -> style."""
    out = []
    for c in codings:
        path, color = codes.get(c.code_id, ("(deleted code)", "#999999"))
        out.append(Highlight(
            c.id, c.start, c.end, offsets.to_utf16(c.start), offsets.to_utf16(c.end), c.code_id, path, color,
            c.coder_id, coders.get(c.coder_id, "?"), c.memo, styles.get(c.coder_id, 0),
        ))
    return out


class HighlightIndex:
    """Highlights sorted by start, each given a lane so that overlapping ones never share one."""

    def __init__(self, items: list[Highlight]) -> None:
        self.items = sorted(items, key=lambda h: (h.s16, -h.e16, h.id))
        self._starts = [h.s16 for h in self.items]
        self._max_len = max((h.e16 - h.s16 for h in self.items), default=0)
        self.lanes = _assign_lanes(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def add(self, h: Highlight) -> None:
        """Insert one highlight in the lowest lane its overlapping neighbours leave free."""
        taken = {o.lane for o in self.overlapping(h.s16, h.e16)}
        h.lane = next(lane for lane in range(len(taken) + 1) if lane not in taken)
        self.lanes = max(self.lanes, h.lane + 1)
        key = (h.s16, -h.e16, h.id)
        i = bisect.bisect_left([(x.s16, -x.e16, x.id) for x in self.items[self._lo(h.s16):self._hi(h.s16)]], key)
        i += self._lo(h.s16)
        self.items.insert(i, h)
        self._starts.insert(i, h.s16)
        self._max_len = max(self._max_len, h.e16 - h.s16)

    def remove(self, coding_id: int) -> Highlight | None:
        """Take out the highlight of one coding (other lanes stay valid: removing never creates overlap)."""
        for i, h in enumerate(self.items):
            if h.id == coding_id:
                del self.items[i]
                del self._starts[i]
                return h
        return None

    def _lo(self, s16: int) -> int:
        return bisect.bisect_left(self._starts, s16)

    def _hi(self, s16: int) -> int:
        return bisect.bisect_right(self._starts, s16)

    def overlapping(self, a: int, b: int) -> list[Highlight]:
        """Highlights that share at least one position with ``[a, b)``."""
        lo = bisect.bisect_left(self._starts, a - self._max_len)
        hi = bisect.bisect_left(self._starts, b)
        return [h for h in self.items[lo:hi] if h.e16 > a]

    def at(self, pos: int) -> list[Highlight]:
        """Highlights covering UTF-16 position ``pos``."""
        return self.overlapping(pos, pos + 1)


def _assign_lanes(items: list[Highlight]) -> int:
    free: list[int] = []
    busy: list[tuple[int, int]] = []  # (end, lane)
    lanes = 0
    for h in items:
        while busy and busy[0][0] <= h.s16:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            h.lane = heapq.heappop(free)
        else:
            h.lane = lanes
            lanes += 1
        heapq.heappush(busy, (h.e16, h.lane))
    return lanes
