"""The GUI's last line: an unexpected error becomes a dialog and a log entry, never a silent exit.

``install()`` sets :data:`sys.excepthook` (which PySide6 calls for an exception raised in a
slot or an event handler). A :class:`QuotecoderError` that got this far (a locked project
found by a panel's refresh, say) is shown as what it is. Anything else is a bug: the user is
told "Something went wrong; your work up to the last edit is saved" — true, since every edit
is committed when it is made — with the details to copy, and the traceback is appended to
``quotecoder.log`` in the user log directory (platformdirs).
"""

from __future__ import annotations

import logging
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.errors import QuotecoderError

__all__ = ["install", "log_path", "report", "SOMETHING_WENT_WRONG"]

SOMETHING_WENT_WRONG = "Something went wrong; your work up to the last edit is saved."


def log_path() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("Quotecoder", appauthor=False)) / "quotecoder.log"


def _write_log(details: str) -> Path | None:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{details}\n")
    except OSError as exc:  # a full or read-only disk must not turn one error into two
        logging.getLogger(__name__).error("could not write %s: %s\n%s", path, exc, details)
        return None
    return path


def report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> QMessageBox | None:
    """Log the error and show it; returns the (non-blocking) dialog, or None without a QApplication."""
    details = "".join(traceback.format_exception(kind, value, tb))
    path = _write_log(details)
    if QApplication.instance() is None:
        sys.__excepthook__(kind, value, tb)
        return None
    box = QMessageBox(QApplication.activeWindow())
    box.setObjectName("crashDialog")
    box.setWindowTitle("Quotecoder")
    if isinstance(value, QuotecoderError):
        box.setIcon(QMessageBox.Warning)
        box.setText(str(value))
    else:
        box.setIcon(QMessageBox.Critical)
        box.setText(SOMETHING_WENT_WRONG)
        where = f"The details are also in {path}." if path else "The details could not be written to the log."
        box.setInformativeText(f"{type(value).__name__}: {value}\n\n{where} Please include them when you report this.")
        box.setDetailedText(details)  # "Show Details…": selectable text, to copy into a report
    box.setStandardButtons(QMessageBox.Ok)
    box.open()  # non-blocking: the app keeps running, the next event still arrives
    return box


def _hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    try:
        report(kind, value, tb)
    except Exception:  # never recurse into ourselves
        sys.__excepthook__(kind, value, tb)


def install() -> None:
    sys.excepthook = _hook
