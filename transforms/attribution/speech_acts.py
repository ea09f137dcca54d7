"""Speech acts whose report is not a that-clause: `urged voters to reject the plan`, `called for an
inquiry`, `denied the allegations`, `called the plan "a disaster"`. Which verbs take which
complements is data: transforms/data/speech_complements.tsv."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from transforms.attribution.parse import is_passive, verbs_among
from transforms.attribution.reported import ReportedClause, trimmed, within_sentence
from transforms.lexicon import speech_complements

_OBJECT_PREDICATES = frozenset({"oprd", "xcomp", "ccomp"})
_QUOTATION_MARKS = frozenset('"“”‘’«»\'')


def speech_act_clauses(doc: Doc) -> list[ReportedClause]:
    """`urged voters to reject the plan`, `called for an inquiry`, `denied the allegations`: speech
    acts whose report is a to-infinitive, an object or a preposition's object
    (transforms/data/speech_complements.tsv)."""
    table = speech_complements()
    clauses = []
    for verb in verbs_among(doc, frozenset(table)):
        allowed = table[verb.lemma_]
        if is_passive(verb) or any(c.dep_ in {"ccomp", "xcomp"} and c.i < verb.i for c in verb.children):
            continue
        if any(c.dep_ == "ccomp" for c in verb.children):
            continue  # the that-clause is the report
        parts = _complement_parts(verb, allowed)
        if not parts or (parts[2] == "topic" and not _holds_quotation(verb.doc[parts[0] : parts[1]])):
            continue
        span = trimmed(within_sentence(verb, parts[0], parts[1]), min_words=2)
        if span is not None and verb.i not in range(span.start, span.end) and not _only_a_name(span):
            clauses.append(ReportedClause(span.start_char, span.end_char, verb, verb.text, None))
    return clauses


def _only_a_name(span: Span) -> bool:
    """`criticised Prime Minister Jane Doe`: an object that is only a name is whom the act is
    about, not what was said."""
    return all(t.pos_ == "PROPN" or t.ent_iob_ != "O" or not t.is_alpha for t in span)


def _holds_quotation(span: Span) -> bool:
    """Whether words in quotation marks stand in a span: `called the plan "a disaster"` reports
    words; `announced its results` or `criticised the plans` only names what the act was about."""
    return any(t.text in _QUOTATION_MARKS for t in span)


def _complement_parts(verb: Token, allowed: frozenset[str]) -> tuple[int, int, str] | None:
    """Return the token range that carries what a speech act reported and the kind of complement
    (`to`, `object` or the preposition), or None."""
    rights = list(verb.rights)
    for child in rights:
        to_infinitive = child.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)
        if to_infinitive and "to" in allowed:
            hearers = [c for c in rights if c.dep_ in {"dobj", "dative"} and c.i < child.i]
            start = hearers[0].left_edge.i if hearers else child.left_edge.i
            return start, child.right_edge.i + 1, "to"
        if child.dep_ == "prep" and child.lower_ in allowed:
            objects = [c for c in child.rights if c.dep_ in {"pobj", "pcomp"}]
            if objects:  # `called on them not to turn …`: the infinitive after the object is part of it
                then = [c.right_edge.i for c in rights if c.dep_ == "xcomp" and c.i > child.i]
                return objects[0].left_edge.i, max([child.right_edge.i, *then]) + 1, child.lower_
        if child.dep_ == "dobj" and any(c.dep_ == "prep" and c.lower_ in allowed for c in child.children):
            return child.left_edge.i, child.right_edge.i + 1, "predicate"  # `accused the mayor of lying`
        if child.dep_ == "dobj" and allowed & {"object", "topic"}:
            # `called the plan "a disaster"`, `dismissed it as "absurd"`: what follows the object belongs to it
            after = [c for c in rights if c.i > child.i and (c.dep_ in _OBJECT_PREDICATES
                                                              or (c.dep_ == "prep" and c.lower_ in {"as", "for"}))]
            if child.pos_ == "PRON" and not after:
                continue  # `called him`: a hearer, not what was said
            end = max([child.right_edge.i, *(c.right_edge.i for c in after)]) + 1
            return child.left_edge.i, end, "predicate" if after else ("object" if "object" in allowed else "topic")
    return None
