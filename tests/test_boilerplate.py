"""The boilerplate step: rules per kind, the page classifier, metadata, config and properties."""

from __future__ import annotations

import json
import time
from pathlib import Path

import ftfy
import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from newsclean import Document, Pipeline, apply_edits
from newsclean.exceptions import ConfigError
from newsclean.steps.boilerplate import BoilerplateFilter
from newsclean.testing import check_step, check_step_on, strategies

BODY = (
    "The minister said on Tuesday that talks with officials from the neighbouring country would "
    "resume next month, after a delay caused by the pandemic and a dispute over trade."
)
BODY2 = (
    "Officials in the capital have said the talks are likely to focus on tariffs, on border "
    "controls and on a plan to reopen the ports that were closed during the winter."
)


def run(text: str, step: BoilerplateFilter | None = None) -> str:
    return apply_edits(text, (step or BoilerplateFilter()).run(Document(text)).edits)


def article(line: str) -> str:
    return f"{BODY}\n\n{line}\n\n{BODY2}\n"


BOILERPLATE_LINES = [
    ("Read - China Demands India Rescind App Ban Amid Border Tension", "related"),
    ("Also Read: Qantas Unveils a New Airline", "related"),
    ("READ MORE | Fresh Palls of Smoke Over the Detention Centre", "related"),
    ("RELATED: Floods Hit the North Coast", "related"),
    ("Recommended: Ten Things to Know Today", "related"),
    ("Watch: The Moment the Bridge Opened", "related"),
    ("More from Sport", "section"),
    ("Read more at the Guardian", "section"),
    ("You may also like", "section"),
    ("Image: Wang Yi and Moon Jae-in/ AP", "caption"),
    ("Photo: Reuters", "caption"),
    ("File photo: Protesters outside parliament", "caption"),
    ("Picture: Supplied", "caption"),
    ("Credit: Getty Images", "credit"),
    ("Image Source: Twitter", "credit"),
    ("(Photo by Jane Doe/Getty Images)", "credit"),
    ("(With inputs from PTI)", "credit"),
    ("(Reporting by Jane Doe; Editing by John Smith)", "credit"),
    ("Advertisement", "ad"),
    ("Story continues below advertisement", "ad"),
    ("Sponsored", "ad"),
    ("Share this article on WhatsApp", "prompt"),
    ("Follow us on Twitter and Facebook for the latest news.", "prompt"),
    ("Sign up for our daily briefing", "prompt"),
    ("Click here to subscribe to our newsletter", "prompt"),
    ("Download the Times app for breaking news alerts", "prompt"),
    (
        "This story has been published from a wire agency feed without modifications to the text.",
        "disclaimer",
    ),
    ("© 2019 Hearst Communications, Inc.", "footer"),
    ("Copyright 2008 The Associated Press. All rights reserved.", "footer"),
    ("We use cookies to give you the best experience on our site.", "footer"),
    ("Privacy Policy | Terms of Use", "footer"),
    ("Home > News > World", "navigation"),
    ("Print this article Email this article", "navigation"),
    ("Tags: Kosovo, Serbia, United Nations", "navigation"),
    ("Page 2 of 3", "navigation"),
    ("12 Comments", "comment"),
    ("Leave a comment", "comment"),
    ("Report abuse", "comment"),
]


@pytest.mark.parametrize(("line", "kind"), BOILERPLATE_LINES)
def test_a_rule_drops_each_kind_of_boilerplate(line: str, kind: str) -> None:
    result = BoilerplateFilter().run(Document(article(line)))
    assert apply_edits(article(line), result.edits) == f"{BODY}\n\n{BODY2}\n"
    (edit,) = result.edits
    assert (edit.kind, edit.reason) == (kind, f"{kind} rule")


KEPT_LINES = [
    "Read the full report, the minister told reporters, and you will see why.",
    "Readers wrote in their thousands after the photo was published on Sunday.",
    "A photo of the two leaders shaking hands was released by the ministry.",
    "Moon urged Beijing to continue ‘constructive role’",
    "Read-only copies of the files were handed to the court.",
    "SEOUL, Nov. 26 (Reuters) - South Korea's president met China's top diplomat.",
    "“Follow the money,” she said.",
    "- Cut fuel taxes by half",
    "Share prices fell 3 per cent on Monday.",
    "Like me, many residents grew up by the river.",
    "Copyright holders have sued the company, the court heard.",
    "Home Secretary Priti Patel said the plan would go ahead.",
    "Date: 2020-11-26",
]


