"""Placeholder until this calculator lands: it registers no calculator yet."""

CALCULATORS: dict = {}
