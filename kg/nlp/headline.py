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
    known = {n.upper(): n for n in names if len(n) > 1} if all_caps else {}

    def fix(match: re.Match) -> str:
        word = match.group(0)
        bare = re.sub(r"['’]s$", "", word).strip(".'’")  # "Jian's" is the name "Jian"
        if all_caps and bare in known and not (bare.isupper() and known[bare].isupper()):
            return word.replace(bare, known[bare])  # "KREMLIN" -> "Kremlin"; "NATO" stays
        if all_caps and bare in known:
            return word
        if match.start() == 0 or bare in names:
            return word if not all_caps else word[0] + word[1:].lower()
        if len(word) <= 4 and word.isupper() and not all_caps:
            return word  # acronyms: US, EU, NATO
        return word.lower()

    return _WORD.sub(fix, text)


def uncapitalise_lines(text: str, names: frozenset[str]) -> str:
    """Body lines written in ALL CAPS ("THE KREMLIN DENIED ANY INVOLVEMENT.") in sentence case, so the
    parser reads them as prose; every other line as it is. Offsets stay where they were (a line whose
    length would change is left alone)."""
    out = []
    for line in text.splitlines(keepends=True):
        fixed = sentence_case(line, names) if _all_caps_line(line) else line
        out.append(fixed if len(fixed) == len(line) else line)
    return "".join(out)


def _all_caps_line(line: str) -> bool:
    return line.upper() == line and len(_WORD.findall(line)) >= 4
