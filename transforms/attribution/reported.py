"""Reported (indirect) speech: the clause a speech verb introduces, found in the parse.

`The military said it was deploying troops` reports `it was deploying troops`; so does
`According to the ministry, exports fell` (`exports fell`). Only the clause is the quote, without
the verb, the speaker, a leading `that` or the closing full stop. A verb of thinking (`He believes
the deal is dead`) reports a belief, not speech: its clause is found the same way and marked so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from transforms.attribution.parse import according_to, is_cognition_verb, is_report_verb, report_verbs, verbs_among

_TRIM_LEFT = frozenset({"that", ",", ":", "-", "—", "–"})
_QUESTION_MARKERS = frozenset({"whether", "if", "what", "why", "how", "who", "when", "where", "which"})
_MIN_CLAUSE_WORDS = 3
# Verbs whose `as X …` stands for what was said (`as Clinton told the News`), not for when (`as he spoke`).
_AS_REPORTED = frozenset({"say", "tell", "report", "write", "note", "explain", "put", "state", "argue", "claim",
                          "observe", "recall", "predict", "warn", "announce", "acknowledge", "admit", "tweet"})
_ASKING = frozenset({"ask", "question", "inquire", "wonder"})  # their report is a question
_INVERTED_DEPS = frozenset({"ccomp", "parataxis"})
_MAX_SUBJECT_TOKENS = 10
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class ReportedClause:
    """A clause of reported speech and the verb (or `according to`) that reports it."""

    start_char: int
    end_char: int
    cue: Token  # the speech verb, or `according`
    cue_text: str
    speaker_head: Token | None  # `according to X`: X; for verbs the subject is found later

    @property
    def is_belief(self) -> bool:
        """Whether the cue is a verb of thinking (`believes`, `expects`): no one is said to have said it."""
        return is_cognition_verb(self.cue)


def find_reported_clauses(doc: Doc) -> list[ReportedClause]:
    """Return every clause a speech verb or `according to` reports, in text order."""
    found = []
    for verb in verbs_among(doc, report_verbs()):
        # A speech verb heading its clause, or `Prices rose, he said` parsed upside down.
        found += [_ccomp_clause(child) for child in verb.children if child.dep_ in {"ccomp", "advcl"}]
        if verb.dep_ in _INVERTED_DEPS:
            found.append(_inverted_clause(verb))
        elif (verb.dep_ == "advcl" and verb.lemma_ in _AS_REPORTED
              and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)):
            found.append(_as_reported(verb))
    found += _according_to_clauses(doc)
    clauses = [c for c in found if c is not None]
    return _without_nested_reports(sorted(clauses, key=lambda c: (c.start_char, c.end_char)))


def _without_nested_reports(clauses: list[ReportedClause]) -> list[ReportedClause]:
    """`X said A, adding B`: A ends where the report of B begins, so each is its own quote."""
    result = []
    for clause in clauses:
        inner_cues = [c.cue for c in clauses if c is not clause
                      and clause.start_char <= c.cue.idx < clause.end_char and _continues_report(c.cue)]
        if inner_cues:
            doc = clause.cue.doc
            cut = min(cue.left_edge.idx if cue.left_edge.idx > clause.start_char else cue.idx for cue in inner_cues)
            span = doc.char_span(clause.start_char, cut, alignment_mode="contract")
            kept = trimmed(span)
            if kept is None:
                continue
            clause = replace(clause, start_char=kept.start_char, end_char=kept.end_char)
        result.append(clause)
    return result


def _is_fronted_clause(complement: Token, verb: Token) -> bool:
    """`Income had "risen by 20%", Mr Milburn told the BBC`, parsed as an adverbial clause: a
    whole clause (with its own subject) before the speech verb, closed by a comma."""
    doc = verb.doc
    closing = complement.right_edge.i + 1
    return (complement.i < verb.i and any(t.dep_ in _SUBJECTS for t in complement.children)
            and closing < len(doc) and doc[closing].text == ",")


def _continues_report(cue: Token) -> bool:
    """`…, adding …` or `… and warned …`: a second report by the same speaker, not one nested
    inside the first (`she said a lawyer had told her …`)."""
    follows_and = cue.i > 0 and cue.doc[cue.i - 1].lower_ == "and"
    return cue.dep_ in {"advcl", "conj"} and (cue.tag_ == "VBG" or follows_and)


def _inverted_clause(verb: Token) -> ReportedClause | None:
    """`Prices had risen, Mr Milburn told the BBC`, parsed with the speech verb under the clause."""
    head = verb.head
    if not is_report_verb(verb) or head == verb:
        return None
    if head.i > verb.i:
        return _parenthetical_clause(verb)
    if any(t.dep_ == "ccomp" for t in verb.children) or not any(t.dep_ in _SUBJECTS for t in verb.children):
        return None
    if not any(t.is_punct for t in verb.doc[head.i : verb.i]):
        return None  # `He has seen and said`: no comma, no report
    span = trimmed(within_sentence(verb, head.left_edge.i, verb.left_edge.i))
    if span is None or not _has_verb(span) or _is_circumstance(head):
        return None
    return ReportedClause(span.start_char, span.end_char, verb, verb.text, None)


def _as_reported(verb: Token) -> ReportedClause | None:
    """`As Clinton told the Daily News, tax relief is given …`, `As reported by the Post, …`: the
    clause the `as` attribution stands before (or after) is what was said."""
    head = verb.head
    if head.i > verb.i:  # `As X said, clause`
        start, end = verb.right_edge.i + 1, head.right_edge.i + 1
    else:  # `clause, as X said`
        start, end = head.left_edge.i, verb.left_edge.i
    span = trimmed(within_sentence(verb, start, end))
    if span is None or not _has_verb(span) or verb.i in range(span.start, span.end):
        return None
    return ReportedClause(span.start_char, span.end_char, verb, verb.text, None)


def _parenthetical_clause(verb: Token) -> ReportedClause | None:
    """`Raising the fee, he explains, would cut demand`: an attribution set off by commas inside
    the clause it reports; the report is the whole clause on both sides of it."""
    doc, head = verb.doc, verb.head
    subjects = [t for t in verb.children if t.dep_ in _SUBJECTS and t.i < verb.i]
    if not subjects or any(t.dep_ == "ccomp" or (t.dep_ == "dobj" and t.pos_ != "PRON") for t in verb.children):
        return None
    before = subjects[0].left_edge.i - 1  # the comma that opens the aside, whatever the parse hung on it
    after = next((t.i for t in doc[verb.i + 1 : verb.right_edge.i + 2] if t.text == ","), None)
    if before <= head.left_edge.i - 1 or doc[before].text != "," or after is None:
        return None
    span = trimmed(within_sentence(verb, head.left_edge.i, head.right_edge.i + 1))
    if span is None or span.start > before or span.end <= after:
        return None
    # The speaker stands inside the span, so it is named here rather than searched for outside it.
    return ReportedClause(span.start_char, span.end_char, verb, verb.text, subjects[0])


def _ccomp_clause(complement: Token) -> ReportedClause | None:
    verb = complement.head
    if not is_report_verb(verb) or (_is_question(complement) and verb.lemma_.lower() not in _ASKING):
        return None
    has_subject = any(t.dep_ in _SUBJECTS for t in verb.children)
    if complement.i < verb.i and (not _is_fronted_report(complement, verb)
                                  or (has_subject and not _set_off(complement, verb))):
        return None
    if complement.dep_ == "advcl" and (not _is_fronted_clause(complement, verb) or _is_circumstance(complement)):
        return None  # `Speaking in London, he said …`: a circumstance, not what was said
    end, speaker = complement.right_edge.i + 1, None
    if complement.i < verb.i and not any(t.dep_ in _SUBJECTS for t in verb.children):
        end, speaker = _subject_swallowed(complement, verb)
    start = complement.left_edge.i
    if start < verb.i < complement.i:  # `a rule change that he said would make …`: the relative pronoun stays out
        start = verb.right_edge.i + 1 if verb.right_edge.i < complement.i else verb.i + 1
    span = trimmed(within_sentence(verb, start, end))
    if span is None or verb.i in range(span.start, span.end) or not _has_verb(span):
        return None
    return ReportedClause(span.start_char, span.end_char, verb, verb.text, speaker)


def _subject_swallowed(complement: Token, verb: Token) -> tuple[int, Token | None]:
    """`…, the Office for National Statistics said`, misparsed into the clause: the words after
    the clause's last comma are the speaker."""
    doc = verb.doc
    commas = [t.i for t in doc[complement.left_edge.i : verb.i] if t.text == ","]
    if commas:
        segment = doc[commas[-1] + 1 : verb.i]
        if 0 < len(segment) <= _MAX_SUBJECT_TOKENS and any(t.pos_ in {"NOUN", "PROPN"} for t in segment):
            return commas[-1], segment.root
    return complement.right_edge.i + 1, None


