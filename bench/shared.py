"""The shared material beside the checkout (``../shared``): real corpus and REFI-QDA samples.

Found relative to this checkout, never through a machine's absolute path, so a contributor's
clone or another CI finds it the same way. Tests and benchmarks that need it skip, with the
reason, when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
# QUOTECODER_SHARED points elsewhere (or at nothing, to check that every test skips cleanly).
SHARED = Path(os.environ.get("QUOTECODER_SHARED") or CHECKOUT.parent / "shared")
CORPUS = SHARED / "corpus"
REFI_QDA = SHARED / "refi-qda"
REFI_SAMPLES = REFI_QDA / "samples"
