"""Scoring, ranking, ABC and 20/80 on a hand-made portfolio: exact values and cut-offs."""

from __future__ import annotations

import pytest

from powermap.i18n import use_locale
from powermap.portfolio.classify import abc, pareto, ranked, scores, suggest_tier
from powermap.portfolio.indicators import INDICATORS, normalised

WEIGHTS = {"cumulative_sales": 2, "arrears": 1, "value_positioning": 1}

PORTFOLIO = {
    1: {"cumulative_sales": 100, "arrears": 0, "value_positioning": "value"},
    2: {"cumulative_sales": 60, "arrears": 40, "value_positioning": "balanced"},
    3: {"cumulative_sales": 20, "arrears": 20, "value_positioning": None},
    4: {"cumulative_sales": None, "arrears": None, "value_positioning": "price"},
}


def test_normalised_indicators_follow_their_direction_and_scale():
    assert normalised(PORTFOLIO, "cumulative_sales") == {1: 1.0, 2: 0.5, 3: 0.0, 4: 0.0}
    assert normalised(PORTFOLIO, "arrears") == {1: 1.0, 2: 0.0, 3: 0.5, 4: 0.0}
    assert normalised(PORTFOLIO, "value_positioning") == {1: 1.0, 2: 0.5, 3: 0.0, 4: 0.0}
    assert normalised({1: {"satisfaction": 4}, 2: {}}, "satisfaction") == {1: 0.75, 2: 0.0}
    assert normalised({1: {"size": 7}, 2: {"size": 7}}, "size") == {1: 1.0, 2: 1.0}


def test_weighted_score_on_a_hand_made_portfolio():
    got = scores(PORTFOLIO, WEIGHTS)
    assert {k: v["score"] for k, v in got.items()} == {1: 1.0, 2: 0.375, 3: 0.125, 4: 0.0}
    assert got[2]["parts"] == {"cumulative_sales": 0.25, "arrears": 0.0,
                               "value_positioning": 0.125}
    assert set(got[1]["normalised"]) == set(INDICATORS)


def test_changing_a_weight_changes_the_score():
    assert scores(PORTFOLIO, {**WEIGHTS, "arrears": 0})[3]["score"] == 0.0
    assert scores(PORTFOLIO, {"arrears": 1})[3]["score"] == 0.5


def test_a_score_needs_a_positive_weight():
    with pytest.raises(ValueError, match="at least one indicator"):
        scores(PORTFOLIO, {"profit": 0, "unknown": 3})


def test_ranking_puts_missing_values_last_and_breaks_ties_by_id():
    assert ranked({1: 5, 2: None, 3: 7, 4: 5, 5: 0}) == [3, 1, 4, 5, 2]


@pytest.mark.parametrize(("values", "classes"), [
    ([50, 30, 20], "AAB"),        # the third starts exactly at 80 %: B
    ([50, 29, 21], "AAA"),        # it starts at 79 %: still needed to reach 80 %
    ([80, 15, 5], "ABC"),         # 80 % before the second, 95 % before the third
    ([80, 14, 6], "ABB"),         # 94 % before the third
    ([10, 0, None], "ACC"),       # nothing brought: C
    ([0, 0], "CC"),
    ([-5, 10], "CA"),             # a loss counts 0
])
def test_abc_cut_offs(values, classes):
    got = abc(dict(enumerate(values, start=1)))
    assert "".join(got[k]["class"] for k in range(1, len(values) + 1)) == classes


def test_abc_shares_on_the_hand_made_portfolio():
    got = abc({k: v["cumulative_sales"] for k, v in PORTFOLIO.items()})
    assert [(got[k]["class"], got[k]["share"], got[k]["cumulative_share"]) for k in (1, 2, 3, 4)] \
        == [("A", 0.555556, 0.555556), ("A", 0.333333, 0.888889), ("B", 0.111111, 1.0),
            ("C", 0.0, 1.0)]


@pytest.mark.parametrize(("accounts", "top"), [(1, 1), (4, 1), (5, 1), (6, 2), (10, 2),
                                                (11, 3)])
def test_the_top_fifth_is_rounded_up(accounts, top):
    assert pareto({k: 10 for k in range(accounts)})["top_fifth"]["count"] == top


def test_pareto_summary_on_the_hand_made_portfolio():
    got = pareto({k: v["cumulative_sales"] for k, v in PORTFOLIO.items()})
    assert got["top_fifth"] == {"count": 1, "share": 0.555556}
    assert (got["total"], got["accounts"], got["accounts_for_80"]) == (180.0, 4, 2)
    assert [row["account_id"] for row in got["rows"]] == [1, 2, 3, 4]


def test_suggested_tiers_and_their_reasons():
    got = scores(PORTFOLIO, WEIGHTS)
    classes = abc({k: v["cumulative_sales"] for k, v in PORTFOLIO.items()})
    tiers = {k: suggest_tier(got[k], classes[k]["class"], "cumulative_sales", WEIGHTS,
                             PORTFOLIO[k]) for k in PORTFOLIO}
    assert {k: t for k, (t, _) in tiers.items()} == {1: "strategic", 2: "growth", 3: "growth",
                                                     4: "maintain"}
    assert tiers[3][1] == [
        "Score 13 of 100: strategic from 60, growth from 30.",
        "Class B by Cumulative sales: brings part of the next 15% of it.",
        "Strongest indicators: Arrears.",
        "No figure yet for: Value positioning.",
    ]
    with use_locale("zh_CN"):
        _, reasons = suggest_tier(got[4], "C", "cumulative_sales", WEIGHTS, PORTFOLIO[4])
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in reason) for reason in reasons)


@pytest.mark.parametrize(("score", "klass", "tier"), [
    (0.6, "C", "strategic"), (0.599999, "B", "growth"), (0.4, "A", "strategic"),
    (0.399999, "A", "growth"), (0.3, "C", "growth"), (0.299999, "C", "maintain"),
    (0.0, "B", "growth"),
])
def test_tier_cut_offs(score, klass, tier):
    assert suggest_tier({"score": score, "parts": {}}, klass, "score", {}, {})[0] == tier
