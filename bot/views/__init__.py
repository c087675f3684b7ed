"""Views: the only place words are put together, from domain and use-case values.

The words themselves live in the catalogue (``bot.texts.zh``); a view only chooses and fills
them, so no Chinese is written here (a test checks).
"""
