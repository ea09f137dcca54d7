"""Scoring extracted quotes against a human-annotated gold set.

Matching follows the convention of research quote extractors for news: each gold quote is
matched, one-to-one and in order, to the unused predicted quote that covers the largest share
of its characters, when that share exceeds a threshold (0.3, and 0.8 for a stricter view).
A strict score matches on span intersection-over-union >= 0.5 instead.

A gold set may also name neutral spans: words attributed to someone that are not speech (a
belief, a poll's finding) and that an extractor may fairly take for a quote. A prediction left
unmatched that has more than 30% of its characters inside one neutral span is ignored: neither
right nor wrong, so it counts in neither precision nor recall. So is a piece of one gold span: a
prediction left unmatched with more than half its characters inside a gold quote that another
prediction matched (the gold joins `"A." … "B."` by one speaker; the extractor gives two quotes).

Named-speaker accuracy is the share of matched quotes, among those whose gold source is named,
where our speaker agrees with that source.

- Named: after leaving out parentheses, relative clauses and phrases that a preposition or
  participle opens (`speaker_parts`), the source has a word that starts with a capital letter and
  is neither a function word (determiner, pronoun, quantifier, number), a common word that opens
  a sentence (`Officials`, `Former`), nor a title (`the President`), unless it follows a title
  (`Mr. King`). A pronoun source (`he`, `She`, `who`) names no one, so it is left out: the gold
  gives no name to compare ours with. So is `a spokesman for Clinton`: Clinton is not the speaker.
- Agrees: our mention as written or our resolved name equals the source once normalised (or,
  when the source gives no name, `the Clinton campaign`, one of its parts); or a name the source
  gives its speaker (`speaker_names`: a run of capitalised words that heads a part, not one that
  modifies a noun or is a possessive before one) agrees with one of ours by `names_agree`. So
  `Sen. Ted Cruz (R-Texas)` is `Ted Cruz` and `Clinton campaign spokesman Brian Fallon` is
  `Brian Fallon`, but neither `the Clinton campaign` nor that spokesman is Hillary Clinton.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from transforms.canonical import split_title, stripped_name
from transforms.lexicon import entity_aliases, titles

COVERAGE_THRESHOLDS = (0.3, 0.8)
STRICT_IOU = 0.5
NEUTRAL_SHARE = 0.3
PIECE_SHARE = 0.5


@dataclass(frozen=True)
class ScoredQuote:
    """A quote as scoring sees it, gold or predicted: a span in an article and who said it."""

    doc_id: str
    quote: str
    start: int
    end: int
    speaker: str
    reference: str
    verb: str
    speaker_type: str = ""  # entity type of the resolved speaker (PERSON, ORG, ...), where known


GoldQuote = ScoredQuote  # one annotated quote
PredictedQuote = ScoredQuote  # one extracted quote, with offsets into the same text as the gold


@dataclass(frozen=True)
class Match:
    """A gold quote and the predicted quote matched to it."""

    gold: GoldQuote
    predicted: PredictedQuote


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of quote spans, with attribute accuracy over matched quotes."""

    gold: int
    predicted: int
    matched: int
    speaker_mention_correct: int
    speaker_reference_correct: int
    verb_correct: int
    ignored: int = 0  # predictions inside neutral spans, left out of `predicted`
    named_matched: int = 0  # matched quotes whose gold source names someone (`is_named`)
    named_speaker_correct: int = 0  # of those, the ones whose speaker agrees (`named_speaker_agrees`)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_mention_accuracy(self) -> float:
        return self.speaker_mention_correct / self.matched if self.matched else 0.0

    @property
    def speaker_reference_accuracy(self) -> float:
        return self.speaker_reference_correct / self.matched if self.matched else 0.0

    @property
    def named_speaker_accuracy(self) -> float:
        """The share of matched quotes with a named gold source whose speaker agrees with it."""
        return self.named_speaker_correct / self.named_matched if self.named_matched else 0.0

    @property
    def verb_accuracy(self) -> float:
        return self.verb_correct / self.matched if self.matched else 0.0


def gold_quotes(lines: Iterable[str]) -> list[GoldQuote]:
    """Return the gold quotes of a JSONL text, one quote a line."""
    quotes = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        try:
            quotes.append(GoldQuote(
                doc_id=str(record["doc_id"]), quote=record["quote"], start=int(record["quote_start"]),
                end=int(record["quote_end"]), speaker=record.get("speaker") or "",
                reference=record.get("reference") or "", verb=record.get("verb") or "",
            ))
        except KeyError as error:
            raise ValueError(f"gold line {number} lacks field {error}") from error
    return quotes


