"""Which text an article gets: repeated blocks dropped, trafilatura's recall mode when the
first pass left part of the article out (the fallbacks when trafilatura finds nothing
are in ``test_fallbacks.py``). Each rule on crafted pages, through the real extractors."""

from __future__ import annotations

from trafilatura.utils import load_html

from pipelines.extract import opinion
from pipelines.extract.fallbacks import recall_text
from pipelines.extract.page import PRUNE_XPATH, extract
from pipelines.extract.repeats import drop_repeats, line_key, line_keys

URL = "https://harbourgazette.example/news/quay-plan"
PARAGRAPHS = [
    f"The harbour board of Port Alder approved plan number {n} for the north quay on a close "
    "vote, after residents asked for changes to the ferry timetable and the mooring fees."
    for n in range(1, 6)
]
CONTACT = ["Want to work with us?", "Harbour Gazette, 1 Quay Road, Port Alder, open weekdays"]


def page(body: str, after: str = "") -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta property="og:type" content="article"><title>Quay plan</title></head><body>'
        '<header><a class="logo" href="/">Harbour Gazette</a></header>'
        f"<article><h1>Quay plan approved</h1>{body}</article>{after}"
        "</body></html>"
    )


# --------------------------------------------------------------------------- repeated blocks


def test_a_repeated_block_is_dropped_once():
    text = "\n".join([*PARAGRAPHS, *PARAGRAPHS[1:4], "Closing line of the story."])
    assert drop_repeats(text) == "\n".join([*PARAGRAPHS, "Closing line of the story."])


def test_line_keys_are_each_line_keyed_on_its_own():
    """``line_keys`` lowers the whole text once: each line gets ``line_key``'s key, a
    capital sigma at a line's end and a dotted capital I included."""
    text = "ΟΔΟΣ\nΣοφία ΚΑΙ ΟΔΟΣ\n\n  İstanbul, Quay-Road_2!\nΣ\nΑΣ Β"
    assert line_keys(text) == [line_key(line) for line in text.split("\n")]
    assert opinion.keys(text) == tuple(line_keys(text))
    assert opinion.key_set("A b\n\nA B\nc") == {"a b", "c"}


def test_a_repeated_line_or_a_short_repeat_stays():
    refrain = "\n".join([PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[0], PARAGRAPHS[2]])
    assert drop_repeats(refrain) == refrain  # one paragraph again: a pull quote, a refrain
    short = "\n".join(["Pros", "Cheap", PARAGRAPHS[0], "Pros", "Cheap"])
    assert drop_repeats(short) == short  # two lines, too few words to be a copied block


def test_a_block_copied_three_times_keeps_one_copy():
    block = "\n".join([*CONTACT, PARAGRAPHS[4]])
    text = "\n".join([PARAGRAPHS[0], block, block, PARAGRAPHS[1], block])
    assert drop_repeats(text) == "\n".join([PARAGRAPHS[0], block, PARAGRAPHS[1]])


def test_a_mobile_copy_of_the_article_is_archived_once():
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = page(body + f'<div class="mobile-copy">{body}</div>')
    text = extract(html, URL)["text"]
    assert [text.count(p) for p in PARAGRAPHS] == [1] * len(PARAGRAPHS)


# --------------------------------------------------------------------------- recall mode


def test_recall_mode_runs_only_when_the_judge_sees_more():
    calls: list[int] = []

    def recall() -> str:
        calls.append(1)
        return "\n".join(PARAGRAPHS)

    first = "\n".join([PARAGRAPHS[0], PARAGRAPHS[4]])  # precision mode lost the middle
    assert opinion.fuller_text(first, first, recall) is None and calls == []
    assert opinion.fuller_text(first, "\n".join(PARAGRAPHS), recall) == "\n".join(PARAGRAPHS)
    assert calls == [1]


def test_recall_text_that_is_another_text_does_not_win():
    first = "\n".join(PARAGRAPHS[:2])
    other = "\n".join(f"Weather for the coast, day {n}: wind from the west." for n in range(40))
    assert opinion.fuller_text(first, "\n".join(PARAGRAPHS), lambda: other) is None


def test_a_first_pass_short_of_the_article_gets_the_recall_text():
    story = [p.replace("number", f"part {n}, number") for n in range(5) for p in PARAGRAPHS][:22]
    html = page("".join(f"<p>{p}</p>" for p in story))
    tree = load_html(html)
    first = "\n".join(story[:10] + story[12:])  # a first pass that lost two of 22 paragraphs
    # close enough to the judge that readability cannot win by the margin, but shorter
    assert opinion.word_f1(first, opinion.judge_text(html)) > 1 - 2 * opinion.MARGIN
    text, method = opinion.better_text(
        first, tree, html, lambda: recall_text(tree, URL, PRUNE_XPATH)
    )
    assert method == "trafilatura-recall"
    assert all(p in text for p in story)
    assert opinion.better_text(first, tree, html) == (first, "trafilatura")  # no recall given


