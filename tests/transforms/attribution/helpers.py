"""Hand-built spaCy `Doc`s for the attribution tests, made the way spaCy's own tests make them: every
word, head, label and entity written out, so a rule is tested on the parse it is given and not on
whatever the model of the day produces."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from transforms.doc_text import keep_text

# A plausible Penn tag for each coarse tag, where a test does not say (`the company` needs NN).
_DEFAULT_TAGS = {
    "ADJ": "JJ", "ADP": "IN", "ADV": "RB", "AUX": "VBD", "CCONJ": "CC", "DET": "DT", "INTJ": "UH",
    "NOUN": "NN", "NUM": "CD", "PART": "RP", "PRON": "PRP", "PROPN": "NNP", "PUNCT": ".", "SCONJ": "IN",
    "SPACE": "_SP", "SYM": "SYM", "VERB": "VBD", "X": "XX",
}
# Words written against the word before them, and words the next one is written against.
_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "?", "!", "”", "’", "'s", "’s", ")", "\n"})
_NO_SPACE_AFTER = frozenset({"“", "‘", "(", "\n"})

@cache
def blank_vocab() -> Vocab:
    """The vocabulary of a blank English pipeline, shared by every hand-built doc."""
    return spacy.blank("en").vocab


def default_spaces(words: Sequence[str]) -> list[bool]:
    """Return whether a space follows each word, as English news is written: none before a comma,
    a full stop or a closing mark, none after an opening mark, none around a line break."""
    return [i + 1 < len(words) and word not in _NO_SPACE_AFTER and words[i + 1] not in _NO_SPACE_BEFORE
            for i, word in enumerate(words)]


def make_doc(
    words: Sequence[str],
    *,
    spaces: Sequence[bool] | None = None,
    heads: Sequence[int] | None = None,
    deps: Sequence[str] | None = None,
    pos: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    lemmas: Sequence[str] | None = None,
    sent_starts: Sequence[bool] | None = None,
    ents: Sequence[str] | None = None,
) -> Doc:
    """Return a Doc on the blank English vocabulary with exactly the given annotation.

    `heads` are absolute token indices; with them the sentences are the parse's (a `sent_starts`
    given too must agree). Tags default to a plausible one for each coarse tag; an empty lemma
    makes the pipeline helpers read the lower-case word. `ents` are IOB tags (`B-PERSON`, `O`).
    The text is kept the way `transforms.doc_text` reads it.
    """
    words = list(words)
    if tags is None and pos is not None:
        tags = [_DEFAULT_TAGS[p] for p in pos]

    def listed(values: Sequence | None) -> list | None:
        return list(values) if values is not None else None

    doc = Doc(
        blank_vocab(), words=words, spaces=listed(spaces) or default_spaces(words), heads=listed(heads),
        deps=listed(deps), pos=listed(pos), tags=listed(tags), lemmas=listed(lemmas),
        sent_starts=listed(sent_starts), ents=listed(ents),
    )
    if heads is not None and sent_starts is not None:
        parsed = [bool(t.is_sent_start) for t in doc]
        if parsed != [bool(s) or i == 0 for i, s in enumerate(sent_starts)]:
            raise ValueError(f"sentence starts {list(sent_starts)} disagree with the parse's {parsed}")
    keep_text(doc, doc.text)
    return doc


def entity_tags(length: int, spans: Mapping[tuple[int, int], str]) -> list[str]:
    """Return IOB tags for `length` tokens from {(start, end): label} token spans."""
    tags = ["O"] * length
    for (start, end), label in spans.items():
        tags[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    return tags


def parsed_doc(rows: Sequence[tuple], ents: Mapping[tuple[int, int], str] | None = None) -> Doc:
    """Return a parsed Doc from one row a token: (word, pos, dep, head[, lemma[, tag]]), heads absolute."""
    padded = [tuple(row) + ("",) * (6 - len(row)) for row in rows]
    words, pos, deps, heads, lemmas, tags = (list(column) for column in zip(*padded))
    tags = [tag or _DEFAULT_TAGS[p] for tag, p in zip(tags, pos)]
    return make_doc(words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
                    ents=entity_tags(len(words), ents or {}))


def unparsed_doc(
    text: str, ents: Mapping[str, str] | None = None, verbs: Mapping[str, str] | None = None
) -> Doc:
    """Return a Doc of `text` with sentences and no parse: the blank tokenizer's words and
    sentencizer's sentences, every occurrence of each `ents` phrase labelled, and each word in
    `verbs` a VERB with the given lemma (every other word X, punctuation PUNCT)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    split = nlp(text)
    labels = ["O"] * len(split)
    for phrase, label in (ents or {}).items():
        at = text.find(phrase)
        while at >= 0:
            span = split.char_span(at, at + len(phrase))
            labels[span.start : span.end] = [f"B-{label}"] + [f"I-{label}"] * (len(span) - 1)
            at = text.find(phrase, at + 1)
    verbs = verbs or {}
    pos = ["SPACE" if t.is_space else "PUNCT" if t.is_punct else "VERB" if t.text in verbs else "X" for t in split]
    doc = make_doc([t.text for t in split], spaces=[bool(t.whitespace_) for t in split], pos=pos,
                   lemmas=[verbs.get(t.text, "") for t in split], sent_starts=[t.is_sent_start for t in split],
                   ents=labels)
    assert doc.text == text
    return doc