def coverage(gold: GoldQuote, predicted: PredictedQuote) -> float:
    """Return the share of the gold quote's characters that the prediction covers."""
    overlap = min(gold.end, predicted.end) - max(gold.start, predicted.start)
    return max(overlap, 0) / (gold.end - gold.start) if gold.end > gold.start else 0.0


def iou(gold: GoldQuote, predicted: PredictedQuote) -> float:
    """Return the intersection over union of two spans."""
    overlap = max(min(gold.end, predicted.end) - max(gold.start, predicted.start), 0)
    union = max(gold.end, predicted.end) - min(gold.start, predicted.start)
    return overlap / union if union else 0.0


def matches(gold: Sequence[GoldQuote], predicted: Sequence[PredictedQuote],
            score: Callable[[GoldQuote, PredictedQuote], float], threshold: float,
            inclusive: bool = False) -> list[Match]:
    """Return one-to-one matches, each gold quote taking the best unused prediction in its document."""
    unused_by_document = by_document(predicted)
    found = []
    for g in gold:
        unused = unused_by_document.get(g.doc_id, [])
        best, best_score = None, 0.0
        for p in unused:
            s = score(g, p)
            passes = s >= threshold if inclusive else s > threshold
            if passes and s > best_score:
                best, best_score = p, s
        if best is not None:
            unused.remove(best)
            found.append(Match(g, best))
    return found


def by_document(quotes: Iterable[ScoredQuote]) -> dict[str, list[ScoredQuote]]:
    """Return the quotes grouped by document id, in their order."""
    grouped: dict[str, list[ScoredQuote]] = defaultdict(list)
    for q in quotes:
        grouped[q.doc_id].append(q)
    return grouped


def neutral_share(predicted: PredictedQuote, neutral: GoldQuote) -> float:
    """Return the share of the prediction's characters inside a neutral span."""
    overlap = min(neutral.end, predicted.end) - max(neutral.start, predicted.start)
    return max(overlap, 0) / (predicted.end - predicted.start) if predicted.end > predicted.start else 0.0


def ignored(predicted: Sequence[PredictedQuote], matched: Sequence[Match],
            neutral: Sequence[GoldQuote]) -> list[PredictedQuote]:
    """Return the unmatched predictions that are neither right nor wrong: more than NEUTRAL_SHARE of
    their characters in one neutral span, or more than PIECE_SHARE inside a gold quote that another
    prediction matched (a piece of one span: the gold joins `"A." … "B."` by one speaker into one
    quote where the extractor gives two)."""
    used = {id(m.predicted) for m in matched}
    neutral_by_document = by_document(neutral)
    matched_gold = by_document(m.gold for m in matched)
    return [p for p in predicted if id(p) not in used
            and (any(neutral_share(p, n) > NEUTRAL_SHARE for n in neutral_by_document.get(p.doc_id, ()))
                 or any(neutral_share(p, g) > PIECE_SHARE for g in matched_gold.get(p.doc_id, ())))]


def scores(gold: Sequence[GoldQuote], predicted: Sequence[PredictedQuote], matched: Sequence[Match],
           neutral: Sequence[GoldQuote] = ()) -> Scores:
    """Return span and attribute scores for a set of matches, leaving out predictions in neutral spans;
    the named-speaker accuracy counts only matches whose gold source is named (no pronoun source)."""
    left_out = len(ignored(predicted, matched, neutral))
    named = [m for m in matched if is_named(m.gold.speaker)]
    return Scores(
        gold=len(gold), predicted=len(predicted) - left_out, matched=len(matched), ignored=left_out,
        speaker_mention_correct=sum(same_speaker(m.gold.speaker, m.predicted.speaker) for m in matched),
        speaker_reference_correct=sum(same_speaker(m.gold.reference, m.predicted.reference) for m in matched),
        verb_correct=sum(normalised_name(m.gold.verb) == normalised_name(m.predicted.verb) for m in matched),
        named_matched=len(named), named_speaker_correct=sum(named_speaker_agrees(m.gold, m.predicted) for m in named),
    )


@cache
def _listed_names() -> dict[str, str]:
    return {normalised_name(alias): normalised_name(listed.entity_name) for alias, listed in entity_aliases().items()}


def _listed_name(normalised: str) -> str:
    """Return the name the alias list gives a normalised name, or the name itself."""
    return _listed_names().get(normalised, normalised)


