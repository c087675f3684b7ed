"""Simplified Chinese texts."""
