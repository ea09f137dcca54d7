"""Entity mentions from spaCy's NER, each linked to one canonical entity within its article."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from transforms.canonical import canonical_name
from transforms.doc_text import text_of
from transforms.lexicon import entity_aliases, organisation_nouns, titles
from transforms.records import Mention

_SWALLOWED_POSSESSIVE = re.compile(r"['’]s\s+")
_SWALLOWED_HONORIFIC = re.compile(r"\s(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Prof)\.?\s+[A-Z]")
# Labels whose short forms may stand for a person's full name (spaCy often calls a bare
# surname an ORG).
_SHORT_FORM_LABELS = frozenset({"PERSON", "ORG"})
_TITLE_REACH = 40
# Last words that make `X's Y` one organisation's name rather than X plus a place called Y.
_NAME_ENDINGS = organisation_nouns() | {"office", "bank", "trust", "fund", "church", "hospital", "school",
                                        "college", "university", "institute", "foundation", "society"}  # characters before a name searched for its title
# Acronyms are tagged as organisations, places or nationalities alike (`the FSA`, `the CBO`).
_ACRONYM_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
# The capitalised word just before a span, and how far back to look for it.
_WORD_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*) $")
_WORD_BEFORE_REACH = 40
_ACRONYM_SKIP = frozenset({"of", "for", "the", "and", "on", "in", "&", "to", "at"})


@dataclass(frozen=True)
class _Span:
    start_char: int
    end_char: int
    text: str
    label: str


def sentence_starts(doc: Doc) -> list[int]:
    """Return the character offset where each sentence of `doc` starts, in order."""
    return [sent.start_char for sent in doc.sents]


def sentence_index(starts: Sequence[int], char: int) -> int:
    """Return the index of the sentence that holds character offset `char`."""
    return max(bisect_right(starts, char) - 1, 0)


def find_mentions(doc: Doc, starts: Sequence[int] | None = None) -> list[Mention]:
    """Return every entity mention in `doc`, linked to canonical names within the article."""
    starts = sentence_starts(doc) if starts is None else starts
    spans = _extended_to_listed_names(_repaired_spans(doc), text_of(doc))
    mentions = [_mention(span, starts, text_of(doc)) for span in spans]
    return [m for m in _linked(mentions) if m.entity_name]


def _repaired_spans(doc: Doc) -> list[_Span]:
    """Split spans that swallowed a possessive (`Temple University’s Tokyo` is an ORG and a place)
    or a person (`the Foreign Policy Centre Mr Straw`)."""
    labels_by_text = {ent.text: ent.label_ for ent in doc.ents}
    spans: list[_Span] = []
    for ent in doc.ents:
        honorific = _SWALLOWED_HONORIFIC.search(ent.text)
        if honorific is not None and ent.label_ != "PERSON":
            spans.append(_Span(ent.start_char, ent.start_char + honorific.start(), ent.text[: honorific.start()],
                               ent.label_))
            spans.append(_Span(ent.start_char + honorific.start() + 1, ent.end_char,
                               ent.text[honorific.start() + 1 :], "PERSON"))
            continue
        match = _SWALLOWED_POSSESSIVE.search(ent.text)
        if match is None:
            spans.append(_Span(ent.start_char, ent.end_char, ent.text, ent.label_))
            continue
        head = ent.text[: match.start()]
        tail = ent.text[match.end():]
        if tail.split()[-1].lower() in _NAME_ENDINGS and tail not in labels_by_text:
            spans.append(_Span(ent.start_char, ent.end_char, ent.text, ent.label_))
            continue  # `the Information Commissioner's Office` is one name
        spans.append(_Span(ent.start_char, ent.start_char + match.start(), head, ent.label_))
        tail_label = labels_by_text.get(tail)
        if tail_label is not None:
            tail_start = ent.start_char + match.end()
            spans.append(_Span(tail_start, ent.end_char, tail, tail_label))
    return spans


def _extended_to_listed_names(spans: list[_Span], text: str) -> list[_Span]:
    """Grow each span over the capitalised word before it when the two make a name in the
    operators' alias list: the model often tags only `Democrats` in `the Liberal Democrats`, or
    `Liberal` and `Democrat` as two spans."""
    extended: list[_Span] = []
    for span in spans:
        before = extended[-1] if extended else None
        if (before is not None and text[before.end_char : span.start_char] == " "
                and f"{before.text} {span.text}" in entity_aliases()):
            extended[-1] = _Span(before.start_char, span.end_char, text[before.start_char : span.end_char], span.label)
            continue
        floor = before.end_char if before is not None else 0
        match = _WORD_BEFORE.search(text, max(floor, span.start_char - _WORD_BEFORE_REACH), span.start_char)
        if match is not None and f"{match.group(1)} {span.text}" in entity_aliases():
            span = _Span(match.start(1), span.end_char, text[match.start(1) : span.end_char], span.label)
        extended.append(span)
    return extended


def _mention(span: _Span, starts: Sequence[int], text: str) -> Mention:
    name, entity_type, title = canonical_name(span.text, span.label)
    if entity_type == "PERSON" and title is None:
        title = title_before(text, span.start_char)
    return Mention(
        start_char=span.start_char,
        end_char=span.end_char,
        text=span.text,
        label=span.label,
        sentence_index=sentence_index(starts, span.start_char),
        entity_name=name,
        entity_type=entity_type,
        title=title,
    )


def title_before(text: str, start: int) -> str | None:
    """Return the title written just before a name (`President` in `President Lee`), if any."""
    words = text[max(0, start - _TITLE_REACH) : start].split()
    if not words or text[start - 1 : start] not in {" ", "\u00a0"}:
        return None
    for size in range(min(len(words), 4), 0, -1):
        candidate = words[-size:]
        if not candidate[0][:1].isupper():
            continue
        if tuple(w.rstrip(".").lower() for w in candidate) in set(titles()):
            return " ".join(candidate)
    return None


def _linked(mentions: list[Mention]) -> list[Mention]:
    """Point short forms (`Takaichi`, `President Lee`) at the one full name that contains them,
    and acronyms (`FSA`) at the one organisation name they abbreviate."""
    full_names = sorted({m.entity_name for m in mentions if m.entity_type == "PERSON" and " " in m.entity_name})
    expansions = _acronym_expansions(m.entity_name for m in mentions if m.entity_type in _ACRONYM_LABELS)
    linked = []
    for mention in mentions:
        if mention.entity_type in _SHORT_FORM_LABELS:
            # A bare organisation name shares its first word with many names (`Vivendi` in a
            # `Vivendi Universal` the NER took for a person): only a surname links it to a person.
            full = full_name_for(mention.entity_name, full_names, surname_only=mention.entity_type != "PERSON")
            if full is not None and full != mention.entity_name:
                mention = replace(mention, entity_name=full, entity_type="PERSON")
        expansion = expansions.get(mention.entity_name)
        if expansion is not None and mention.entity_type in _ACRONYM_LABELS:
            mention = replace(mention, entity_name=expansion, entity_type="ORG")
        linked.append(mention)
    return linked


def acronym(name: str) -> str:
    """Return the initials of a multi-word name, skipping function words: `Office for National
    Statistics` gives `ONS`."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words if w[0].isalpha()).upper() if len(words) > 1 else ""


def _acronym_expansions(names: Iterable[str]) -> dict[str, str]:
    """Map each acronym to the one full name in the article it abbreviates (none if several do)."""
    by_acronym: dict[str, set[str]] = {}
    for name in set(names):
        initials = acronym(name)
        if len(initials) >= 2:
            by_acronym.setdefault(initials, set()).add(name)
    return {short: next(iter(full)) for short, full in by_acronym.items() if len(full) == 1}


def full_name_for(short: str, full_names: Sequence[str], *, surname_only: bool = False) -> str | None:
    """Return the only full name whose last (or, unless `surname_only`, first) words are `short`,
    or None if none or several."""
    words = short.split()
    if not words:
        return None
    matches = {
        full for full in full_names
        if len(full.split()) > len(words)
        and (full.split()[-len(words):] == words or (not surname_only and full.split()[: len(words)] == words))
    }
    if len(matches) == 1:
        return matches.pop()
    return None
