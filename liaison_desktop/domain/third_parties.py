"""Third parties named in free text, found for a subject access export (issue 23).

A SAR gives a person their own data; other people named in it are redacted unless the lead
decides otherwise. Household members and the team around the family are known records and are
redacted by id. People named only in words — "his uncle Dave", "Mrs Patel next door" — are found
here in two ways: names the vault knows (anyone in any family, any contact), and the shapes in
which people are named in case notes (a title and a surname; a relation and a first name). What
is found is offered to the lead for review, redacted by default.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")
RELATIONS = (
    "uncle", "aunt", "auntie", "aunty", "nan", "nana", "nanna", "gran", "granny", "grandma",
    "grandad", "granddad", "grandpa", "grandmother", "grandfather", "cousin", "neighbour",
    "neighbor", "boyfriend", "girlfriend", "partner", "friend", "stepdad", "stepmum",
    "stepfather", "stepmother", "brother", "sister", "lodger", "childminder",
)  # fmt: skip
# Capitalised words that follow a title or relation without being a name.
NOT_NAMES = frozenset(
    {
        "The", "A", "An", "And", "But", "He", "She", "They", "His", "Her", "Hers", "Their",
        "It", "We", "I", "At", "In", "On", "To", "Is", "Was", "Has", "Had", "Who", "From",
        "With", "Of", "For", "Next", "Door", "Said", "Says", "Came", "Comes", "Lives", "Lived",
    }
)  # fmt: skip
_NAME = r"[A-Z][a-z]+(?:['’-][A-Za-z]+)*"
_TITLED = re.compile(rf"\b(?:{'|'.join(TITLES)})\.?\s+({_NAME})")
_RELATED = re.compile(
    rf"\b(?:{'|'.join(RELATIONS)})s?,?\s+(?:called\s+|named\s+)?({_NAME}(?:\s+{_NAME})?)",
    re.IGNORECASE,
)
MIN_NAME = 2
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class FoundName:
    """A name of someone else found in the text, and how often."""

    name: str
    count: int
    known: bool  # a person or contact the vault holds (else found by its shape)


def find_third_parties(
    texts: Iterable[str], known_names: Iterable[str], keep: Iterable[str]
) -> list[FoundName]:
    """Names of other people in `texts`: known full names, titled surnames and relations'
    names; never a word of `keep` (the subject's own names, staff acting in their role)."""
    texts = [t for t in texts if t]
    kept = {w.casefold() for phrase in keep for w in phrase.split()}
    known = {" ".join(n.split()) for n in known_names if n and len(n.strip()) >= MIN_NAME}
    counts: Counter[str] = Counter()
    is_known: dict[str, bool] = {}
    taken: list[set[int]] = [set() for _ in texts]  # characters already counted, per text
    # Known full names (two or three words): looked up word by word, so a vault of tens of
    # thousands of people costs one set lookup per word of text, any case.
    full = {" ".join(n.casefold().split()): n for n in known if " " in n}
    lengths = sorted({len(key.split()) for key in full}, reverse=True)
    for i, text in enumerate(texts):
        words = list(_WORD.finditer(text))
        for at in range(len(words)):
            for size in lengths:
                span = words[at : at + size]
                if len(span) < size:
                    continue
                key = " ".join(w.group(0).casefold() for w in span)
                if key not in full or span[0].start() in taken[i]:
                    continue
                name = full[key]
                if not _all_kept(name, kept):
                    counts[name] += 1
                    is_known[name] = True
                    taken[i].update(range(span[0].start(), span[-1].end()))
                break
    for i, text in enumerate(texts):
        for regex in (_TITLED, _RELATED):
            for match in regex.finditer(text):
                name = _trim(match.group(1))
                if not name or _all_kept(name, kept) or match.start(1) in taken[i]:
                    continue
                counts[name] += 1
                is_known.setdefault(name, name in known)
                taken[i].update(range(match.start(1), match.start(1) + len(name)))
    # A shorter name inside a longer one found ("Dave" in "Dave Smith") is redacted with it.
    return sorted(
        (FoundName(name, n, is_known[name]) for name, n in counts.items()),
        key=lambda f: (-f.count, f.name.casefold()),
    )


def _trim(name: str) -> str:
    words = [w for w in name.split() if w[:1].isupper() and w not in NOT_NAMES]
    if not words or words[0] != name.split()[0]:
        return ""
    # Stop at the first word that is not a name ("Dave Next" → "Dave").
    kept: list[str] = []
    for word in name.split():
        if word in NOT_NAMES or not word[:1].isupper():
            break
        kept.append(word)
    joined = " ".join(kept)
    return joined if len(joined) >= MIN_NAME else ""


def _all_kept(name: str, kept: set[str]) -> bool:
    return all(word.casefold() in kept for word in name.split())
