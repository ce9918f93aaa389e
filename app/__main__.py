"""``python -m app`` is the ``quotecoder`` command."""

import sys

from app.cli import main

sys.exit(main())
