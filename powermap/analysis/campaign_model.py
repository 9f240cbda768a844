"""The campaign model: a schedule of activities, week by week, and what it is worth.

Pure data, no graph: :func:`build_problem` (in :mod:`.campaign`) turns a map into a
:class:`Problem`; :func:`evaluate` scores a schedule; :mod:`.campaign_search` looks
for a good one. The formulas (also in ``docs/campaign.md``):

* **Weeks** :math:`1..H` from today to the bid date; each team member *m* does at
  most :math:`C_m` activities a week (:data:`DEFAULT_CAPACITY`).
* **Candidates** *j*: the buying-center members below champion, each with one
  activity (the ally-expansion rules), base success :math:`b_j`, leverage
  :math:`c_j = \\partial D / \\partial x_{0,j}` and today's introduction path
  :math:`r^0_j` with its starter.
* **Allies won along the way.** A person *A* whose activity in week
  :math:`w_A` succeeds (probability :math:`q_A = p_A`) and who is then an ally
  (attitude ≥ +1 after the one-step move, or the coach role) can introduce us from
  week :math:`w_A + 1` on, through the team member who won them, with our
  relationship at least *acquainted* (:math:`s'_A = \\max(s_A, 2)`). For a target
  *j* tied to *A* with strength *t* (allied, influences, reports_to; no conflict)
  the expected reliability is
  :math:`r_{A \\to j} = q_A \\frac{s'_A}{4} \\frac{t}{4} + (1 - q_A) r^0_j`
  (if *A* was not won, we fall back on today's path). The best option whose starter
  still has capacity that week is taken (today's path on ties).
* **Success** :math:`p_j = b_j r_j`; the expected attitude move is :math:`p_j`
  steps, :math:`p_j / 2` on the forecast scale, so the deal forecast at the bid is
  exactly :math:`E[D] = D_0 + \\sum_j c_j p_j / 2` (the equilibrium is linear in
  :math:`x_0`).
* **Reaching the decision maker**: :math:`\\rho = 1` if our team already has a
  relationship of acquainted or better with the top decision maker, else the
  reliability of the path of their activity if scheduled, else 0.
* **Objective** :math:`V = E[D] + \\kappa \\rho` with :math:`\\kappa` =
  :data:`REACH_WEIGHT`.

Every tie is broken by ids, so the same map gives the same campaign.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import groupby
from typing import NamedTuple

__all__ = ["DEFAULT_CAPACITY", "REACH_WEIGHT", "Candidate", "Problem", "Scored", "Step",
           "evaluate"]

#: Activities a team member can run in a week, unless the caller says otherwise.
DEFAULT_CAPACITY = 2
#: Weight of reaching the top decision maker against the deal forecast (on [−1, 1]).
REACH_WEIGHT = 0.1
#: Our relationship with a person once an activity with them succeeded (acquainted).
WON_COVERAGE = 2


@dataclass(frozen=True)
class Candidate:
    """One person the campaign may work on (see the module docstring)."""

    id: int
    base: float                      # b_j
    leverage: float                  # c_j
    reliability: float               # r0_j, today's path
    starter: int | None              # who starts today's path
    becomes_ally: bool               # an ally after one successful step
    coverage: int = 0                # s_j, our strongest relationship today
    ties: dict = field(default_factory=dict)   # A -> t, people who may introduce j


@dataclass(frozen=True)
class Problem:
    """Candidates, weeks, capacities and the decision maker to reach."""

    candidates: dict
    weeks: int
    capacity: dict                   # team member id (or None) -> activities per week
    deal: float = 0.0                # D0
    decision_maker: int | None = None
    reached: bool = False            # our team already knows the decision maker


class Step(NamedTuple):
    """One scheduled activity as evaluated: who, when, by whom, through whom, worth what.

    A named tuple rather than a dataclass: the search builds about a million of them
    on a 200-person map, and a tuple is built several times faster.
    """

    person: int
    week: int
    owner: int | None
    introducer: int | None          # an ally won earlier in the campaign, else None
    reliability: float
    probability: float
    gain: float


def evaluate(problem: Problem, schedule) -> tuple[float, list[Step]]:
    """The value :math:`V` of ``schedule`` (pairs ``(person, week)``) and its steps.

    Steps are taken in (week, person) order; a step whose every option's starter is
    already busy that week is dropped (it is not in the returned steps).
    """
    steps: list[Step] = []
    total, reach = _run(problem, sorted(schedule, key=_in_order), {}, {}, problem.deal,
                        1.0 if problem.reached else 0.0, steps)
    return total + REACH_WEIGHT * reach, steps


def _run(problem: Problem, items, won: dict, busy: dict, total: float, reach: float,
         steps: list | None = None) -> tuple[float, float]:
    """Take ``items`` (in order) from the state ``won``, ``busy``, ``total``, ``reach``
    (the dicts are updated); return the new total and reach, the steps taken appended to
    ``steps``."""
    for person, week in items:
        step = _take(problem, person, week, won, busy)
        if step is None:
            continue
        total += step.gain
        if person == problem.decision_maker and not problem.reached:
            reach = step.reliability
        if steps is not None:
            steps.append(step)
    return total, reach


def _in_order(item: tuple[int, int]) -> tuple[int, int]:
    return item[1], item[0]


def _take(problem: Problem, person: int, week: int, won: dict, busy: dict) -> Step | None:
    """``person``'s step in ``week`` given the allies ``won`` so far and the starters
    ``busy`` that week (both updated), or None when every option's starter is busy."""
    cand = problem.candidates[person]
    options = [(cand.reliability, 0, -1, cand.starter, None)]
    for a, t in cand.ties.items():
        if a in won and won[a][1] < week:
            q, _, owner = won[a]
            source = problem.candidates[a]
            r = q * max(source.coverage, WON_COVERAGE) / 4 * t / 4 \
                + (1 - q) * cand.reliability
            options.append((r, 1, a, owner, a))
    options.sort(key=lambda o: (-o[0], o[1], o[2]))
    chosen = next((o for o in options
                   if busy.get((o[3], week), 0) < problem.capacity.get(o[3], 0)), None)
    if chosen is None:
        return None
    r, _, _, owner, introducer = chosen
    busy[(owner, week)] = busy.get((owner, week), 0) + 1
    p = cand.base * r
    if cand.becomes_ally:
        won[person] = (p, week, owner)
    return Step(person, week, owner, introducer, r, p, cand.leverage * p / 2)