def test_a_second_text_is_cut_at_the_first_pass_end():
    first = "\n".join(PARAGRAPHS[:2] + PARAGRAPHS[3:])  # precision mode lost paragraph 3
    tail = ["About the author: Mara Quill covers the port.", "Comments (2)", "Nice plan!"]
    fuller = "\n".join([*PARAGRAPHS, *tail])
    assert opinion.up_to_first_end(fuller, first) == "\n".join(PARAGRAPHS)
    head = "\n".join(["Updated at noon", *PARAGRAPHS])  # what comes before the end stays
    assert opinion.up_to_first_end(head, first) == head
    other = "\n".join(tail)  # no paragraph in common: nothing to cut at
    assert opinion.up_to_first_end(other, first) == other


def test_a_second_text_brings_no_comment_thread_after_the_article():
    story = [p.replace("number", f"part {n}, number") for n in range(5) for p in PARAGRAPHS][:22]
    thread = [
        f"Reader {n} wrote: I live on the north quay and the new mooring fees will cost my "
        f"family {n} hundred crowns a year, which nobody at the board meeting mentioned."
        for n in range(1, 5)
    ]
    after = '<div class="discussion">' + "".join(f"<p>{t}</p>" for t in thread) + "</div>"
    html = page("".join(f"<p>{p}</p>" for p in story) + after)
    tree = load_html(html)
    first = "\n".join(story[:10] + story[12:])  # a first pass that lost two paragraphs
    recalled = recall_text(tree, URL, PRUNE_XPATH)
    assert all(t in recalled for t in thread)  # recall mode takes the thread as text
    text, method = opinion.better_text(first, tree, html, lambda: recalled)
    assert method in {"readability", "trafilatura-recall"}  # the judge sees the thread too
    assert all(p in text for p in story)
    assert not any(t in text for t in thread)


def test_recall_text_that_only_adds_the_page_tail_does_not_win():
    first = "\n".join(PARAGRAPHS[:3])
    tail = "\n".join(f"Reader {n}: the ferry fees are too high, says the quay." for n in range(30))
    judge = "\n".join([first, tail])  # the judge sees clearly more than the first pass...
    assert opinion.fuller_text(first, judge, lambda: judge) is None  # ...all of it after its end
    middle = "\n".join([PARAGRAPHS[0], tail, *PARAGRAPHS[1:3]])  # inside the article: it stays
    assert opinion.fuller_text(first, middle, lambda: middle) == middle


def test_recall_mode_does_not_run_when_the_judge_adds_only_after_the_end():
    calls: list[int] = []

    def recall() -> str:
        calls.append(1)
        return "\n".join(PARAGRAPHS)

    first = "\n".join(PARAGRAPHS[:3])
    tail = [f"Reader {n}: the ferry fees are too high, says the quay." for n in range(30)]
    assert opinion.words_before_first_end("\n".join([first, *tail]), first) == 0
    assert opinion.fuller_text(first, "\n".join([first, *tail]), recall) is None
    assert calls == []  # the judge's extra words all come after the first pass's end
    inside = "\n".join([PARAGRAPHS[0], *tail[:3], *PARAGRAPHS[1:3]])
    assert opinion.words_before_first_end(inside, first) == sum(
        len(opinion.WORD.findall(line)) for line in tail[:3]
    )
    headless = "\n".join(tail)  # no paragraph in common: all of it counts
    assert opinion.words_before_first_end(headless, first) == len(opinion.WORD.findall(headless))


def test_a_fragment_judge_gives_way_to_readability_on_fullness():
    first = "\n".join([PARAGRAPHS[0], PARAGRAPHS[2]])  # precision mode lost paragraph 2
    caption = "Photo: the north quay at dawn."  # resiliparse took a caption for the content
    assert opinion.fullness_judge(first, caption, "\n".join(PARAGRAPHS)) == "\n".join(PARAGRAPHS)
    assert opinion.fullness_judge(first, "\n".join(PARAGRAPHS), caption) == "\n".join(PARAGRAPHS)
    assert opinion.fullness_judge(first, caption, "") == ""  # readability did not run
    judge = opinion.fullness_judge(first, caption, "\n".join(PARAGRAPHS))
    recalled = "\n".join(PARAGRAPHS[:3])  # recall mode finds the lost paragraph
    assert opinion.fuller_text(first, judge, lambda: recalled) == recalled


def test_word_agreement_counts_shared_words_as_a_multiset():
    first = "The quay opens. The quay closes at noon."
    second = "the QUAY opens at dawn"
    # shared tokens, each as often as the rarer side has it: the, quay, opens, at
    assert opinion.in_common(opinion.tokens(first), opinion.tokens(second)) == 4
    assert opinion.word_f1(first, second) == 2 * 4 / (8 + 5)
    assert opinion.containment(second, first) == 4 / 5
    assert opinion.word_f1(first, "ferry timetable") == 0.0


def test_tokens_are_those_of_the_lower_cased_text():
    def lowered(text: str) -> list[str]:
        return sorted(opinion.WORD.findall(text.lower()))

    for text in ("İstanbul'da İzmir", "ΟΔΟΣ'Α ΑΣ.Ε", "Straße ÉTÉ Ǆemal", "plain words"):
        assert sorted(opinion.tokens(text).elements()) == lowered(text)
        assert opinion.words(text) == len(opinion.WORD.findall(text))
    for point in range(0x10000):  # every character of the BMP, between two letters
        text = f"Xa{chr(point)}bY"
        assert sorted(opinion.tokens(text).elements()) == lowered(text), hex(point)