def within_sentence(verb: Token, start: int, end: int) -> Span:
    """Clip a clause to the verb's sentence and paragraph: a parse can reach across a headline."""
    doc = verb.doc
    sentence = verb.sent
    start, end = max(start, sentence.start), min(end, sentence.end)
    for i in range(verb.i - 1, start - 1, -1):
        if "\n" in doc[i].text_with_ws:
            start = i + 1
            break
    for i in range(verb.i, end):
        if "\n" in doc[i].text_with_ws and i + 1 < end:
            end = i + 1
            break
    return doc[start:end]


def _is_fronted_report(complement: Token, verb: Token) -> bool:
    """`Prices will rise, the minister said`: a clause before its verb is a report only when the
    verb has no clause after it and its subject does not come before the clause (a misparse)."""
    if any(t.dep_ == "ccomp" and t.i > verb.i for t in verb.children):
        return False
    subjects = [t for t in verb.children if t.dep_ in _SUBJECTS]
    return not any(t.i < complement.left_edge.i for t in subjects)


def _set_off(complement: Token, verb: Token) -> bool:
    """`Prices will rise, the minister said`: a report before its verb is closed by a comma, a dash
    or a quotation mark (on its last word or after it); without one it is the parse running two
    clauses together."""
    between = complement.doc[complement.right_edge.i : verb.i]
    return any(t.text in {",", "—", "–", "-", '"', "”", "’", "'"} for t in between)