def normalised_name(name: str) -> str:
    """Return a name folded for comparison: no accents, case, title, possessive or leading `the`."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = stripped_name(text)
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    _, text = split_title(text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def same_speaker(gold: str, predicted: str) -> bool:
    """Whether two speaker names agree: equal once normalised and taken through the operators'
    alias list (`the Lib Dems` is `Liberal Democrats`), or one is the other's surname/first words."""
    a, b = _listed_name(normalised_name(gold)), _listed_name(normalised_name(predicted))
    if a == b:
        return True
    if not a or not b:
        return False
    short, long = sorted((a.split(), b.split()), key=len)
    return long[-len(short):] == short or long[: len(short)] == short


# --- Named speakers -------------------------------------------------------------------------
# Capitalised words that do not make a source a name: function words that open a sentence
# (`He`, `The`, `Some`), common nouns and adjectives that open one (`Officials`, `Former`), and
# days and months (`a poll released Sunday`).
# Titles (`the President`, `Senator`, from `titles.txt`) describe a speaker without naming one,
# so they count here too, but a word right after a title is a name (`Mr. King`, `Ms. White`).
_FUNCTION_WORDS = frozenset("""
    a an the this that these those some many most several few both all each every any another other others
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy
    eighty ninety hundred half more no none such
    i he she it we they you me him her us them his hers its our their my your theirs who which whom whose
    but and or so yet if when while as then there here also even only just still nearly almost about
    in at on of for from by with after before according
""".split())
_COMMON_OPENERS = frozenset("""
    officials aides critics supporters opponents proponents advocates activists analysts experts sources
    people police voters residents observers allies friends associates organizers prosecutors attorneys
    lawyers witnesses respondents candidates executives leaders politicians companies staff staffers
    lawmakers legislators members insiders donors strategists operatives pollsters polls reporters
    journalist reporter pollster spokesman spokeswoman spokesperson campaign administration law
    transcript article report statement documents records data surveys survey study newspaper editorial
    former presumptive presidential federal top senior current local political public leading
    retired rival multiple legal military foreign social digital
    monday tuesday wednesday thursday friday saturday sunday january february march april june july august
    september october november december
""".split())
_CONNECTORS = frozenset({"of", "de", "del", "da", "van", "von", "der", "la", "le", "du", "bin"})
_PREPOSITIONS = frozenset({"for", "of", "at", "from", "with", "to", "in", "on", "by", "about", "near", "behind",
                           "under", "against", "like", "among", "within", "inside", "outside", "including"})
_AFTER_A_NAME = frozenset({"himself", "herself", "itself", "themselves", "jr", "sr"})
_PARENTHESIS = re.compile(r"\([^)]*\)?")
# `that` is left out: it is more often a determiner (`one of the authors of that report, Ari Fleischer`).
_RELATIVE_CLAUSE = re.compile(r"\s(?:who|whom|whose|which)\s.*$", re.DOTALL)
_SEGMENT_BREAK = re.compile(r"\s*(?:[,;:—–]|\s-\s|\band\b|\bor\b|&)\s*")
_POSSESSIVE_END = re.compile(r"(?:['’]s|s['’])$")


def _bare(word: str) -> str:
    return _POSSESSIVE_END.sub("", word.strip(".,;:!?\"'“”‘’")).rstrip(".").lower()


def _is_title(word: str) -> bool:
    return (_bare(word),) in titles()


def _not_a_name(word: str, previous: str = "") -> bool:
    bare = _bare(word)
    if bare and previous and _is_title(previous):
        return False
    return not bare or bare.split("-")[0] in _FUNCTION_WORDS or bare in _COMMON_OPENERS or _is_title(word)


def _capitalised(word: str) -> bool:
    letter = next((ch for ch in word if ch.isalpha()), "")
    return letter.isupper()


def speaker_parts(source: str) -> list[str]:
    """Return the parts of a speaker as written that say who speaks, split at commas, `and`, `or`
    and dashes: without parentheses or a relative clause, and each part without a phrase that a
    preposition or participle opens (`a spokesman for Clinton`, `Jeffrey Lewis of the Martin
    Center`, `a superdelegate supporting Clinton`); a connector between capitalised words stays
    (`Secretary of State John Kerry`). A one-word part after such a phrase is taken for the rest of
    a place (`of Chappaqua, N.Y.`) and left out."""
    parts: list[str] = []
    cut = False
    for segment in _SEGMENT_BREAK.split(_RELATIVE_CLAUSE.sub("", _PARENTHESIS.sub(" ", source))):
        words = segment.split()
        if cut and len(words) == 1:
            continue
        kept = _before_a_phrase(words)
        cut = len(kept) < len(words)
        if kept:
            parts.append(" ".join(kept))
    return parts


