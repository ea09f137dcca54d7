"""Word lists that operators extend, read from the plain files in transforms/data/."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("transforms").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Alias:
    """A well-known variant of a canonical entity name."""

    alias: str
    entity_name: str
    entity_type: str


@cache
def speech_verbs() -> frozenset[str]:
    """Return the lemmas of verbs that introduce speech."""
    return frozenset(line.lower() for line in _lines("speech_verbs.txt"))


@cache
def cognition_verbs() -> frozenset[str]:
    """Return the lemmas of verbs of thinking, hoping and expecting: they report beliefs, not speech."""
    return frozenset(line.lower() for line in _lines("cognition_verbs.txt"))


@cache
def document_nouns() -> frozenset[str]:
    """Return head nouns of documents and findings whose author is their source (`figures from Ofcom`)."""
    return frozenset(line.lower() for line in _lines("document_nouns.txt"))


@cache
def spokespeople() -> frozenset[str]:
    """Return head nouns of people who speak for an organisation (`a spokesman for the ministry`)."""
    return frozenset(line.lower() for line in _lines("spokespeople.txt"))


@cache
def speech_complements() -> dict[str, frozenset[str]]:
    """Return, by speech verb lemma, the complements that carry what was said when it is not a
    that-clause: `to` (a to-infinitive), `object`, or a preposition (`for`, `of`, …)."""
    pairs = (line.split("\t") for line in _lines("speech_complements.tsv"))
    return {verb.strip().lower(): frozenset(kinds.split()) for verb, kinds in pairs}


@cache
def evaluation_speech_cues() -> frozenset[str]:
    """Return the words that make an annotated attribution speech when scoring (not the extractor's list)."""
    return frozenset(line.lower() for line in _lines("evaluation_speech_cues.txt"))


@cache
def titles() -> tuple[tuple[str, ...], ...]:
    """Return titles as lower-case word tuples without final full stops, longest first."""
    words = {tuple(word.rstrip(".").lower() for word in line.split("\t")[0].split()) for line in _lines("titles.txt")}
    return tuple(sorted(words, key=len, reverse=True))


@cache
def honorific_genders() -> dict[str, str]:
    """Return `m` or `f` by one-word honorific (`mr`, `dame`), from the gender column of titles.txt."""
    pairs = (line.split("\t") for line in _lines("titles.txt") if "\t" in line)
    return {title.strip().rstrip(".").lower(): gender.strip() for title, gender in pairs}


@cache
def person_nouns() -> frozenset[str]:
    """Return head nouns of descriptions that stand for an already named person (`the singer`)."""
    return frozenset(line.lower() for line in _lines("person_nouns.txt"))


@cache
def organisation_nouns() -> frozenset[str]:
    """Return head nouns of descriptions that stand for an already named organisation (`the company`)."""
    return frozenset(line.lower() for line in _lines("organisation_nouns.txt"))


@cache
def first_name_genders() -> dict[str, str]:
    """Return `f` or `m` by common first name (case-folded)."""
    pairs = (line.split("\t") for line in _lines("first_names.tsv"))
    return {name.strip().casefold(): gender.strip() for name, gender in pairs}


@cache
def scare_cues() -> tuple[str, ...]:
    """Return lower-case phrases that introduce a quoted name or scare quote."""
    return tuple(line.lower() for line in _lines("scare_cues.txt"))


@cache
def entity_aliases() -> dict[str, Alias]:
    """Return the alias list keyed by the alias as written."""
    aliases: dict[str, Alias] = {}
    for line in _lines("entity_aliases.tsv"):
        alias, name, entity_type = (part.strip() for part in line.split("\t"))
        aliases[alias] = Alias(alias, name, entity_type)
    return aliases
