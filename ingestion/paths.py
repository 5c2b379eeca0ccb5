"""File names as the warehouse stores them."""

from __future__ import annotations

import os


def stored_path(path: str) -> str:
    """Absolute path as valid UTF-8: bytes that are not UTF-8 become ``\\xNN`` escapes."""
    return os.fsencode(os.path.abspath(path)).decode("utf-8", "backslashreplace")


def stored_name(path: str) -> str:
    return os.path.basename(stored_path(path))