def _before_a_phrase(words: Sequence[str]) -> Sequence[str]:
    for i, word in enumerate(words):
        bare = word.lower()
        connects = (0 < i < len(words) - 1 and bare in _CONNECTORS and _capitalised(words[i - 1])
                    and _bare(words[i - 1]) not in _FUNCTION_WORDS | _COMMON_OPENERS and _capitalised(words[i + 1]))
        opens = bare in _PREPOSITIONS or (
            bare.endswith("ing") and i > 0 and words[i - 1][:1].islower()
            and words[i - 1].lower() not in _FUNCTION_WORDS)
        if opens and not connects and word[:1].islower():
            return words[:i]
    return words


def is_named(source: str) -> bool:
    """Whether a speaker as written holds a name in its own phrase (`speaker_parts`): a word that
    starts with a capital letter and is not a function word, a common word that opens a sentence
    or a title, unless it follows a title (`Sen. Ted Cruz`, `the Clinton campaign`, `Democrats`,
    `Ms. White` are named; `He`, `Officials`, `the President`, `a spokesman for Clinton` not)."""
    words = " ".join(speaker_parts(source)).split()
    return any(_capitalised(word) and not _not_a_name(word, previous) for previous, word in zip(["", *words], words))


def speaker_names(source: str) -> list[str]:
    """Return the names a speaker as written gives its speaker: in its own phrase (`speaker_parts`),
    each run of capitalised words that heads a part of it, not one that modifies a noun (`the
    Clinton campaign`) or is a possessive before one (`Trump's campaign manager`). Commas, `and`,
    `or` and dashes split the parts."""
    names = []
    for part in speaker_parts(source):
        words = part.split()
        i = 0
        while i < len(words):
            if not _capitalised(words[i]) or words[i].lower() in _FUNCTION_WORDS:
                i += 1
                continue
            end = i + 1
            while end < len(words) and (_capitalised(words[end]) or (
                    words[end] in _CONNECTORS and end + 1 < len(words) and _capitalised(words[end + 1]))):
                end += 1
            run, following = words[i:end], words[end:end + 1]
            modifies = bool(following) and (
                _POSSESSIVE_END.search(run[-1]) is not None
                or (following[0][:1].islower() and following[0].strip(".,").lower() not in _AFTER_A_NAME))
            if not modifies and not all(map(_not_a_name, run, ["", *run])):
                names.append(" ".join(run))
            i = end
    return names


def _name_words(name: str) -> list[str]:
    return [word.strip(".,") for word in normalised_name(name).split() if word.strip(".,")]


def _ends_a_name(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    """Whether `shorter` runs inside `longer` up to its end or to a word that may follow a name
    (`of`, `Jr`), as `Hillary Clinton` in `Former Secretary of State Hillary Clinton` or `Johnny
    Isakson` in `Johnny Isakson of Georgia`: a name's last word is its head, so `City Mayor` is not
    `Atlantic City Mayor Don Guardian`."""
    n = len(shorter)
    return n > 0 and any(list(longer[i:i + n]) == list(shorter)
                         and (i + n == len(longer) or longer[i + n] in _CONNECTORS | _AFTER_A_NAME)
                         for i in range(len(longer) - n + 1))


def names_agree(gold_name: str, ours: str, person: bool = False) -> bool:
    """Whether two names are one speaker's: by `same_speaker`, or one's words run inside the other's
    (`Former Secretary of State Hillary Clinton`, `Hillary Clinton`), or, when ours is a person,
    the same surname and no other first name (`Donald J. Trump`, `Donald Trump`)."""
    if same_speaker(gold_name, ours):
        return True
    a, b = _name_words(gold_name), _name_words(ours)
    if _ends_a_name(a, b) or _ends_a_name(b, a):
        return True
    return person and len(a) > 1 and len(b) > 1 and a[-1] == b[-1] and a[0] == b[0]


def named_speaker_agrees(gold: ScoredQuote, predicted: ScoredQuote) -> bool:
    """Whether our speaker (mention as written, or resolved name) is the gold source's named speaker:
    equal once normalised, or a name it gives its speaker agrees with a name ours gives (see
    `speaker_names`, `names_agree`). A name inside a longer phrase about someone else does not
    agree: `the Clinton campaign` and `Clinton campaign spokesman Brian Fallon` are not Hillary Clinton."""
    ours = [name for name in (predicted.speaker, predicted.reference) if name.strip()]
    gold_names = speaker_names(gold.speaker)
    # A source that gives no name is matched as written, in full or in one of its parts.
    written = [gold.speaker, *([] if gold_names else speaker_parts(gold.speaker))]
    if {normalised_name(name) for name in ours} & {normalised_name(part) for part in written}:
        return True
    person = predicted.speaker_type == "PERSON"
    return any(names_agree(g, o, person) for g in gold_names for name in ours for o in speaker_names(name))