class Scored:
    """A schedule evaluated once, so that the value of adding one ``(person, week)`` to
    it is cheap, and exactly :func:`evaluate`'s.

    The search asks this question thousands of times of the same schedule. The weeks
    before the new step are kept as they were (their state is saved at each week's
    start), the new step's week is taken again, and the later weeks are taken again
    only when the change can reach them: a step of that week came out differently,
    or the new person, once won, may introduce someone scheduled later. Otherwise
    their gains are added again in the same order, so the sum is the same float.
    """

    def __init__(self, problem: Problem, schedule) -> None:
        self.problem = problem
        self.items = sorted(schedule, key=_in_order)
        self.weeks: list[int] = []        # the weeks with a step, in order
        self._starts: list[tuple] = []    # per such week: items index, steps index, state
        won: dict = {}
        busy: dict = {}
        self.steps: list[Step] = []
        total = problem.deal
        reach = 1.0 if problem.reached else 0.0
        index = 0
        for week, group in groupby(self.items, key=lambda item: item[1]):
            group = list(group)
            self.weeks.append(week)
            self._starts.append((index, len(self.steps), dict(won), total, reach))
            total, reach = _run(problem, group, won, busy, total, reach, self.steps)
            index += len(group)
        self._starts.append((len(self.items), len(self.steps), won, total, reach))
        self.value = total + REACH_WEIGHT * reach
        #: person -> the last week of a scheduled step they could introduce
        self._last_tied: dict[int, int] = {}
        for person, week in self.items:
            for a in problem.candidates[person].ties:
                self._last_tied[a] = max(self._last_tied.get(a, 0), week)

    def with_step(self, person: int, week: int) -> float | None:
        """:math:`V` of the schedule plus ``(person, week)``; None if that step is dropped
        (every option's starter is busy that week)."""
        problem = self.problem
        k = bisect_left(self.weeks, week)
        index, step_index, won, total, reach = self._starts[k]
        won = dict(won)
        present = k < len(self.weeks) and self.weeks[k] == week
        after, step_after = self._starts[k + 1][:2] if present else (index, step_index)
        today = sorted([*self.items[index:after], (person, week)], key=_in_order)
        busy: dict = {}
        taken: list[Step] = []
        total, reach = _run(problem, today, won, busy, total, reach, taken)
        if all(step.person != person for step in taken):
            return None
        same = [s for s in taken if s.person != person] == self.steps[step_index:step_after]
        if same and (not problem.candidates[person].becomes_ally
                     or self._last_tied.get(person, 0) <= week):
            for step in self.steps[step_after:]:
                total += step.gain
                if step.person == problem.decision_maker and not problem.reached:
                    reach = step.reliability
            return total + REACH_WEIGHT * reach
        total, reach = _run(problem, self.items[after:], won, busy, total, reach)
        return total + REACH_WEIGHT * reach


def slots(problem: Problem) -> int:
    """How many activities fit before the bid: :math:`H \\sum_m C_m`."""
    return problem.weeks * sum(problem.capacity.values())
