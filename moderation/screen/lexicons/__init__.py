"""Reviewed word and phrase lists used by the detectors, kept apart from the matching code."""
