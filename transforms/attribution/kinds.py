"""What kind of quote a span in quotation marks is: `direct` (whole sentences someone said),
`partial` (a fragment of someone's words inside the writer's sentence) or `scare` (a term, a name
or a title the writer puts in marks, that nobody is said to have said)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from transforms.attribution.marks import QuoteSpan
from transforms.attribution.parse import SUBJECT_DEPS, is_speech_verb
from transforms.doc_text import text_of
from transforms.lexicon import scare_cues, speech_verbs

MAX_SCARE_WORDS = 4

def quote_kind(doc: Doc, span: QuoteSpan, tokens: Span) -> str:
    """Return `direct`, `partial` or `scare` for a span in quotation marks."""
    words = [t for t in tokens if t.is_alpha]
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in tokens)
    if _follows_scare_cue(doc, span) and len(words) <= MAX_SCARE_WORDS:
        return "scare"
    if is_title_of_work(doc, span, tokens):
        return "scare"
    if _opens_sentence(doc, span) and _ends_utterance(doc, span):
        return "direct"  # `"Every single time."`: a whole sentence in quotation marks
    if len(words) <= MAX_SCARE_WORDS and not has_verb:
        if _modifies_following_noun(span, tokens) or (
            all(w.text[:1].isupper() for w in words) and not _opens_sentence(doc, span)
        ):
            return "scare"
        return "partial"
    if _opens_sentence(doc, span) or _has_clause(tokens):
        return "direct"
    return "partial"


def word_count(tokens: Span) -> int:
    return sum(1 for t in tokens if t.is_alpha)


def _follows_scare_cue(doc: Doc, span: QuoteSpan) -> bool:
    before = text_of(doc)[max(0, span.open_char - 30) : span.open_char].lower().rstrip()
    return any(before.endswith(cue) for cue in scare_cues())


def _modifies_following_noun(span: QuoteSpan, tokens: Span) -> bool:
    """`‘America First’ policies`: the quoted words hang on the noun right after the mark."""
    following = next((t for t in tokens.doc[tokens.end :] if t.idx > span.close_char and not t.is_punct), None)
    if following is None or following.pos_ not in {"NOUN", "PROPN"}:
        return False
    return any(t.head == following or following in t.ancestors for t in tokens if t.head not in tokens)


def _opens_sentence(doc: Doc, span: QuoteSpan) -> bool:
    """Whether only punctuation or a colon stands between the sentence start and the mark."""
    mark = doc.char_span(span.open_char, span.open_char + 1, alignment_mode="expand")
    if mark is None:
        return False
    sentence = mark[0].sent
    lead = text_of(doc)[sentence.start_char : span.open_char].strip()
    return not lead or lead.endswith(":") or all(not ch.isalnum() for ch in lead)


def _ends_utterance(doc: Doc, span: QuoteSpan) -> bool:
    """Whether the quoted words end with a sentence's closing punctuation inside the marks, or the
    comma that hands over to an attribution (`"The risk," said Edward Leamer`)."""
    last = text_of(doc)[span.start_char : span.end_char].rstrip()[-1:]
    return last in {".", "?", "!"} or (last == "," and _attribution_follows(doc, span))


def _attribution_follows(doc: Doc, span: QuoteSpan) -> bool:
    """Whether a speech verb comes within a few words after the closing mark (`," said X`, `," he said`)."""
    after = doc.char_span(span.close_char, min(len(text_of(doc)), span.close_char + 40), alignment_mode="expand")
    return after is not None and any(t.pos_ == "VERB" and t.tag_ != "VBG" and t.lemma_ in speech_verbs() for t in after[:5])


def _has_clause(tokens: Span) -> bool:
    """Whether the quoted words hold a verb with its own subject: a sentence, not a fragment."""
    return any(t.dep_ in SUBJECT_DEPS and t.head in tokens for t in tokens)


_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with",
                                "by", "from", "as", "is", "vs", "v"})
_FRAME_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "advcl", "conj"})


def is_title_of_work(doc: Doc, span: QuoteSpan, tokens: Span) -> bool:
    """`a scene from "The Long Road Home"`, `said on ABC's "This Week With George Stephanopoulos"`:
    every word capitalised but the small ones, in the middle of a sentence: a title, not words said."""
    words = [t for t in tokens if t.is_alpha]
    if len(words) < 2 or _opens_sentence(doc, span) or not words[0].text[:1].isupper():
        return False
    return all(w.text[:1].isupper() or w.lower_ in _TITLE_SMALL_WORDS for w in words)


def has_speech_frame(tokens: Span) -> bool:
    """Whether a quoted fragment is what a speech verb reports (`called the plan "reckless"`,
    `dismissed it as "absurd"`, `said the plan was "a disaster"`), rather than a term in the
    writer's own words (`an online "road map"`), a title after `on` or the verb's subject."""
    inside = range(tokens.start, tokens.end)
    roots = [t for t in tokens if t.head.i not in inside or t.head == t]
    for root in roots:
        child, ancestor = root, root.head
        for _ in range(4):
            if child.dep_ in {"nsubj", "nsubjpass", "compound", "amod", "nmod", "poss"}:
                break  # the verb's subject, or a modifier of a noun: not what the verb reports
            if is_speech_verb(ancestor) and ancestor.i not in inside:
                via_as = child.dep_ == "prep" and child.lower_ == "as"
                return child.dep_ in _FRAME_DEPS or via_as
            if ancestor.head == ancestor:
                break
            child, ancestor = ancestor, ancestor.head
    return False
