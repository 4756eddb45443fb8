"""Is a text English? A cheap, offline test that compares the share of its words that are common
English function words with the share that are common function words of other European languages
(German, French, Spanish, Italian, Portuguese, Dutch). Texts in non-Latin scripts have almost no
words of either list and are told apart by their script."""

from __future__ import annotations

import re

ENGLISH = frozenset("""
the and of to in is are was were be been has have had that this these those it its they their
he his she her we our with by from for on at as an or but not will would said says which who
""".split())
OTHER = frozenset("""
der die das und ist nicht mit von zu den dem des ein eine auf sich auch wird wurde
le la les des et est une dans pour que qui sur pas du au aux ont été
el los las del y es por para con una que se lo al fue han muy
il di che non per sono della dei gli nel alla
os da do não em um uma ao pelo pela são foi
het een van en niet zijn met voor op dat
""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
MIN_WORDS = 12
MIN_LETTERS = 40  # fewer letters than this: too short to tell the script
SAMPLE = 4000  # characters read: an article's opening tells its language


def shares(text: str) -> tuple[float, float, int]:
    """(English function-word share, other-language function-word share, number of words)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return 0.0, 0.0, 0
    n = len(words)
    return sum(w in ENGLISH for w in words) / n, sum(w in OTHER for w in words) / n, n


def english_share(text: str) -> tuple[float, int]:
    english, _, n = shares(text)
    return english, n


def looks_english(text: str) -> bool:
    """False for text in another language; True for English and for texts too short to tell."""
    text = text[:SAMPLE]
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= MIN_LETTERS and sum(bool(_LATIN.match(c)) for c in letters) / len(letters) < 0.5:
        return False  # mostly another script: Cyrillic, Arabic, Chinese (whose words have no spaces), ...
    english, other, n = shares(text)
    if n < MIN_WORDS:
        return True
    return not (other >= 0.08 and other > english)
