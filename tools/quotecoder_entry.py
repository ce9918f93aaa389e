"""Entry point of the standalone bundle (PyInstaller): the same ``quotecoder`` command."""

import multiprocessing
import sys

from app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # NLP may use worker processes
    sys.exit(main())
