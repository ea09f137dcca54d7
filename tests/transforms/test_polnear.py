"""PolNeAR brat standoff into gold quotes and neutral spans: parsing, speech cues, discontinuous parts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from transforms.evaluation import GoldQuote
from transforms.polnear import attributions, evaluation_spans, is_speech

# A hand-written article and its annotation: offsets were counted on this text.
TEXT = 'Trump, a headline\n"We will win," he said, "and soon." Polls show voters are tired.'
# 0..17 headline; `"We will win,"` 18..32; `he` 33..35; `said` 36..40; `"and soon."` 42..53;
# `Polls` 54..59; `show` 60..64; `voters are tired` 65..81.
ANN = (
    'T1\tSource 33 35\the\n'
    'T2\tCue 36 40\tsaid\n'
    'T3\tContent 18 32;42 53\t"We will win," "and soon."\n'
    'T4\tAttribution 36 40\tsaid\n'
    'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n'
    'T5\tCue 60 64\tshow\n'
    'T6\tContent 65 81\tvoters are tired\n'
    'T7\tAttribution-no-source 60 64\tshow\n'
    'E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n'
    'T8\tDiscuss 54 81\tPolls show voters are tired\n'
    'T9\tDiscard 0 5\tTrump\n'
    '#1\tAnnotatorNotes T8\tIs a poll a source?\n'
)


def test_attributions_read_parts_and_ignore_discuss_discard_and_notes() -> None:
    found = attributions(ANN)
    assert [a.relation_id for a in found] == ["E1", "E2"]
    said, show = found
    assert [p.spans for p in said.contents] == [((18, 32), (42, 53))]
    assert [(p.text, p.spans) for p in said.cues] == [("said", ((36, 40),))]
    assert [(p.text, p.spans) for p in said.sources] == [("he", ((33, 35),))]
    assert show.sources == ()
    assert show.label == "Attribution-no-source"


def test_attributions_keep_several_content_parts_and_text_running_over_lines() -> None:
    ann = (
        'T1\tSource 0 3\tShe\n'
        'T2\tCue 4 7\tsaid\n'
        'T3\tContent 8 20\tit was over\n'
        '\n'
        'done\n'
        'T4\tContent 30 40\tand gone\n'
        'T5\tAttribution 4 7\tsaid\n'
        'E1\tAttribution:T5 Content:T3 Cue:T2 Source:T1 Content2:T4\n'
    )
    (found,) = attributions(ann)
    assert [p.text for p in found.contents] == ["it was over\n\ndone", "and gone"]


def test_attributions_reject_a_relation_naming_a_missing_part() -> None:
    with pytest.raises(ValueError, match="T9"):
        attributions('T1\tCue 0 4\tsaid\nE1\tAttribution:T1 Content:T9 Cue:T1\n')


@pytest.mark.parametrize(("cue", "content", "expected"), [
    ("said", "it was over", True),
    ("says", "it was over", True),
    ("told reporters", "it was over", True),
    ("tweeted", "it was over", True),
    ("denies", "it was over", True),
    ("according to", "exports fell", True),
    ("show", "voters are tired", False),
    ("reserved his most eloquent passion for", "immigration reform", False),
    ("hinted at", "a run", True),
    ("backed", "the “comprehensive” plan", True),  # the content quotes someone's words
    ("backed", "the party’s plan", False),  # an apostrophe is not a quotation mark
    ("believes", "the deal is dead", False),  # a belief, not speech, though the extractor's list has it
])
def test_is_speech_by_cue_verb_or_quotation_marks(cue: str, content: str, expected: bool) -> None:
    ann = f'T1\tCue 0 {len(cue)}\t{cue}\nT2\tContent 100 {100 + len(content)}\t{content}\nE1\tAttribution:T1 Cue:T1 Content:T2\n'
    (found,) = attributions(ann)
    assert is_speech(found) is expected


def test_evaluation_spans_make_speech_gold_and_other_attributions_neutral() -> None:
    gold, neutral = evaluation_spans("d", TEXT, attributions(ANN))
    # The direct quote interrupted by its own attribution is two gold quotes with one speaker.
    assert gold == [
        GoldQuote("d", '"We will win,"', 18, 32, "he", "", "said"),
        GoldQuote("d", '"and soon."', 42, 53, "he", "", "said"),
    ]
    assert neutral == [GoldQuote("d", "voters are tired", 65, 81, "", "", "show")]


def test_a_gap_without_the_cue_or_source_is_spanned_not_split() -> None:
    text = "Clinton said the plan, which aides drafted, would pass."
    ann = ('T1\tSource 0 7\tClinton\nT2\tCue 8 12\tsaid\n'
           'T3\tContent 13 21;44 54\tthe plan would pass\nE1\tAttribution:T1 Source:T1 Cue:T2 Content:T3\n')
    gold, _ = evaluation_spans("d", text, attributions(ann))
    assert [(g.start, g.end, g.quote) for g in gold] == [(13, 54, "the plan, which aides drafted, would pass")]


def test_reported_speech_interrupted_by_its_cue_is_one_span() -> None:
    text = "The vote, he said, was close."
    ann = ('T1\tSource 10 12\the\nT2\tCue 13 17\tsaid\n'
           'T3\tContent 0 8;19 28\tThe vote was close\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n')
    gold, _ = evaluation_spans("d", text, attributions(ann))
    assert [g.quote for g in gold] == ["The vote, he said, was close"]


def test_pieces_with_no_letter_or_digit_are_dropped() -> None:
    text = '"It is over, "she said". It was.'
    ann = ('T1\tSource 14 17\tshe\nT2\tCue 18 22\tsaid\n'
           'T3\tContent 0 14;22 23\t"It is over, " "\nE1\tAttribution:T1 Source:T1 Cue:T2 Content:T3\n')
    gold, _ = evaluation_spans("d", text, attributions(ann))
    assert [g.quote for g in gold] == ['"It is over, "']


def test_several_sources_are_joined_in_text_order() -> None:
    text = "Clinton and Sanders said they agree."
    ann = ('T1\tSource 12 19\tSanders\nT2\tSource 0 7\tClinton\nT3\tCue 20 24\tsaid\n'
           'T4\tContent 25 35\tthey agree\nE1\tAttribution:T3 Source:T1 Source2:T2 Cue:T3 Content:T4\n')
    gold, _ = evaluation_spans("d", text, attributions(ann))
    assert gold[0].speaker == "Clinton and Sanders"


def test_a_relation_without_content_gives_nothing_to_score() -> None:
    assert evaluation_spans("d", "He said.", attributions("T1\tCue 3 7\tsaid\nE1\tAttribution:T1 Cue:T1\n")) == ([], [])


CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "polnear-train"


@pytest.mark.skipif(not (CORPUS / "attributions").is_dir(), reason="PolNeAR training split not present")
def test_every_training_file_parses_and_every_span_holds_its_annotated_text() -> None:
    relations = 0
    for ann_path in sorted((CORPUS / "attributions").glob("*.ann")):
        ann = ann_path.read_text(encoding="utf-8")
        text = (CORPUS / "text" / f"{ann_path.stem}.txt").read_text(encoding="utf-8")
        found = attributions(ann)
        relations += len(found)
        assert len(found) == len(re.findall(r"^E\d+\t", ann, flags=re.MULTILINE)), ann_path.name
        for attribution in found:
            for part in (*attribution.contents, *attribution.cues, *attribution.sources):
                # brat joins the fragments of a discontinuous part with one space
                assert " ".join(text[s:e] for s, e in part.spans) == part.text, (ann_path.name, part)
        gold, neutral = evaluation_spans(ann_path.stem, text, found)
        for quote in (*gold, *neutral):
            assert text[quote.start:quote.end] == quote.quote
    assert relations == 19_868
