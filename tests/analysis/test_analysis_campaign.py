"""The campaign planner: model values, search quality, explanations, the demo."""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics

import pytest
from analysis_maps import DEMO_DAY, approx, new_map, person, relate
from hypothesis import given, settings
from hypothesis import strategies as st

from powermap import vocabulary as v
from powermap.analysis.campaign import build_problem, campaign_weeks, plan_campaign
from powermap.analysis.campaign_model import REACH_WEIGHT, Scored, evaluate
from powermap.analysis.campaign_search import exact, greedy
from powermap.graph import build_graph

RATIOS: list[float] = []


def chain_map():
    """Ann (ours, trusted) is tied to Bo; Bo, once won, can introduce the decision maker Cy."""
    G = new_map(team={7: {"id": 7, "name": "Tess", "role": "account_lead"}})
    person(G, 1, name="Bo", roles=["evaluator"], attitude=0, coverage=[(7, 3)])
    person(G, 2, name="Cy", roles=["decision_maker"], attitude=0, influence=5, level=3)
    relate(G, 1, 2, "reports_to", 3)
    return G


def test_a_won_ally_introduces_from_the_next_week():
    problem = build_problem(chain_map(), weeks=2, capacity=1)
    value, steps = evaluate(problem, [(1, 1), (2, 2)])
    bo, cy = steps
    assert bo.reliability == approx(0.75) and bo.probability == approx(0.5 * 0.75)
    # Cy: q = 0.375 through Bo (acquainted 3/4 * strength 3/4), else cold 0.1
    assert cy.introducer == 1
    assert cy.reliability == approx(0.375 * 0.75 * 0.75 + 0.625 * 0.1)
    wider = build_problem(chain_map(), weeks=2, capacity=2)
    same_week = evaluate(wider, [(1, 1), (2, 1)])[1]
    assert same_week[1].introducer is None and same_week[1].reliability == approx(0.1)
    expected = problem.deal + sum(s.gain for s in steps) + REACH_WEIGHT * cy.reliability
    assert value == approx(expected)


def test_capacity_limits_a_week():
    problem = build_problem(chain_map(), weeks=1, capacity=1)
    _, steps = evaluate(problem, [(1, 1), (2, 1)])
    assert [s.person for s in steps] == [1]


def test_greedy_finds_the_chain_and_explains_it():
    G = chain_map()
    result = plan_campaign(G, today=dt.date(2026, 11, 30), until="2026-12-14", capacity=1)
    assert result["weeks"] == 2
    assert [(s["week"], s["name"]) for s in result["steps"]] == [(1, "Bo"), (2, "Cy")]
    cy = result["steps"][1]
    assert cy["introducer"]["name"] == "Bo" and cy["won_introducer"]
    assert cy["why"][0] == "After Bo is won (week 1), Bo can introduce us to Cy."
    assert result["steps"][0]["why"][1] == "Once won, Bo can introduce us to Cy in a later week."
    assert result["decision_maker"]["reach_probability"] == approx(cy["reliability"])


def test_explanations_in_chinese():
    from powermap.i18n import use_locale

    G = chain_map()
    G.nodes[1]["name"], G.nodes[2]["name"] = "孙丽", "陈建国"
    with use_locale("zh_CN"):
        result = plan_campaign(G, today=dt.date(2026, 11, 30), until="2026-12-14", capacity=1)
    assert "孙丽" in result["steps"][1]["why"][0] and "陈建国" in result["steps"][1]["why"][0]
    assert "introduce" not in result["steps"][1]["why"][0]


def test_weeks_follow_the_bid_date():
    today = dt.date(2026, 11, 30)
    assert campaign_weeks(today, "2026-12-06") == 1
    assert campaign_weeks(today, "2027-01-14") == 6
    assert campaign_weeks(today, "2026-11-01") == 12