def _is_circumstance(clause: Token) -> bool:
    """`Before Justice Scalia died, the court agreed …`, `When he spoke, …`: a clause opened by a
    subordinating word other than `that` tells when or why, not what was said."""
    return any(c.dep_ == "mark" and c.lower_ not in {"that", "whether", "if"} for c in clause.children)


def _has_verb(span: Span) -> bool:
    """Whether a span holds a verb: a report is a clause, never a bare phrase (`Inside the hall`)."""
    return any(t.pos_ in {"VERB", "AUX"} for t in span)


def _is_question(complement: Token) -> bool:
    """`did not say why …`: an embedded question reports no statement (unless the verb asks it). The
    question word opens the clause itself, not one nested in it (`said, when she was …, a boss …`)."""
    first = complement.doc[complement.left_edge.i]
    if first.i < complement.head.i:
        return False  # `proposals which the Tories say would save …`: a relative pronoun, not a question
    return first.lower_ in _QUESTION_MARKERS and (first.head == complement or first.head.head == complement)


def trimmed(span: Span | None, min_words: int = _MIN_CLAUSE_WORDS) -> Span | None:
    """Drop a leading `that` and punctuation, and closing punctuation, from a clause."""
    if span is None or not len(span):
        return None
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _TRIM_LEFT or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in {'"', "”", "’", "»", "'"}
                           or doc[end - 1].is_space or doc[end - 1].pos_ == "CCONJ"):
        end -= 1
    words = sum(1 for t in doc[start:end] if t.is_alpha)
    if words < min_words:
        return None
    return doc[start:end]


def _according_to_clauses(doc: Doc) -> list[ReportedClause]:
    clauses = []
    for according, source in according_to(doc):
        head = according.head
        if head == according:
            continue
        if according.i < head.i:  # `According to X, clause`
            clause = doc[according.right_edge.i + 1 : head.right_edge.i + 1]
        else:  # `clause, according to X`
            clause = doc[head.left_edge.i : according.i]
        clause = trimmed(within_sentence(according, clause.start, clause.end))
        if clause is not None:
            clauses.append(ReportedClause(clause.start_char, clause.end_char, according, "according to", source))
    return clauses