@pytest.mark.parametrize("line", KEPT_LINES)
def test_lines_that_only_look_like_boilerplate_are_kept(line: str) -> None:
    assert run(article(line)) == article(line)


def test_the_date_line_on_top_is_kept() -> None:
    text = f"Date: 2020-11-26\n\n{BODY}\n"
    assert run(text) == text


def test_the_seed_article_loses_its_links_and_caption_and_keeps_them_as_metadata(
    shared: Path,
) -> None:
    raw = (shared / "seed" / "article.txt").read_text(encoding="utf-8")
    expected = json.loads((shared / "seed" / "article.expected.json").read_text(encoding="utf-8"))
    result = Pipeline().without("names").process(raw)
    assert "Read -" not in result.text
    assert "Image:" not in result.text
    assert "Moon urged Beijing to continue ‘constructive role’\n" in result.text
    assert result.metadata["related"] == expected["related"]
    # The caption's typo is fixed later by the names step.
    assert result.metadata["captions"] == ["Wang Yi and Monn Jae-in/ AP"]
    kinds = [e.kind for e in result.edits if "boilerplate" in e.step]
    assert kinds == ["related", "related", "related", "related", "caption"]


def test_kinds_go_to_their_metadata_keys() -> None:
    text = (
        f"{BODY}\n\nRead - Another story\n\nPhoto: AFP\n\n(With inputs from PTI)\n\n"
        f"Advertisement\n\n{BODY2}\n"
    )
    result = Pipeline([BoilerplateFilter()]).process(text)
    assert result.metadata["related"] == ["Another story"]
    assert result.metadata["captions"] == ["AFP"]
    assert result.metadata["credits"] == ["(With inputs from PTI)"]
    assert result.metadata["removed"] == [{"kind": "ad", "text": "Advertisement"}]


def test_a_kept_kind_stays_in_the_text() -> None:
    text = article("Advertisement")
    assert run(text, BoilerplateFilter(keep=("ad",))) == text
    assert run(text, BoilerplateFilter(keep=("caption",))) == f"{BODY}\n\n{BODY2}\n"


def test_keep_from_a_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "news.toml"
    cfg.write_text('[steps.boilerplate]\nkeep = ["related"]\n', encoding="utf-8")
    text = article("Read - Another story")
    assert Pipeline.from_config(cfg).clean(text) == text


def test_a_user_adds_a_pattern_without_code(tmp_path: Path) -> None:
    cfg = tmp_path / "news.toml"
    cfg.write_text(
        '[steps.boilerplate.extra_rules]\nad = ["anzeige"]\npromo = ["win a (?P<value>.+)"]\n',
        encoding="utf-8",
    )
    text = f"{BODY}\n\nANZEIGE\n\nWin a trip to Paris\n\n{BODY2}\n"
    result = Pipeline.from_config(cfg).without("names").process(text)
    assert result.text == f"{BODY}\n\n{BODY2}\n"
    assert result.metadata["removed"] == [
        {"kind": "ad", "text": "ANZEIGE"},
        {"kind": "promo", "text": "trip to Paris"},
    ]


def test_a_bad_user_pattern_is_a_config_error_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"'\(unclosed' for kind 'ad'"):
        BoilerplateFilter(extra_rules={"ad": ("(unclosed",)})


def test_rules_alone_never_drop_an_unmatched_line() -> None:
    menu = "\n".join(["Home", "World", "Business", "Sport", "Science", "Culture", "Opinion"])
    text = f"{menu}\n{BODY}\n{BODY2}\n"
    assert run(text, BoilerplateFilter(classifier=False)) == text.replace("Home\n", "")


