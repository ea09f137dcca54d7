"""Who said what: quote kinds and speakers, on the real model's parse."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from transforms.entities import find_mentions
from transforms.attribution.quotes import find_quotes
from transforms.records import Mention, Quote

OPENING_MARKS = "\"“‘'«„"
CLOSING_MARKS = "\"”’'»“"


def _quotes(nlp: Language, text: str) -> list[Quote]:
    doc = nlp(text)
    return find_quotes(doc, find_mentions(doc))


def _only_quote(nlp: Language, text: str) -> Quote:
    (quote,) = _quotes(nlp, text)
    assert quote.text == text[quote.start_char : quote.end_char]
    return quote


def _speaker(quote: Quote) -> tuple[str | None, str | None, str | None]:
    return quote.speaker_mention, quote.speaker_name, quote.speaker_type


# ---------------------------------------------------------------- the seed article


def _seed_quote(seed_quotes: list[Quote], starts_with: str) -> Quote:
    (quote,) = [q for q in seed_quotes if q.text.startswith(starts_with)]
    return quote


def test_seed_has_exactly_the_four_quotes_in_marks(seed_text: str, seed_quotes: list[Quote]) -> None:
    marked = [q for q in seed_quotes if seed_text[q.start_char - 1] in OPENING_MARKS]
    assert [q.text.split()[0] for q in marked] == ["tense", "shuttle", "undesirable", "America"]


def test_seed_reported_speech_is_found_without_verb_or_speaker(seed_quotes: list[Quote]) -> None:
    indirect = {q.text: q for q in seed_quotes if q.kind == "indirect"}
    observed = indirect["the growing regional instability is driving the two U.S. allies toward closer coordination"]
    assert (observed.cue_verb, observed.speaker_mention) == ("observe", "Analysts")
    told = next(q for text, q in indirect.items() if "‘undesirable for Northeast Asian stability,’" in text)
    assert (told.cue_verb, told.speaker_name) == ("telling", "Lee Jae Myung")
    assert told.text.endswith("he would not directly intervene in the dispute")


def test_seed_fragment_inside_reported_speech_is_nested_with_the_same_speaker(seed_quotes: list[Quote]) -> None:
    fragment = _seed_quote(seed_quotes, "undesirable")
    assert (fragment.kind, fragment.nested, fragment.rule) == ("partial", True, "within_reported")
    assert not any(q.nested for q in seed_quotes if q is not fragment)


def test_seed_hardy_chartrand_quote_is_direct_after_noted(seed_quotes: list[Quote]) -> None:
    quote = _seed_quote(seed_quotes, "tense regional geopolitics")
    assert quote.text.endswith("to build stronger relations.")
    assert (quote.kind, quote.cue_verb, quote.speaker_name, quote.speaker_type) == (
        "direct", "noted", "Benoit Hardy-Chartrand", "PERSON")
    assert quote.speaker_mention is not None and quote.speaker_mention.endswith("Benoit Hardy-Chartrand")


def test_seed_president_lee_quote_is_attributed_to_lee_jae_myung(seed_quotes: list[Quote]) -> None:
    quote = _seed_quote(seed_quotes, "undesirable")
    assert quote.text == "undesirable for Northeast Asian stability,"
    assert _speaker(quote) == ("President Lee", "Lee Jae Myung", "PERSON")


def test_seed_shuttle_diplomacy_is_partial_and_not_a_named_person(seed_quotes: list[Quote],
                                                                  seed_mentions: list[Mention]) -> None:
    quote = _seed_quote(seed_quotes, "shuttle diplomacy")
    people = {m.entity_name for m in seed_mentions if m.entity_type == "PERSON"}
    assert (quote.text, quote.kind) == ("shuttle diplomacy", "partial")
    assert quote.speaker_type != "PERSON" and quote.speaker_name not in people
    assert quote.speaker_mention in {None, "The leaders"}  # the subject of `emphasized`, if anyone


def test_seed_america_first_is_a_scare_quote_with_no_speaker(seed_quotes: list[Quote]) -> None:
    quote = _seed_quote(seed_quotes, "America First")
    assert (quote.text, quote.kind, quote.cue_verb) == ("America First", "scare", "")
    assert _speaker(quote) == (None, None, None)


def test_seed_quotes_sit_between_marks_not_apostrophes(seed_text: str, seed_quotes: list[Quote]) -> None:
    for quote in (q for q in seed_quotes if q.kind != "indirect"):
        assert seed_text[quote.start_char : quote.end_char] == quote.text
        assert seed_text[quote.start_char - 1] in OPENING_MARKS
        assert seed_text[quote.end_char] in CLOSING_MARKS
        assert not seed_text[quote.start_char - 2].isalnum()  # an opening mark, not China’s
        assert not seed_text[quote.end_char + 1 : quote.end_char + 2].isalnum()  # a closing mark, not don’t


def test_seed_quote_sentence_index_is_the_sentence_holding_it(seed_doc: Doc, seed_quotes: list[Quote]) -> None:
    sentences = list(seed_doc.sents)
    for quote in seed_quotes:
        sentence = sentences[quote.sentence_index]
        assert sentence.start_char <= quote.start_char < sentence.end_char


# ---------------------------------------------------------------- made-up sentences


@pytest.mark.parametrize(
    ("text", "quoted", "cue"),
    [
        ('"We will win," said John Smith.', "We will win,", "said"),
        ('John Smith said: "We will win."', "We will win.", "said"),
        ('"We will win," John Smith told reporters.', "We will win,", "told"),
        ('John Smith, who said "we will win the vote," left early.', "we will win the vote,", "said"),
    ],
)
def test_quotes_direct_speech_verb_names_the_speaker(nlp: Language, text: str, quoted: str, cue: str) -> None:
    quote = _only_quote(nlp, text)
    assert (quote.text, quote.kind, quote.cue_verb) == (quoted, "direct", cue)
    assert _speaker(quote) == ("John Smith", "John Smith", "PERSON")


@pytest.mark.parametrize(
    "text",
    ['John Smith arrived. "We will win," he said.', 'Mary Jones arrived. "We will win," she said.'],
)
def test_quotes_pronoun_speaker_resolves_to_last_person_named(nlp: Language, text: str) -> None:
    quote = _only_quote(nlp, text)
    named = text.split(" arrived")[0]
    assert (quote.speaker_name, quote.speaker_type, quote.cue_verb) == (named, "PERSON", "said")
    assert quote.speaker_mention in {"he", "she"}


def test_quotes_plural_pronoun_speaker_is_not_a_person(nlp: Language) -> None:
    quote = _only_quote(nlp, 'Jane Doe and John Smith met. "We disagree on the budget," they said.')
    assert _speaker(quote) == ("they", None, "PRONOUN")


def test_quotes_title_and_surname_resolve_to_full_name(nlp: Language) -> None:
    quote = _only_quote(nlp, 'Prime Minister Jane Doe visited Paris on Monday. Ms Doe said "the talks went very well."')
    assert _speaker(quote) == ("Ms Doe", "Jane Doe", "PERSON")


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('"The economy will recover by spring," according to John Smith.', "The economy will recover by spring,"),
        ('According to John Smith, "the economy will recover by spring."', "the economy will recover by spring."),
    ],
)
def test_quotes_according_to_names_the_speaker(nlp: Language, text: str, quoted: str) -> None:
    quote = _only_quote(nlp, text)
    assert (quote.text, quote.cue_verb) == (quoted, "according to")
    assert (quote.speaker_name, quote.speaker_type) == ("John Smith", "PERSON")


@pytest.mark.parametrize(
    "text",
    ['The ministry said "the plan will be published next week."',
     'The ministry said in a statement that "the plan will be published next week."'],
)
def test_quotes_organisation_speaker_is_a_noun_phrase_or_org(nlp: Language, text: str) -> None:
    quote = _only_quote(nlp, text)
    assert quote.cue_verb == "said"
    assert quote.speaker_mention == "The ministry"
    assert quote.speaker_type in {"NOUN_PHRASE", "ORG"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We will win," said John Smith, "and we will win big."', "John Smith"),
        ('John Smith arrived. "We will win," he said, "and we will win soon."', "John Smith"),
    ],
)
def test_quotes_interrupted_quote_both_halves_same_speaker(nlp: Language, text: str, speaker: str) -> None:
    first, second = _quotes(nlp, text)
    assert (first.speaker_name, second.speaker_name) == (speaker, speaker)
    assert first.cue_verb == second.cue_verb == "said"
    assert second.rule == "interrupted"
    assert text[first.end_char : second.start_char].count('"') == 2  # two spans, the narration between them


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('Critics attacked the so-called "peace dividend" last year.', "peace dividend"),
        ("Officials dubbed it “Operation Sunrise” on Monday.", "Operation Sunrise"),
    ],
)
def test_quotes_scare_quote_after_cue_has_no_speaker(nlp: Language, text: str, quoted: str) -> None:
    # `attacked the so-called "peace dividend"` also reports what was attacked: an indirect quote
    # around the term; the term itself stays a scare quote, not a fragment of that report.
    [quote] = [q for q in _quotes(nlp, text) if q.text == quoted]
    assert (quote.text, quote.kind, quote.cue_verb, quote.rule) == (quoted, "scare", "", "scare")
    assert _speaker(quote) == (None, None, None)


def test_quotes_partial_quote_inside_reported_speech(nlp: Language) -> None:
    text = 'Critics said the plan was "dead on arrival" and would fail.'
    clause, fragment = _quotes(nlp, text)
    assert (clause.kind, clause.text, clause.cue_verb, clause.speaker_mention) == (
        "indirect", 'the plan was "dead on arrival" and would fail', "said", "Critics")
    assert (fragment.kind, fragment.text, fragment.nested, fragment.speaker_mention) == (
        "partial", "dead on arrival", True, "Critics")


def test_quotes_reported_clause_that_is_all_quotation_is_the_direct_quote(nlp: Language) -> None:
    quote = _only_quote(nlp, '"The plan is dead on arrival," critics said.')
    assert (quote.kind, quote.cue_verb, quote.speaker_mention, quote.nested) == ("direct", "said", "critics", False)


@pytest.mark.parametrize(("text", "clause", "verb", "speaker"), [
    ("The military said it was deploying troops.", "it was deploying troops", "said", "The military"),
    ("She told reporters that prices would rise sharply.", "prices would rise sharply", "told", "She"),
    ("Prices will rise sharply next year, the minister warned.", "Prices will rise sharply next year", "warned",
     "the minister"),
    ("According to the ministry, exports fell by 5% in May.", "exports fell by 5% in May", "according to",
     "the ministry"),
])
def test_quotes_reported_speech_is_the_clause_without_verb_speaker_or_full_stop(
        nlp: Language, text: str, clause: str, verb: str, speaker: str) -> None:
    quote = _only_quote(nlp, text)
    assert (quote.kind, quote.text, quote.cue_verb, quote.speaker_mention) == ("indirect", clause, verb, speaker)


@pytest.mark.parametrize("text", [
    "He did not say whether he would stand again.",
    "The minister would not explain why the plan had changed.",
])
def test_quotes_embedded_question_is_not_reported_speech(nlp: Language, text: str) -> None:
    assert _quotes(nlp, text) == []


@pytest.mark.parametrize(("text", "clause"), [
    ("Officials asked what the plan would cost.", "what the plan would cost"),
    ("Reporters asked whether the deal was dead.", "whether the deal was dead"),
])
def test_quotes_a_question_someone_asks_is_reported_speech(nlp: Language, text: str, clause: str) -> None:
    assert _only_quote(nlp, text).text == clause


@pytest.mark.parametrize(("text", "clause", "speaker"), [
    ("She urged voters to reject the plan.", "voters to reject the plan", "She"),
    ("He vowed to fight the charges.", "to fight the charges", "He"),
    ("She accused the mayor of lying to voters.", "the mayor of lying to voters", "She"),
    ("The senator warned of a crisis.", "a crisis", "The senator"),
    ("The mayor called for an inquiry into the deal.", "an inquiry into the deal", "The mayor"),
    ("He promised a full review.", "a full review", "He"),
    ('He called the plan "a disaster for the town".', 'the plan "a disaster for the town"', "He"),
])
def test_quotes_speech_acts_report_their_other_complements(nlp: Language, text: str, clause: str,
                                                             speaker: str) -> None:
    [quote] = [q for q in _quotes(nlp, text) if not q.nested]  # a fragment in marks is nested in it
    assert (quote.kind, quote.text, quote.speaker_mention) == ("indirect", clause, speaker)


@pytest.mark.parametrize("text", [
    "He denied the allegations.",
    "Microsoft announced its quarterly results on Tuesday.",
])
def test_quotes_a_speech_act_about_a_topic_reports_no_words(nlp: Language, text: str) -> None:
    assert _quotes(nlp, text) == []


@pytest.mark.parametrize(("text", "clause"), [
    ("Raising the fee, he explains, would cut demand.", "Raising the fee, he explains, would cut demand"),
    ("Few families can afford it, she said, especially in the north.", "Few families can afford it"),
])
def test_quotes_a_parenthetical_attribution_reports_the_clause_around_it(nlp: Language, text: str,
                                                                        clause: str) -> None:
    assert _only_quote(nlp, text).text == clause


def test_quotes_an_indirect_clause_that_runs_into_a_quotation_is_one_quote(nlp: Language) -> None:
    quotes = _quotes(nlp, 'Trump said the team was "very pleased with the ruling." He left.')
    outer = [q for q in quotes if not q.nested]
    assert [(q.kind, q.text) for q in outer] == [("indirect", 'the team was "very pleased with the ruling."')]


@pytest.mark.parametrize(("text", "kind"), [
    ("He believes the deal is dead.", "belief"),
    ("Analysts expect that rates will rise.", "belief"),
    ("She said the deal is dead.", "indirect"),
])
def test_quotes_verbs_of_thinking_report_beliefs_not_speech(nlp: Language, text: str, kind: str) -> None:
    assert _only_quote(nlp, text).kind == kind


@pytest.mark.parametrize("text", [
    "Patel was told the clinic would close.",
    "Voters were told that the plan would cost nothing.",
])
def test_quotes_a_passive_speech_verb_never_makes_its_subject_the_speaker(nlp: Language, text: str) -> None:
    assert all(q.speaker_mention is None or q.speaker_mention.split()[0] not in {"Patel", "Voters"}
               for q in _quotes(nlp, text))


def test_quotes_reported_clause_does_not_reach_across_a_paragraph(nlp: Language) -> None:
    text = "Weak dollar hits profits\n\nRevenues slipped 11% during the year, the group said."
    quote = _only_quote(nlp, text)
    assert quote.text == "Revenues slipped 11% during the year"


def test_quotes_it_resolves_to_the_organisation_last_quoted(nlp: Language) -> None:
    text = "Acme Corp said profits had doubled. It added it would hire 200 staff."
    first, second = _quotes(nlp, text)
    assert second.speaker_mention == "It" and second.speaker_name == first.speaker_name == "Acme Corp"


def test_quotes_without_speech_verb_have_empty_cue_verb(nlp: Language) -> None:
    quote = _only_quote(nlp, '"We will win" - John Smith, on Monday.')
    assert quote.cue_verb == ""
    assert (quote.speaker_name, quote.rule) == ("John Smith", "nearest_person")


def test_quotes_floating_quote_with_no_earlier_quote_has_no_speaker(nlp: Language) -> None:
    quote = _only_quote(nlp, 'John Smith arrived in London. "We have work to do."')
    assert (quote.kind, quote.cue_verb, quote.rule) == ("direct", "", "none")
    assert _speaker(quote) == (None, None, None)


def test_quotes_none_in_text_without_marks(nlp: Language) -> None:
    assert _quotes(nlp, "China’s leaders don’t comment on both nations’ economies.") == []


def test_quotes_multi_paragraph_quote_is_one_quote_for_the_closing_speaker(nlp: Language) -> None:
    text = 'John Smith arrived on Monday.\n"The first part is ready.\n"The second part will follow next year," Smith said.'
    quote = _only_quote(nlp, text)
    assert quote.text == 'The first part is ready.\n"The second part will follow next year,'
    assert (quote.speaker_mention, quote.speaker_name, quote.cue_verb) == ("Smith", "John Smith", "said")


# ---------------------------------------------------------------- known wrong attributions


@pytest.mark.parametrize(
    "text",
    [
        '"We will win," said Jane Doe. "No, we will lose," said John Smith.',
        '"We will win," Jane Doe said. "We will lose," John Smith said.',
        '"Taxes will rise," said Jane Doe. Her rival disagreed. "Taxes will fall," said John Smith.',
    ],
)
def test_quotes_second_speaker_named_after_own_quote_is_not_the_first(nlp: Language, text: str) -> None:
    first, second = _quotes(nlp, text)
    assert (first.speaker_name, second.speaker_name) == ("Jane Doe", "John Smith")


@pytest.mark.parametrize(
    "text",
    ['A spokesman for Jane Doe said "the plan is dead."', '"It is over," a spokesman for Prime Minister Jane Doe said.'],
)
def test_quotes_spokesman_for_a_person_is_not_that_person(nlp: Language, text: str) -> None:
    quote = _only_quote(nlp, text)
    assert quote.speaker_name != "Jane Doe"


def test_quotes_pronoun_prefers_the_earlier_subject_over_the_object(nlp: Language) -> None:
    quote = _only_quote(nlp, 'John Smith criticised Prime Minister Jane Doe on Monday. "She has failed the country," he said.')
    assert quote.speaker_name == "John Smith"


CURLY_ARTICLE = (
    "Prime Minister Justin Trudeau says Canada will respond to the tariffs.\n"
    "“We will not back down,” Trudeau said on Tuesday. “Canadians expect us to stand firm.”\n"
    "“They have failed,” Conservative Leader Pierre Poilievre said. “Every single time.”\n"
)


def test_quotes_floating_quote_takes_the_speaker_of_the_quote_before(nlp: Language) -> None:
    quotes = {q.text: q for q in _quotes(nlp, CURLY_ARTICLE)}
    floating = quotes["Canadians expect us to stand firm."]
    assert (floating.kind, floating.speaker_mention, floating.speaker_name, floating.cue_verb, floating.rule) == (
        "direct", None, "Justin Trudeau", "said", "carried_over")


def test_quotes_a_short_sentence_in_quotation_marks_is_a_direct_quote(nlp: Language) -> None:
    quotes = {q.text: q for q in _quotes(nlp, CURLY_ARTICLE)}
    assert (quotes["Every single time."].kind, quotes["Every single time."].speaker_name) == ("direct", "Pierre Poilievre")


def test_quotes_speaker_named_by_surname_resolves_to_full_name(nlp: Language) -> None:
    quotes = {q.text: q for q in _quotes(nlp, CURLY_ARTICLE)}
    said = quotes["We will not back down,"]
    assert (said.speaker_mention, said.speaker_name, said.cue_verb) == ("Trudeau", "Justin Trudeau", "said")


def test_quotes_multi_paragraph_curly_quote_is_one_span(nlp: Language) -> None:
    text = "“The first paragraph of the statement.\n“The second paragraph ends it,” she said.\n"
    (quote,) = _quotes(nlp, text)
    assert quote.text == "The first paragraph of the statement.\n“The second paragraph ends it,"


@pytest.mark.parametrize(("text", "speaker"), [
    ("Acme Corp reported a loss. A spokesman for Acme Corp said the figures were disappointing.", "Acme Corp"),
    ("A report from the Office for National Statistics said that prices had risen by 2% in May.",
     "Office for National Statistics"),
])
def test_quotes_organisation_speaks_through_spokesman_and_figures(nlp: Language, text: str, speaker: str) -> None:
    quote = [q for q in _quotes(nlp, text) if q.kind == "indirect"][-1]
    assert quote.speaker_name == speaker


def test_quotes_acronym_speaker_resolves_to_the_organisation_it_abbreviates(nlp: Language) -> None:
    text = ("The Financial Services Authority published new rules on Monday. "
            "The FSA said banks would have to compensate investors.")
    (quote,) = _quotes(nlp, text)
    assert (quote.speaker_mention, quote.speaker_name) == ("The FSA", "Financial Services Authority")


def test_quotes_she_agrees_with_the_woman_not_the_man_named_last(nlp: Language) -> None:
    text = ("Ms Ann Kite met the singer Michael Jackson in 2003. "
            "She said the documentary had been a disaster for the family.")
    (quote,) = _quotes(nlp, text)
    assert quote.speaker_name == "Ann Kite"


def test_quotes_fronted_clause_parsed_as_adverbial_is_still_reported_speech(nlp: Language) -> None:
    text = ("Since 1997, the average income had \"risen by 20% in real terms\" if you took out the "
            "self-employed, Mr Milburn told BBC Radio 4's Today programme.")
    clause = next(q for q in _quotes(nlp, text) if q.kind == "indirect")
    assert clause.text.startswith("Since 1997, the average income had") and clause.speaker_mention == "Mr Milburn"


def test_quotes_circumstance_before_the_speech_verb_is_not_reported_speech(nlp: Language) -> None:
    (quote,) = _quotes(nlp, "Speaking in London on Monday, the minister said the plan would work.")
    assert quote.text == "the plan would work"


@pytest.mark.parametrize(("text", "speaker"), [
    ("Kelly Holmes won gold in Athens. The 34-year-old revealed she would still like to run indoors.", "Kelly Holmes"),
    ("Acme Corp cut 200 jobs. The company said the market had collapsed.", "Acme Corp"),
    ("A spokeswoman for the Information Commissioner's Office said it was examining one complaint.",
     "Information Commissioner's Office"),
])
def test_quotes_descriptions_resolve_to_who_they_describe(nlp: Language, text: str, speaker: str) -> None:
    quote = [q for q in _quotes(nlp, text) if q.kind == "indirect"][-1]
    assert quote.speaker_name == speaker


@pytest.mark.parametrize(("text", "clause"), [
    ("As Clinton told the Daily News, tax relief is given in exchange for creating jobs.",
     "tax relief is given in exchange for creating jobs"),
    ("Prices will rise, as the minister said on Monday.", "Prices will rise"),
])
def test_quotes_an_as_attribution_reports_the_clause_beside_it(nlp: Language, text: str, clause: str) -> None:
    assert _only_quote(nlp, text).text == clause


def test_quotes_as_someone_spoke_is_a_time_not_a_report(nlp: Language) -> None:
    assert _quotes(nlp, "As he spoke, the crowd cheered loudly.") == []
