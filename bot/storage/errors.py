"""Errors the storage layer reports to handlers."""


class CaseMissing(Exception):
    """The user's case is gone (deleted meanwhile): the open question cannot be answered."""
