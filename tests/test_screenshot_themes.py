"""scripts/screenshot_themes.py shoots what it says (skipped without Chromium).

Headless Chromium paints nothing when a page is opened scrolled to a
``#fragment``; the script shoots ``docname#id`` from a copy of the page that
starts at that section. The test decodes the PNG and checks that the top of
the shot is not blank, which is what broke before.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
from example_site import screenshot_script

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)


def _rows(png: bytes, limit: int) -> tuple[int, list[bytes]]:
    """The height and first *limit* unfiltered pixel rows of an 8-bit RGB(A) PNG."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", data[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw, stride, rows = zlib.decompress(idat), width * channels, []
    previous = bytearray(stride)
    for y in range(min(limit, height)):
        start = y * (stride + 1)
        method, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, upleft = previous[i], previous[i - channels] if i >= channels else 0
            if method == 1:
                line[i] = (line[i] + left) & 0xFF
            elif method == 2:
                line[i] = (line[i] + up) & 0xFF
            elif method == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif method == 4:
                p = left + up - upleft
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upleft)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else upleft
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        previous = line
    return height, rows


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium")
def test_section_shot_is_painted(tmp_path: Path) -> None:
    script = screenshot_script()
    status = script.main(
        [
            "--themes",
            "alabaster",
            "--pages",
            "proposals/pep-0016#risks,proposals/nonexistent",
            "--out",
            str(tmp_path),
            "--width",
            "800",
            "--height",
            "600",
        ]
    )
    assert status == 0
    png = tmp_path / "alabaster" / "proposals-pep-0016-risks.png"
    height, rows = _rows(png.read_bytes(), limit=300)
    assert height == 600
    # the section's heading and heat map are at the top: not a blank page
    top = b"".join(rows)
    assert len(set(top)) > 10
    # the copy the shot was taken from starts at the section
    copy = tmp_path / "_build" / "alabaster" / "proposals" / "pep-0016.from-risks.html"
    assert 'getElementById("risks")' in copy.read_text()
    assert not (tmp_path / "alabaster" / "proposals-nonexistent.png").exists()