def test_demo_campaign_reaches_the_decision_maker_through_the_coach(demo):
    store, ids = demo
    G = build_graph(store, ids["grid"])
    result = plan_campaign(G, today=DEMO_DAY)
    dm = result["decision_maker"]
    assert dm["name"] == "陈建国" and not dm["already_reached"]
    step = next(s for s in result["steps"] if s["stakeholder_id"] == dm["stakeholder_id"])
    # the coach 王磊 (张蕾's advocate, 4) served 陈建国 for years (allied, 3): 4/4 · 3/4
    assert step["introducer"]["name"] == "王磊"
    assert "coach" in G.nodes[step["introducer"]["id"]]["roles"]
    assert step["owner"]["name"].startswith("张蕾")
    assert step["week"] == 1 and dm["reach_probability"] == approx(0.75)
    assert plan_campaign(G, today=DEMO_DAY) == result


@st.composite
def problems(draw, additive: bool = False):
    """A random map with at most 10 candidates and at most 4 activity slots."""
    members = draw(st.integers(1, 2))
    team = {7: {"id": 7, "name": "Tess", "role": "account_lead"}}
    if members == 2:
        team[8] = {"id": 8, "name": "Uli"}
    G = new_map(team=team)
    size = draw(st.integers(1, 10))
    for n in range(1, size + 1):
        person(G, n, roles=draw(st.lists(st.sampled_from(list(v.ROLES)), min_size=1,
                                         max_size=2, unique=True)),
               influence=draw(st.integers(1, 5)), attitude=draw(st.none() | st.integers(-2, 1)),
               level=draw(st.integers(1, 5)),
               coverage=draw(st.lists(st.tuples(st.sampled_from(sorted(team)),
                                                st.integers(0, 4)),
                                      max_size=1)))
    edges = draw(st.lists(st.tuples(st.integers(1, size), st.integers(1, size),
                                    st.sampled_from(list(v.RELATIONSHIP_TYPES)),
                                    st.integers(1, 3)), max_size=2 * size))
    for a, b, kind, strength in edges:
        if a != b:
            relate(G, a, b, kind, strength)
    capacity = draw(st.integers(1, 2))
    weeks = draw(st.integers(1, max(1, 4 // (capacity * members))))
    problem = build_problem(G, weeks=weeks, capacity=capacity)
    if additive:
        problem = dataclasses.replace(problem, candidates={
            j: dataclasses.replace(c, ties={}) for j, c in problem.candidates.items()})
    return problem


@settings(max_examples=150, deadline=None)
@given(problems())
def test_greedy_is_within_five_percent_of_the_optimum(problem):
    best, _ = exact(problem)
    found, steps = greedy(problem)
    assert found <= best + 1e-9
    empty = evaluate(problem, [])[0]
    ratio = 1.0 if best - empty <= 1e-12 else (found - empty) / (best - empty)
    RATIOS.append(ratio)
    assert ratio >= 0.95
    assert len({s.person for s in steps}) == len(steps)


@settings(max_examples=100, deadline=None)
@given(problems(additive=True))
def test_greedy_is_exact_without_interactions(problem):
    assert greedy(problem)[0] == pytest.approx(exact(problem)[0], abs=1e-12)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_scoring_one_more_step_agrees_with_evaluating_the_schedule(data):
    """Scored.with_step is a shortcut for evaluate: the very same float, or None exactly
    when the added step is dropped."""
    problem = data.draw(problems())
    people = sorted(problem.candidates)
    weeks = st.integers(1, problem.weeks)
    chosen = data.draw(st.lists(st.sampled_from(people), unique=True,
                                max_size=len(people) - 1))
    schedule = [(p, data.draw(weeks)) for p in chosen]
    scored = Scored(problem, schedule)
    assert (scored.value, scored.steps) == evaluate(problem, schedule)
    for added in (p for p in people if p not in chosen):
        for week in range(1, problem.weeks + 1):
            value, steps = evaluate(problem, [*schedule, (added, week)])
            placed = any(s.person == added for s in steps)
            assert scored.with_step(added, week) == (value if placed else None)


def test_ratio_distribution_is_reported():
    """Run after the property test: prints min / median of the improvement ratios."""
    if RATIOS:
        print(f"campaign ratio: n={len(RATIOS)} min={min(RATIOS):.4f} "
              f"median={statistics.median(RATIOS):.4f}")


def test_exact_refuses_large_problems():
    problem = build_problem(chain_map(), weeks=8, capacity=1)
    with pytest.raises(ValueError):
        exact(problem)
