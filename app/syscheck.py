"""``python -m app.syscheck``: tell the user which system library Qt is missing, and how to get it.

PySide6 wheels bring Qt itself but rely on a few system libraries (OpenGL/EGL,
fontconfig, xkbcommon, the X11 xcb libraries). When one is missing, Qt fails
with a linker message; this turns it into the package to install.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

# Shared library -> Debian/Ubuntu package that provides it.
DEBIAN_PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}

PROBE = "from PySide6 import QtWidgets, QtGui; print('ok')"


def missing_library(message: str) -> str | None:
    match = re.search(r"(lib[\w.+-]+\.so[\w.]*): cannot open shared object file", message)
    return match.group(1) if match else None


def advice(message: str) -> str:
    lib = missing_library(message)
    if lib is None:
        return f"Qt could not start:\n{message.strip()}"
    package = DEBIAN_PACKAGES.get(lib)
    install = f" On Debian or Ubuntu: sudo apt-get install {package}" if package else ""
    return f"Qt needs the system library {lib}, which is not installed.{install} (See the README, 'Install'.)"


def main() -> int:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True)
    if result.returncode != 0:
        print(advice(result.stderr), file=sys.stderr)
        return 1
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"))
    if headless and sys.platform.startswith("linux"):
        print("No display found (DISPLAY and WAYLAND_DISPLAY are unset): the app needs a desktop session. "
              "To try it without one, run: QT_QPA_PLATFORM=offscreen make run", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
