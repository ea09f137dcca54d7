"""PolNeAR's attribution annotation (brat standoff) as gold quotes and neutral spans for scoring.

PolNeAR annotates every attribution: speech, but also beliefs, intentions and findings. Its
speech attributions become gold quotes; the others become neutral spans, where a prediction is
neither right nor wrong (see `transforms.evaluation`).

- Speech: a word of the cue is in `transforms/data/evaluation_speech_cues.txt`, a list of
  verbs and nouns of speaking and writing kept apart from the extractor's own `speech_verbs.txt`
  so that the gold set is not defined by what the extractor knows (the list holds lemmas; a cue word is compared through crude lemma guesses: the word itself, an irregular
  past, and the word less `s`, `es`, `ed`, `d`, `ing`, with `ies`/`ied` → `y` and a doubled final
  consonant undone), or the cue holds `according`, or the content holds a double quotation mark
  (`"“”«»„`; single marks are left out, as `’` is mostly an apostrophe).
- Discontinuous content (`10 40;55 90`, or several Content parts): the fragments are taken in
  text order; a gap that holds the relation's own cue or source next to a quotation mark splits
  the content there (`"A," she said, "B."` is two gold quotes with one speaker, as in the BBC
  gold), any other gap (an aside, a parenthesis, `the vote, he said, was close`) is spanned. A piece with no letter or digit (a lone closing mark) is
  dropped.
- Speaker: the Source parts' text as written, in text order, joined by ` and `; empty when the
  attribution has no source. PolNeAR resolves no pronoun, so `reference` is left empty.
- Verb: the Cue parts' text as written, joined by a space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from transforms.evaluation import GoldQuote
from transforms.lexicon import evaluation_speech_cues

RELATION_LABELS = frozenset({"Attribution", "Attribution-no-source"})
DOUBLE_QUOTE_MARKS = frozenset('"“”«»„')
QUOTE_MARKS = DOUBLE_QUOTE_MARKS | frozenset("'‘’")
_IRREGULAR_PASTS = {"said": "say", "told": "tell", "wrote": "write", "written": "write", "thought": "think",
                    "felt": "feel", "spoke": "speak", "spoken": "speak"}
_ANNOTATION_LINE = re.compile(r"^[TERAMN#]\d*\t")
_TEXT_BOUND = re.compile(r"^(?P<label>\S+) (?P<spans>\d+ \d+(?:;\d+ \d+)*)$")

Span = tuple[int, int]


@dataclass(frozen=True)
class Part:
    """A text-bound annotation (`T` line): its label, its fragments' offsets, and its text as written."""

    part_id: str
    label: str
    spans: tuple[Span, ...]
    text: str

    @property
    def start(self) -> int:
        return self.spans[0][0]


@dataclass(frozen=True)
class Attribution:
    """One attribution relation (`E` line) with its source, cue and content parts."""

    relation_id: str
    label: str
    sources: tuple[Part, ...]
    cues: tuple[Part, ...]
    contents: tuple[Part, ...]


def attributions(ann: str) -> list[Attribution]:
    """Return the attribution relations of a brat standoff text, in file order."""
    parts: dict[str, Part] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in _annotation_lines(ann):
        ident, rest = line.split("\t", 1)
        if ident.startswith("T"):
            parts[ident] = _part(ident, rest)
        elif ident.startswith("E"):
            events.append((ident, [tuple(arg.split(":", 1)) for arg in rest.split()]))
    return [_attribution(ident, arguments, parts) for ident, arguments in events]


def _annotation_lines(ann: str) -> list[str]:
    """Return the annotation's lines, a text field that runs over several lines joined back into its own."""
    lines: list[str] = []
    for line in ann.split("\n"):
        if _ANNOTATION_LINE.match(line) or not lines:
            lines.append(line)
        else:
            lines[-1] += "\n" + line
    # The file's final newline is not part of the last text field.
    return [line.removesuffix("\n") for line in lines if line.strip()]


def _part(ident: str, rest: str) -> Part:
    label_and_spans, _, text = rest.partition("\t")
    match = _TEXT_BOUND.match(label_and_spans)
    if match is None:
        raise ValueError(f"{ident}: not a text-bound annotation: {label_and_spans!r}")
    spans = tuple((int(s), int(e)) for s, e in (pair.split() for pair in match["spans"].split(";")))
    return Part(ident, match["label"], spans, text)


