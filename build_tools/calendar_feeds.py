"""Subscribable calendar feeds of the key dates, written into the built site (issue 3)."""
from __future__ import annotations

from pathlib import Path


def publish(site: Path) -> None:
    """Write the .ics feeds under site/calendars/; nothing to publish until the key dates exist."""
