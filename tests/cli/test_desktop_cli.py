"""`quotecoder desktop install` puts a menu entry, icons and the .qcp MIME type where the desktop looks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET


def _run(tmp_path, *args):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "share"))
    return subprocess.run([sys.executable, "-m", "app", "desktop", *args], capture_output=True, text=True, env=env)


def test_install_writes_entry_icons_and_mime_type_and_uninstall_removes_them(tmp_path):
    result = _run(tmp_path, "install", "--json")
    assert result.returncode == 0, result.stderr
    files = json.loads(result.stdout)["files"]
    share = tmp_path / "share"
    entry = (share / "applications" / "quotecoder.desktop").read_text()
    assert "MimeType=application/x-quotecoder-project;" in entry
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" gui %f") and ("quotecoder" in exec_line or "-m app" in exec_line)
    mime = ET.parse(share / "mime" / "packages" / "quotecoder.xml").getroot()
    assert mime[0].get("type") == "application/x-quotecoder-project"
    assert mime[0].find("{http://www.freedesktop.org/standards/shared-mime-info}glob").get("pattern") == "*.qcp"
    for size in ("16x16", "48x48", "256x256"):
        png = share / "icons" / "hicolor" / size / "apps" / "quotecoder.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert str(share / "applications" / "quotecoder.desktop") in files

    result = _run(tmp_path, "uninstall")
    assert result.returncode == 0 and result.stdout.startswith("removed ")
    assert not (share / "applications" / "quotecoder.desktop").exists()
    assert not (share / "icons" / "hicolor" / "48x48" / "apps" / "quotecoder.png").exists()