def _attribution(ident: str, arguments: Sequence[tuple[str, str]], parts: dict[str, Part]) -> Attribution:
    missing = [ref for _, ref in arguments if ref not in parts]
    if missing:
        raise ValueError(f"{ident} names parts that are not annotated: {', '.join(missing)}")
    by_role: dict[str, list[Part]] = {"Source": [], "Cue": [], "Content": []}
    label = ""
    for role, ref in arguments:
        role = role.rstrip("0123456789")  # Content2, Source2: further parts of the same role
        if role in RELATION_LABELS:
            label = role
        elif role in by_role:
            by_role[role].append(parts[ref])
    return Attribution(ident, label, *(tuple(sorted(by_role[r], key=lambda p: p.start))
                                       for r in ("Source", "Cue", "Content")))


def is_speech(attribution: Attribution) -> bool:
    """Whether an attribution reports speech or writing: a speech verb or `according` in its cue, or
    a double quotation mark in its content."""
    verbs = evaluation_speech_cues()
    cue_words = re.findall(r"[a-z]+", " ".join(p.text for p in attribution.cues).lower())
    if "according" in cue_words or any(verbs & lemma_guesses(word) for word in cue_words):
        return True
    return any(mark in part.text for part in attribution.contents for mark in DOUBLE_QUOTE_MARKS)


def lemma_guesses(word: str) -> set[str]:
    """Return the lemmas an inflected English verb form might have (crude, and generous on purpose)."""
    guesses = {word}
    if word in _IRREGULAR_PASTS:
        guesses.add(_IRREGULAR_PASTS[word])
    for suffix in ("ies", "ied"):
        if word.endswith(suffix):
            guesses.add(word[: -len(suffix)] + "y")
    for suffix in ("s", "es", "d", "ed", "ing"):
        stem = word.removesuffix(suffix)
        if stem != word and len(stem) >= 2:
            guesses |= {stem, stem + "e"}
            if suffix in ("ed", "ing") and len(stem) > 2 and stem[-1] == stem[-2]:
                guesses.add(stem[:-1])  # admitted → admit
    return guesses


def evaluation_spans(doc_id: str, text: str,
                     found: Iterable[Attribution]) -> tuple[list[GoldQuote], list[GoldQuote]]:
    """Return the gold quotes (speech attributions) and the neutral spans (the others) of an article,
    with offsets into its text; attributions without content give neither."""
    gold: list[GoldQuote] = []
    neutral: list[GoldQuote] = []
    for attribution in found:
        speaker = " and ".join(p.text for p in attribution.sources)
        verb = " ".join(p.text for p in attribution.cues)
        quotes = [GoldQuote(doc_id, text[start:end], start, end, speaker, "", verb)
                  for start, end in content_pieces(attribution, text)]
        (gold if is_speech(attribution) else neutral).extend(quotes)
    return gold, neutral


def content_pieces(attribution: Attribution, text: str) -> list[Span]:
    """Return the content as spans of `text`: fragments joined across any gap but one where the cue or
    source interrupts a direct quote, and without pieces that hold no letter or digit."""
    fragments = sorted(span for part in attribution.contents for span in part.spans)
    breaks = [span for part in (*attribution.cues, *attribution.sources) for span in part.spans]
    pieces: list[Span] = []
    for start, end in fragments:
        if pieces and not _interrupts_a_direct_quote(text, pieces[-1][1], start, breaks):
            pieces[-1] = (pieces[-1][0], max(pieces[-1][1], end))
        else:
            pieces.append((start, end))
    return [(s, e) for s, e in pieces if any(ch.isalnum() for ch in text[s:e])]


def _interrupts_a_direct_quote(text: str, gap_start: int, gap_end: int, breaks: Sequence[Span]) -> bool:
    """Whether a gap holds the cue or source and is next to a quotation mark (`"A," she said, "B."`)."""
    if not any(gap_start <= b_start and b_end <= gap_end for b_start, b_end in breaks):
        return False
    before, after = text[:gap_start].rstrip()[-1:], text[gap_end:].lstrip()[:1]
    return bool({before, after} & QUOTE_MARKS)
