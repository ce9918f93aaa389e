"""Linux desktop integration: a menu entry, icons and the ``.qcp`` file type, so a double-click opens a project.

``install_desktop()`` copies the files under ``resources/desktop`` into the user's
XDG data folder (``~/.local/share`` unless ``XDG_DATA_HOME`` says otherwise), with the
menu entry pointing at the command that runs it (the bundle's executable, or the
installed ``quotecoder`` script), then refreshes the desktop's caches when their tools
are there. ``uninstall_desktop()`` removes exactly those files.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from app.assets import resource

__all__ = ["DesktopFiles", "install_desktop", "uninstall_desktop", "launcher_command"]

MIME_TYPE = "application/x-quotecoder-project"


@dataclass(frozen=True)
class DesktopFiles:
    written: list[Path]
    refreshed: list[str]  # the cache tools that ran


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher_command() -> list[str]:
    """How the menu entry starts Quotecoder: the frozen executable, or this interpreter running the app."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = shutil.which("quotecoder")
    return [script] if script else [sys.executable, "-m", "app"]


def _targets(base: Path) -> dict[Path, bytes]:
    folder = resource("desktop")
    entry = folder.joinpath("quotecoder.desktop").read_text(encoding="utf-8")
    exec_line = " ".join(shlex.quote(part) for part in launcher_command()) + " gui %f"
    entry = "\n".join(f"Exec={exec_line}" if line.startswith("Exec=") else line for line in entry.splitlines()) + "\n"
    files = {
        base / "applications" / "quotecoder.desktop": entry.encode("utf-8"),
        base / "mime" / "packages" / "quotecoder.xml": folder.joinpath("quotecoder-mime.xml").read_bytes(),
    }
    for size_dir in folder.joinpath("icons").iterdir():
        png = size_dir.joinpath("quotecoder.png")
        files[base / "icons" / "hicolor" / size_dir.name / "apps" / "quotecoder.png"] = png.read_bytes()
        files[base / "icons" / "hicolor" / size_dir.name / "mimetypes" / "application-x-quotecoder-project.png"] = \
            png.read_bytes()
    return files


def _refresh(base: Path) -> list[str]:
    ran = []
    for tool, folder in (("update-mime-database", base / "mime"), ("update-desktop-database", base / "applications"),
                         ("gtk-update-icon-cache", base / "icons" / "hicolor")):
        if shutil.which(tool):
            args = [tool, "-f", "-t", str(folder)] if tool == "gtk-update-icon-cache" else [tool, str(folder)]
            if subprocess.run(args, capture_output=True).returncode == 0:
                ran.append(tool)
    return ran


def install_desktop(base: Path | None = None) -> DesktopFiles:
    base = base or data_home()
    written = []
    for path, data in _targets(base).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return DesktopFiles(written, _refresh(base))


def uninstall_desktop(base: Path | None = None) -> DesktopFiles:
    base = base or data_home()
    removed = [path for path in _targets(base) if path.exists()]
    for path in removed:
        path.unlink()
    return DesktopFiles(removed, _refresh(base))