PAGE = (
    "\n".join(
        [
            "World",
            "Business",
            "Sport",
            "Science",
            "Culture",
            "Opinion",
            "Talks with neighbours to resume next month, minister says",
            "By Jane Doe",
            BODY,
            "The minister said the delay had been caused by the pandemic and by a dispute over the "
            "trade rules that both sides had signed two years ago.",
            BODY2,
            "Most Popular",
            "Floods hit the north coast",
            "Council votes on the new budget",
            "Local team wins the cup again",
            "About Us",
            "Contact",
        ]
    )
    + "\n"
)


def test_a_page_keeps_its_headline_and_body_and_drops_its_furniture() -> None:
    result = BoilerplateFilter().run(Document(PAGE))
    kept = apply_edits(PAGE, result.edits).splitlines()
    assert kept == [
        "Talks with neighbours to resume next month, minister says",
        BODY,
        PAGE.splitlines()[9],
        BODY2,
    ]
    reasons = {e.before.strip(): e.reason for e in result.edits}
    assert reasons["Sport"].startswith("score ")
    assert "4 lines from the body" in reasons["Sport"]
    assert reasons["Most Popular"] == "section rule"


def test_an_article_mode_keeps_every_unmatched_line() -> None:
    text = PAGE
    assert run(text, BoilerplateFilter(mode="article")).splitlines()[0] == "World"


def test_a_comment_thread_is_not_part_of_the_body() -> None:
    comment = (
        "I think the minister is wrong about this and I have said so for years, but nobody in "
        "the government has ever listened to people like me, have they?"
    )
    text = PAGE.replace("Most Popular\n", f"Comments\n{comment}\nReply\n")
    kept = run(text)
    assert comment not in kept
    assert BODY2 in kept


def test_the_step_passes_the_property_checks() -> None:
    check_step(BoilerplateFilter())


def test_the_step_passes_the_property_checks_on_pages() -> None:
    check_step(BoilerplateFilter(), texts=strategies.page())


def test_the_step_is_idempotent_on_the_seed(shared: Path) -> None:
    raw = (shared / "seed" / "article.txt").read_text(encoding="utf-8")
    check_step_on(BoilerplateFilter(), raw)
    check_step_on(BoilerplateFilter(), PAGE)


def assert_within_ftfy_time(text: str) -> None:
    """The step on ``text`` takes at most four times ftfy's time on it (plus half a second)."""
    step = BoilerplateFilter()
    step.run(Document("Home\n"))  # rules compile once per process, not per document
    began = time.perf_counter()
    ftfy.fix_text(text)
    ftfy_time = time.perf_counter() - began
    began = time.perf_counter()
    step.run(Document(text))
    assert time.perf_counter() - began < 4 * ftfy_time + 0.5


@pytest.mark.parametrize(
    "text",
    [
        "x" * 4_000_000,
        "Home\n" * 20_000,
        "".join(f"Item number {i}\n" for i in range(20_000)),
        "/" * 1_000_000 + "\n" + "-" * 1_000_000,
        "Home > " * 20_000,
        "2020-11-26 " * 50_000,
    ],
    ids=["one long line", "one short line", "short lines", "slashes", "breadcrumbs", "dates"],
)
def test_the_step_runs_in_a_few_times_ftfys_time(text: str) -> None:
    assert_within_ftfy_time(text)


def test_links_under_a_related_header_go_even_inside_the_body() -> None:
    text = PAGE.replace(
        BODY2 + "\n",
        "Trending News\nFloods hit the north coast\nCouncil votes on the new budget\n"
        + BODY2
        + "\n",
    )
    result = BoilerplateFilter().run(Document(text))
    kept = apply_edits(text, result.edits)
    assert "Council votes on the new budget" not in kept
    assert BODY2 in kept
    header = "link under the related header 'Trending News'"
    links = [e.before.strip() for e in result.edits if e.reason == header]
    assert links == ["Floods hit the north coast", "Council votes on the new budget"]
    assert result.metadata["related"][:2] == links  # the header itself is no headline


def test_the_article_again_in_one_line_of_page_metadata_is_dropped() -> None:
    copy = " ".join([BODY, PAGE.splitlines()[9], BODY2]) * 3
    text = PAGE + "\n".join(["Share", "Print", "Email", "Facebook", "Twitter", copy]) + "\n"
    kept = run(text)
    assert copy not in kept
    assert BODY2 in kept


