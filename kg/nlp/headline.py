"""Headlines are written in Title Case or ALL CAPS, which the parser reads as a string of proper
names. :func:`sentence_case` lowers the words that are not known names, keeping every character
offset where it was."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.]*")


def is_headline_case(text: str) -> bool:
    words = _WORD.findall(text)
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.6


def sentence_case(text: str, names: frozenset[str]) -> str:
    """Lower every capitalised word but the first, known names (``names``: single words) and acronyms."""
    if not is_headline_case(text):
        return text
    all_caps = text.upper() == text

    def fix(match: re.Match) -> str:
        word = match.group(0)
        if match.start() == 0 or word.strip(".'’") in names:
            return word if not all_caps else word[0] + word[1:].lower() if word.strip(".'’") not in names else word
        if len(word) <= 4 and word.isupper() and not all_caps:
            return word  # acronyms: US, EU, NATO
        return word.lower()

    return _WORD.sub(fix, text)
