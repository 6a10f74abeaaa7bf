"""The window carries Desk's icon, which the standalone build and desktop entry ship too."""

from __future__ import annotations

from typing import Any

import pytest

# The offscreen platform cannot pass size hints to a window manager it does not have.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def test_window_shows_the_desk_icon(open_window: Any) -> None:
    """The application icon is Desk's own SVG, rendered at the sizes a title bar asks for."""
    window = open_window()
    icon = window.windowIcon()
    assert not icon.isNull()
    image = icon.pixmap(32, 32).toImage()
    assert image.width() == 32
    # The top band of the icon is its teal square (#2f6f73), above the white speech bubble.
    assert image.pixelColor(16, 4).name() == "#2f6f73"