def test_a_comment_widget_beside_an_embed_starts_no_thread() -> None:
    lines = PAGE.splitlines()
    text = "\n".join([*lines[:10], "Report", *lines[10:]]) + "\n"
    kept = run(text).splitlines()
    assert [BODY, lines[9], BODY2] == [line for line in kept if len(line) > 100]


def test_a_page_of_many_short_bodies_is_judged_in_linear_time() -> None:
    # Paragraphs walled off from each other by menus: every one is a candidate part of the body.
    wall = "\n".join(["Home", "World", "Sport", "Opinion", "Culture"])
    text = "\n".join(f"{wall}\n{BODY} {BODY2}" for _ in range(4_000)) + "\n"
    assert_within_ftfy_time(text)


def test_rules_match_without_regard_to_case_even_where_case_changes_length() -> None:
    # "İ" lower-cases to two characters: the value must still be cut from the original line.
    text = article("PHOTO: İstanbul at dawn/ AFP")
    result = Pipeline([BoilerplateFilter()]).process(text)
    assert result.text == f"{BODY}\n\n{BODY2}\n"
    assert result.metadata["captions"] == ["İstanbul at dawn/ AFP"]


def test_shipped_rules_have_a_header_and_are_written_in_lower_case() -> None:
    folder = Path(__file__).resolve().parents[1] / "dictionaries" / "boilerplate" / "rules"
    for path in sorted(folder.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# "), path.name
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            literal = regex.sub(r"\\N\{[^}]*\}|\\[pP]\{[^}]*\}|\\[A-Za-z]|\(\?P<\w+>", "", line)
            assert literal == literal.lower(), f"{path.name}: {line}"


def _one_alternation(kinds_rules: list[tuple[str, str]]) -> regex.Pattern[str]:
    """Every shipped rule in one ordered alternation, a group per rule: what the dispatch saves."""
    return regex.compile(
        "|".join(f"(?P<r{i}>{pattern})" for i, (_, pattern) in enumerate(kinds_rules)),
        regex.VERSION0,
    )


def test_the_dispatch_on_a_lines_lead_finds_what_all_rules_in_order_find() -> None:
    from newsclean.steps.boilerplate import _builtin_rules, _rule_set

    rules = [(kind, pattern) for kind, patterns in _builtin_rules() for pattern in patterns]
    everything = _one_alternation(rules)
    dispatched = _rule_set((), frozenset(), True)
    assert dispatched is not None
    lines = [line for line, _ in BOILERPLATE_LINES] + KEPT_LINES
    subjects = {
        variant
        for line in lines
        for variant in (line.lower(), line.lower()[:12], f"  {line.lower()}", line[:1].lower())
    }
    matched = 0
    for subject in sorted(subjects):
        match = everything.fullmatch(subject)
        expected = None
        if match is not None:
            rule = next(i for i in range(len(rules)) if match.group(f"r{i}") is not None)
            span = match.span("value") if "value" in match.groupdict() else (-1, -1)
            expected = (rules[rule][0], span)
            matched += 1
        assert dispatched.match(subject) == expected, subject
        assert dispatched._match_everything(subject) == expected, subject
    assert matched >= len(BOILERPLATE_LINES)


RECIPE_MENU = ["World", "Business", "Sport", "Science", "Culture", "Opinion"]
RECIPE_INTRO = (
    "The pancakes our readers liked best this winter are thin, quick to make and need nothing "
    "that a kitchen cupboard does not already hold, the cook said on Sunday."
)
RECIPE_ITEMS = [
    "200 g plain flour",
    "2 large eggs",
    "300 ml milk",
    "1 pinch of salt",
    "Butter: 1 tbsp, melted, for the pan",
]
RECIPE_METHOD = (
    "Whisk the flour, the eggs and half of the milk into a smooth batter, then add the rest of "
    "the milk and leave the batter to rest for half an hour before you cook it."
)
RECIPE_LINKS = ["Most Popular", "Floods hit the north coast", "Council votes on the new budget"]


def lines_kept(lines: list[str]) -> list[str]:
    return run("\n".join(lines) + "\n").splitlines()


def test_a_list_below_the_body_is_kept_and_the_links_past_it_are_not() -> None:
    title = "Thin pancakes for a winter Sunday"
    page = [*RECIPE_MENU, title, RECIPE_INTRO, *RECIPE_ITEMS, *RECIPE_LINKS, "About Us"]
    assert lines_kept(page) == [title, RECIPE_INTRO, *RECIPE_ITEMS]


def test_a_list_between_two_paragraphs_is_part_of_the_body() -> None:
    page = [*RECIPE_MENU, RECIPE_INTRO, *RECIPE_ITEMS, RECIPE_METHOD, *RECIPE_LINKS]
    assert lines_kept(page) == [RECIPE_INTRO, *RECIPE_ITEMS, RECIPE_METHOD]


def test_headlines_on_the_bodys_topic_below_it_are_still_links() -> None:
    teasers = [
        "Minister Says Talks With Neighbours Will Resume",
        "Trade Dispute Delays Talks Over The Ports",
        "Officials Plan To Reopen Ports Closed In Winter",
        "Tariffs And Border Controls Top The Agenda",
    ]
    page = ["World", "Business", "Sport", "Science", "Culture", BODY, BODY2, *teasers]
    assert lines_kept(page) == [BODY, BODY2]


def test_a_short_lead_just_above_a_long_body_is_part_of_it() -> None:
    lead = (
        "A storm that swept over the north coast on Monday night cut the power to some forty "
        "thousand homes, closed the main road to the port and left the harbour full of boats "
        "torn from their moorings, the regional council said on Tuesday morning, as crews "
        "began to clear the fallen trees from the roads and the railway line."
    )
    story = [
        f"{BODY} {BODY2}",
        f"{BODY2} {BODY}",
        f"In the port, {BODY.lower()} {BODY2} {BODY}",
        f"At the border, {BODY2.lower()} {BODY} {BODY2}",
    ]
    furniture = ["Photo: Reuters", "Share", "Watch", "Listen", "Gallery"]
    page = [*RECIPE_MENU, lead, *furniture, *story, *RECIPE_LINKS]
    assert lines_kept(page) == [lead, *story]


def test_the_step_passes_the_property_checks_on_pages_with_lists() -> None:
    check_step(BoilerplateFilter(), texts=strategies.list_page())


def test_the_step_passes_the_property_checks_on_pages_with_gaps_in_the_body() -> None:
    check_step(BoilerplateFilter(), texts=strategies.gap_page())


def test_a_short_intro_over_a_long_list_is_the_body_not_the_legal_notice_below() -> None:
    intro = (
        "This week's plan feeds a family of four on a small budget, and every dish can be cooked "
        "ahead on Sunday and kept in the fridge until the day it is eaten, our food editor says."
    )
    more = (
        "Each day has a breakfast, a lunch and a dinner, with the portions for two adults and two "
        "children, and a shopping list at the end of the plan gathers what the week needs."
    )
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    plan = []
    for n, day in enumerate(days, 1):
        plan += [
            f"Day {n}: {day}",
            "Breakfast: 2 slices of toast, 1 boiled egg",
            "Tip: cook more rice for tomorrow",
            f"Lunch: {n + 1} cups of lentil soup",
            "Dinner: 400 g baked fish, 300 g rice",
        ]
    notice = (
        "The information on this site is for general guidance only and is not a substitute for "
        "advice from a doctor or a dietitian; ask a professional before you change your diet, and "
        "read our full terms before you use any plan, recipe or product that this site describes."
    )
    notice2 = (
        "Results vary from one reader to the next: the plans and the figures on this site describe "
        "what some readers reported, they are not a promise of what you will lose or gain, and no "
        "statement here has been reviewed by any health authority in any country."
    )
    page = [*RECIPE_MENU, intro, more, *plan, *RECIPE_LINKS, "About Us", notice, notice2]
    assert lines_kept(page) == [intro, more, *plan]


def test_a_list_goes_on_with_the_words_of_its_own_items() -> None:
    intro = (
        "The city's summer festival returns this weekend after two years away, with free "
        "concerts for all ages from Friday evening until late on Sunday night, organisers said."
    )
    items = [
        "Stage 1: harbour square",
        "Stage 2: old market",
        "Harbour square hosts the brass bands",
        "Choirs sing in the old market",
        "The square fills up early",
        "Stage 3: riverside park",
    ]
    page = [*RECIPE_MENU, intro, *items, *RECIPE_LINKS]
    assert lines_kept(page) == [intro, *items]


# Per-document passes compute what the per-line definitions say, on any text.

_LINES = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40).map(
        lambda s: s.replace("\n", " ").strip()
    ),
    max_size=8,
)


