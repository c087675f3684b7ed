"""Every user-facing string, one package per language (only Simplified Chinese for now)."""
