"""Canonical entity names: one written form for every way an article names an entity."""

from __future__ import annotations

import hashlib
import re

from transforms.lexicon import entity_aliases, person_nouns, titles

_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_EDGE_JUNK = "\"'“”‘’«»()[]{},;:.!?-–— \t\n"
_EDGE_JUNK_KEEP_DOT = _EDGE_JUNK.replace(".", "")
_ABBREVIATION = re.compile(r"(?:\b\w\.){2,}$|\b(?:Jr|Sr|Inc|Co|Ltd|Corp|St)\.$")
_DETERMINER = re.compile(r"^(?:the|The|THE)\s+")
_SPACE = re.compile(r"\s+")
# Types whose names keep a leading "the" only as a determiner, never as part of the name.
_DETERMINED_TYPES = frozenset({"GPE", "ORG", "LOC", "FAC", "NORP", "EVENT", "PERSON"})
NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT",
                         "WORK_OF_ART", "LAW", "LANGUAGE"})


def stripped_name(text: str) -> str:
    """Return `text` without surrounding quotes and punctuation, possessive or extra space."""
    name = _SPACE.sub(" ", text).strip(_EDGE_JUNK_KEEP_DOT)
    name = _POSSESSIVE.sub("", name).strip(_EDGE_JUNK_KEEP_DOT)
    if _ABBREVIATION.search(name):  # the final full stop belongs to "U.S." or "Jr."
        return name
    return name.strip(_EDGE_JUNK)


def split_title(name: str) -> tuple[str | None, str]:
    """Return the title written before a person's name (if any) and the name without it; a role
    noun the NER took into the name (`Musician Alan Wass`) counts as a title."""
    words = name.split()
    found: list[str] = []
    while len(words) > 1:
        lowered = tuple(word.rstrip(".").lower() for word in words)
        match = next((t for t in titles() if lowered[: len(t)] == t and len(t) < len(words)), None)
        if match is None and len(words) > 2 and lowered[0] in person_nouns():
            match = lowered[:1]
        if match is None:
            break
        found.extend(words[: len(match)])
        words = words[len(match):]
    return (" ".join(found) or None), " ".join(words)


def written_name(text: str, entity_type: str) -> tuple[str, str | None]:
    """Return a mention's name as written, cleaned (no possessive, determiner or title), and its title."""
    name = stripped_name(text)
    if entity_type in _DETERMINED_TYPES:
        name = _DETERMINER.sub("", name)
    title = None
    if entity_type == "PERSON":
        title, name = split_title(name)
    return name, title


def canonical_name(text: str, entity_type: str) -> tuple[str, str, str | None]:
    """Return the canonical name, type and title of a mention as written."""
    name, title = written_name(text, entity_type)
    alias = entity_aliases().get(name)
    if alias is not None:
        return alias.entity_name, alias.entity_type, title
    return name, entity_type, title


def entity_id(entity_name: str, entity_type: str) -> str:
    """Return the stable id of a canonical entity: one id per case-folded name whatever type a
    document gave it (the warehouse decides one type per name) and whatever full stops it was
    written with, with dates, numbers and amounts kept apart from named things (`May` the month,
    `May` the person)."""
    folded = entity_name.casefold()
    # A named thing's full stops do not make another name (George W. Bush, U.S.); a value's do (5.5%).
    # sql/schema/005_entities.sql computes the same key in SQL for rows loaded before it.
    key = f"named\x1f{folded.replace('.', '')}" if entity_type in NAMED_TYPES else f"value\x1f{folded}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