@given(lines=_LINES, repeated=st.booleans())
@example(lines=["ΟΔΟΣ ΚΑΙ", "İZMİR İzmir", "The A-Z Of It", "", "Été à Paris"], repeated=True)
@example(
    lines=[
        "Share on Facebook",
        "Sign up for our newsletter",
        "Home Menu Search Sign in",
        "Advertisement",
        "one two three four five six seven eight nine ten eleven twelve thirteen share",
        "Subscribe now: share, share and sign up",
    ],
    repeated=False,
)
@example(
    lines=["3 Big Wins For NASA", "iPhone 12 and the 5G deal", "'Quoted' - 99", ""], repeated=True
)
def test_features_of_a_document_are_the_features_of_each_line(
    lines: list[str], repeated: bool
) -> None:
    from newsclean.steps.boilerplate import _features, _features_of

    seen = [1 + (repeated and k % 2) for k in range(len(lines))]
    assert _features_of(lines, seen) == [_features(t, c) for t, c in zip(lines, seen, strict=True)]


@given(line=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
@example(line="ΟΔΟΣ και ΘΕΣΣΑΛΟΝΙΚΗΣ, İzmir's Big-Tent")
def test_content_words_are_the_lower_cased_words_that_are_not_stop_words(line: str) -> None:
    from newsclean.steps.boilerplate import _CONTENT_WORD, _content_words, _stopwords

    words = _CONTENT_WORD.findall(line[:1500])
    assert _content_words(line) == {w.lower() for w in words} - _stopwords()


@given(lines=_LINES)
@example(lines=["ΟΔΟΣ\tΚΑΙ", "a\N{NO-BREAK SPACE} b", "x  y", "Σ"])
def test_lines_lower_cased_and_normalised_together_are_each_line_on_its_own(
    lines: list[str],
) -> None:
    from newsclean.steps.boilerplate import _lower_lines, _normal, _normal_lines

    lowers = _lower_lines(lines)
    assert lowers == [t.lower() for t in lines]
    assert _normal_lines(lowers) == [_normal(t) for t in lines]


def test_a_step_that_has_seen_other_pages_judges_a_page_as_a_fresh_one_does() -> None:
    other = PAGE.replace("Home", "Home page").replace(BODY, BODY2)
    used = BoilerplateFilter()
    for text in (other, PAGE, other):
        used.run(Document(text))
    assert used.run(Document(PAGE)) == BoilerplateFilter().run(Document(PAGE))


def test_a_line_repeated_on_one_page_and_not_the_next_is_judged_by_its_own_page() -> None:
    # The memory across documents keys a line's features by its text and its repetition.
    twice = PAGE.replace("Contact", "Contact\nMost Popular")
    used = BoilerplateFilter()
    for first, then in ((twice, PAGE), (PAGE, twice)):
        used.run(Document(first))
        assert used.run(Document(then)) == BoilerplateFilter().run(Document(then))


def test_pages_in_a_row_are_judged_as_each_alone(shared: Path) -> None:
    pages = []
    for name in ("pages_l3s_dev.jsonl", "pages_zyte_dev.jsonl"):
        lines = (shared / "data" / name).read_text(encoding="utf-8").splitlines()
        pages += [json.loads(line)["raw_text"] for line in lines[:30]]
    used = BoilerplateFilter()
    assert [used.run(Document(p)) for p in pages] == [
        BoilerplateFilter().run(Document(p)) for p in pages
    ]


_USED = BoilerplateFilter()


@given(strategies.page(), strategies.page())
def test_a_step_that_remembers_other_pages_judges_each_as_a_fresh_step_does(
    first: str, then: str
) -> None:
    # One step for all examples: its memory of short lines holds every page generated so far.
    _USED.run(Document(first))
    assert _USED.run(Document(then)) == BoilerplateFilter().run(Document(then))


def test_short_lines_are_remembered_across_pages_within_a_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsclean.steps import boilerplate

    step = BoilerplateFilter()
    long_line = "A long line of prose " * 12 + "ends here."
    step.run(Document(PAGE + long_line + "\n"))
    memo = step._memo()
    assert "Most Popular" in memo.rules
    assert ("Most Popular", False) in memo.features
    assert long_line not in memo.rules
    assert all(len(text) <= boilerplate._MEMO_MAX_CHARS for text, _ in memo.features)
    monkeypatch.setattr(boilerplate, "_MEMO_LINES", 30)
    for k in range(5):
        step.run(Document(PAGE.replace("Contact", f"Contact desk {k}")))
        assert len(memo.rules) <= 30
        assert len(memo.features) <= 30
    assert "Contact desk 4" in memo.rules


def test_the_first_document_compiles_only_the_rules_it_needs() -> None:
    from newsclean.steps.boilerplate import _rule_set

    step = BoilerplateFilter(keep=("ad",))  # a rule set of its own, built here
    step.run(Document(PAGE))
    rules = _rule_set((), frozenset({"ad"}), True)
    assert rules is not None
    assert "_everything" not in vars(rules)  # the fallback alternation, only on overflow
    assert not hasattr(step, "_cache_cased")  # no line whose lower case changes length
    step.run(Document("İstanbul\n" + PAGE))
    assert hasattr(step, "_cache_cased")


TOUR_INTRO = (
    "The band will play twelve cities next summer, its first tour in a decade, and tickets go "
    "on sale on Friday morning through the venues and the band's own website, it said."
)
TOUR_ROWS = [
    "June 9 – Tampa, FL @ Harbour Arena",
    "June 14 – Atlanta, GA @ Peach Tree Amphitheatre",
    "June 17 – Nashville, TN @ River Stage Pavilion",
    "July 2 – Boston, MA @ Home Bank Centre",
    "July 19 – Toronto, ON @ Lakeshore Music Hall",
]


def test_a_tables_rows_under_a_short_header_below_the_body_are_kept() -> None:
    # Each row reads as a link's title (title case, no sentence's end), one holds a cue word
    # ("Home"): the shared shape of their numbers and separators makes them a table.
    header = "The Band Summer Tour Dates"
    page = [*RECIPE_MENU, TOUR_INTRO, header, *TOUR_ROWS, *RECIPE_LINKS, "About Us"]
    assert lines_kept(page) == [TOUR_INTRO, header, *TOUR_ROWS]


def test_headlines_with_numbers_of_no_common_shape_are_not_a_table() -> None:
    teasers = [
        "Storm Cuts Power To 40,000 Homes On The Coast",
        "Council Votes On $3m Plan For The Harbour",
        "Five Things To Know Before The 2020 Budget",
    ]
    page = [*RECIPE_MENU, TOUR_INTRO, "More News Today", *teasers, "About Us"]
    assert lines_kept(page) == [TOUR_INTRO]


INTERVIEW = [
    (
        "I started to bake when I was a child, standing on a chair in my grandmother's kitchen, "
        "and I have never stopped since: bread was the first thing I learned to make by hand."
    ),
    (
        "Most of what I post is simple food that anyone can make after work, because that is "
        "what my readers ask me for, and because it is what I cook for my own family too."
    ),
]
INTERVIEW2 = [
    (
        "My mother taught me to cook fish the way they do it in the north, slowly and with "
        "very little salt, and that is still the dish that my friends want when they visit."
    ),
    (
        "I would like to write a book one day, with the recipes that people send to me from "
        "all over the country, because so many of them have never been written down before."
    ),
]


def test_the_lines_between_two_parts_of_an_interview_are_kept() -> None:
    # Between two answers: the next guest's name, a label, where they live and the question.
    gap = [
        "Ingrid Solberg",
        "Account: @ingrid_cooks",
        "Bergen, Norway",
        "Grew up on an island",
        "What made you start a blog?",
    ]
    page = [*RECIPE_MENU, *INTERVIEW, *gap, *INTERVIEW2, *RECIPE_LINKS, "About Us"]
    assert lines_kept(page) == [*INTERVIEW, *gap, *INTERVIEW2]


def test_a_gap_between_two_parts_that_holds_a_rules_line_is_a_widget() -> None:
    gap = ["Share this article on WhatsApp", "Ingrid Solberg", "Bergen, Norway"]
    gap += ["Grew up on an island", "What made you start a blog?"]
    page = [*RECIPE_MENU, *INTERVIEW, *gap, *INTERVIEW2, *RECIPE_LINKS, "About Us"]
    # The question stays: a sentence next to the body is part of it.
    assert lines_kept(page) == [*INTERVIEW, gap[-1], *INTERVIEW2]


def test_short_sentences_between_repeated_captions_go_on_with_the_body() -> None:
    # A photo essay: under each photo the gallery's caption again (a cue word: it goes),
    # then a line or two.
    caption = "Harbour Festival 2018 Photo Gallery"
    sentences = [
        "Crowds came early to the square!",
        "The drums started just after six.",
        "Then the dancers took the stage.",
    ]
    page = [*RECIPE_MENU, caption, *INTERVIEW]
    for sentence in sentences:
        page += [caption, sentence]
    page += [*RECIPE_LINKS, "About Us"]
    assert lines_kept(page) == [*INTERVIEW, *sentences]


def test_short_sentences_past_a_widget_that_is_not_repeated_stay_out() -> None:
    sentences = ["Crowds came early to the square!", "The drums started just after six."]
    page = [*RECIPE_MENU, *INTERVIEW, "Harbour Festival Photo Gallery", *sentences, "About Us"]
    assert lines_kept(page) == INTERVIEW


def _stat_table(players: list[str]) -> list[str]:
    rows = ["Pos", "Player", "Plays", "%"]
    for n, player in enumerate(players):
        rows += ["LB", player, str(70 - n), f"{95 - n}%"]
    return rows


GAME_REPORT = [
    (
        "This was an amazing game for the linebackers, who filled up the stat sheet in fine "
        "style and kept the other side's runners in check for most of the second half."
    ),
    (
        "The young backup played only a few snaps on defence, but he stayed ahead of the "
        "veteran on the depth chart and the coaches praised his work in practice this week."
    ),
]


def test_prose_past_a_table_of_one_word_cells_is_part_of_the_body() -> None:
    players = ["Schobert", "Wilson", "Takitaki", "Taylor", "Ward", "Williams", "Carrie", "Burris"]
    table = _stat_table(players)  # 36 lines: too far apart if each line counted as one
    page = [*RECIPE_MENU, *INTERVIEW, *table, *GAME_REPORT, *RECIPE_LINKS, "About Us"]
    assert lines_kept(page) == [*INTERVIEW, *GAME_REPORT]


def test_prose_past_a_long_run_of_headlines_is_not_part_of_the_body() -> None:
    links = [f"Storm Hits The North Coast Town Number {n}" for n in range(32)]
    page = [*RECIPE_MENU, *INTERVIEW, *INTERVIEW2, *links, *GAME_REPORT, "About Us"]
    assert lines_kept(page) == [*INTERVIEW, *INTERVIEW2]


def test_a_page_is_judged_again_without_its_drops_so_a_second_run_finds_nothing() -> None:
    # Dropping the menu entry changes which lines stand next to the two table rows; the last
    # short sentence goes only once the page is judged again without the entry.
    text = (
        "The the the the.\nFestival 2018 Gallery\nHome\nthe 0 – the, the @ the\n"
        "The the the the the the the the.\nthe 0 – the, the @ the\nFestival 2018 Gallery\n"
        "The the the.\n"
    )
    once = run(text)
    assert "Home" not in once
    assert "The the the.\n" not in once
    assert run(once) == once
