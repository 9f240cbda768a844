"""Searching for a campaign: lazy greedy with local improvement, and an exact search.

Both maximise :math:`V` of :func:`.campaign_model.evaluate` over schedules
(sets of ``(person, week)``, at most :math:`\\sum_m C_m` activities a week, each
person at most once).

* :func:`greedy` adds, one activity at a time, the (person, week) with the largest
  gain in :math:`V`. Gains are kept in a heap and re-evaluated lazily: the top
  entry is recomputed and taken if it still beats the next stored one. Winning
  someone can only raise the gains of the people they may introduce, so those
  entries are reset to be recomputed. Ally-then-introduction pairs are weighed per
  slot against single steps. Then a local search moves a step to another week, swaps
  it for a person not planned, swaps two steps' weeks, or takes two steps out and
  refills both slots with the better of two single steps and an
  ally-then-introduction pair (within :data:`PAIR_BUDGET` evaluations), while that
  raises :math:`V`. On small problems (:data:`PILOT_LIMIT` slots × candidates) each
  round instead keeps the step or pair whose lazy-greedy *completion* is best (the
  pilot method), before the same local search.
  Without interactions (nobody won can introduce a candidate) :math:`V` is a sum
  of per-person gains under per-member capacities, and taking the largest gain
  first is the exact optimum.
* :func:`exact` enumerates every schedule week by week (for small instances only:
  :data:`EXACT_LIMIT` activities, ten-odd candidates).
"""

from __future__ import annotations

import heapq
from itertools import combinations

from ..i18n import _
from .campaign_model import Problem, Step, evaluate, slots

__all__ = ["EXACT_LIMIT", "exact", "greedy"]

#: The exact search refuses problems with more activity slots than this.
EXACT_LIMIT = 6
#: Problems with at most this many (activity slots × candidates) get the pilot greedy.
PILOT_LIMIT = 200
#: Evaluations the two-step replanning of the local search may spend.
PAIR_BUDGET = 2_000
_EPS = 1e-12
_MAX_ROUNDS = 20


def greedy(problem: Problem) -> tuple[float, list[Step]]:
    """A good schedule: (pilot) lazy greedy, then local improvement (module docstring)."""
    if slots(problem) * len(problem.candidates) <= PILOT_LIMIT:
        value, steps = _pilot(problem)
    else:
        value, steps = _lazy(problem, [])
    return _improve(problem, value, steps)


def _lazy(problem: Problem, schedule: list[tuple[int, int]]) -> tuple[float, list[Step]]:
    """Complete ``schedule`` by lazy greedy: single steps, or ally-then-introduction pairs."""
    value, steps = evaluate(problem, schedule)
    schedule = [(s.person, s.week) for s in steps]
    weeks = range(1, problem.weeks + 1)
    introduces = _introduces(problem)
    planned = {p for p, _week in schedule}
    heap = [(-float("inf"), j) for j in sorted(problem.candidates) if j not in planned]
    heapq.heapify(heap)
    limit = slots(problem)
    while heap and len(schedule) < limit:
        _gain, j = heapq.heappop(heap)
        best = _best_insertion(problem, schedule, value, j, weeks)
        if best is None:
            continue
        gain, new_value, new_steps = best
        if heap and gain < -heap[0][0] - _EPS:
            heapq.heappush(heap, (-gain, j))
            continue
        pair = _best_pair(problem, schedule, value, introduces, limit - len(schedule))
        if pair is not None and pair[0] / 2 > gain + _EPS:
            heapq.heappush(heap, (-gain, j))
            gain, new_value, new_steps = pair
        if gain <= _EPS:
            break
        added = {s.person for s in new_steps} - {p for p, _week in schedule}
        value, steps = new_value, new_steps
        schedule = [(s.person, s.week) for s in steps]
        opened = {k for a in added for k in introduces.get(a, ())}
        heap = [(-float("inf") if k in opened else g, k)
                for g, k in heap if k not in added]
        heapq.heapify(heap)
    return value, steps


def _pilot(problem: Problem) -> tuple[float, list[Step]]:
    """Greedy with look-ahead: take the step (or pair) whose lazy-greedy completion is best.

    Each round scores every candidate's best single step and every
    ally-then-introduction pair by the value of the whole campaign the lazy greedy
    completes from it, and keeps only that first step (the pilot method). Used on
    small problems (:data:`PILOT_LIMIT`), where it costs little.
    """
    weeks = range(1, problem.weeks + 1)
    introduces = _introduces(problem)
    value, steps = evaluate(problem, [])
    schedule: list[tuple[int, int]] = []
    limit = slots(problem)
    while len(schedule) < limit:
        planned = {p for p, _week in schedule}
        options = [found for j in sorted(problem.candidates) if j not in planned
                   for found in [_best_insertion(problem, schedule, value, j, weeks)]
                   if found is not None]
        options += _pairs(problem, schedule, value, introduces, limit - len(schedule))
        best = None
        for option in options:
            completed = _lazy(problem, [(st.person, st.week) for st in option[2]])[0]
            if best is None or completed > best[0] + _EPS:
                best = (completed, option)
        if best is None or best[0] <= value + _EPS:
            break
        _gain, value, steps = best[1]
        schedule = [(st.person, st.week) for st in steps]
    return value, steps


def _introduces(problem: Problem) -> dict[int, list[int]]:
    """Whom each candidate could introduce once won."""
    introduces: dict[int, list[int]] = {}
    for j, cand in problem.candidates.items():
        for a in cand.ties:
            introduces.setdefault(a, []).append(j)
    return introduces


def _best_insertion(problem, schedule, value, j, weeks):
    """The best week for ``j`` given ``schedule``: ``(gain, value, steps)`` or None."""
    best = None
    for week in weeks:
        new_value, new_steps = evaluate(problem, [*schedule, (j, week)])
        if not any(s.person == j for s in new_steps):
            continue
        gain = new_value - value
        if best is None or gain > best[0] + _EPS:
            best = (gain, new_value, new_steps)
    return best


def _pairs(problem, schedule, value, introduces, free) -> list:
    """Every ally-then-introduction pair ``(A, j)`` not yet planned: ``(gain, value, steps)``.

    Winning *A* may be worth little alone and a lot through the people *A* can then
    introduce; a single-step greedy never sees that, so pairs are weighed too.
    """
    if free < 2:
        return []
    planned = {p for p, _week in schedule}
    out = []
    for a in sorted(introduces):
        if a in planned or not problem.candidates[a].becomes_ally:
            continue
        first = _best_insertion(problem, schedule, value, a, range(1, problem.weeks))
        if first is None:
            continue
        week = next(s.week for s in first[2] if s.person == a)
        base = [(s.person, s.week) for s in first[2]]
        for j in introduces[a]:
            if j in planned:
                continue
            second = _best_insertion(problem, base, first[1], j,
                                     range(week + 1, problem.weeks + 1))
            if second is not None:
                out.append((second[1] - value, second[1], second[2]))
    return out


def _best_pair(problem, schedule, value, introduces, free):
    """The best of :func:`_pairs` (first on ties), or None."""
    best = None
    for pair in _pairs(problem, schedule, value, introduces, free):
        if best is None or pair[0] > best[0] + _EPS:
            best = pair
    return best


def _improve(problem: Problem, value: float, steps: list[Step]) -> tuple[float, list[Step]]:
    """Move a step to another week, swap it for someone not planned, or swap two steps' weeks,
    while V rises."""
    weeks = range(1, problem.weeks + 1)
    for _round in range(_MAX_ROUNDS):
        schedule = [(s.person, s.week) for s in steps]
        planned = {p for p, _week in schedule}
        spare = [j for j in sorted(problem.candidates) if j not in planned]
        better = None
        for i in range(len(schedule)):
            rest = schedule[:i] + schedule[i + 1:]
            for j in [schedule[i][0], *spare]:
                for week in weeks:
                    trial = evaluate(problem, [*rest, (j, week)])
                    if trial[0] > value + 1e-9 and (better is None or trial[0] > better[0]):
                        better = trial
        for i in range(len(schedule)):
            for k in range(i + 1, len(schedule)):
                (a, wa), (b, wb) = schedule[i], schedule[k]
                if wa == wb:
                    continue
                trial = evaluate(problem, [*(item for n, item in enumerate(schedule)
                                             if n not in (i, k)), (a, wb), (b, wa)])
                if trial[0] > value + 1e-9 and (better is None or trial[0] > better[0]):
                    better = trial
        if better is None:
            better = _replan_two(problem, schedule, value)
        if better is None:
            break
        value, steps = better
    return value, steps


def _replan_two(problem: Problem, schedule: list[tuple[int, int]], value: float):
    """Take two steps out, refill both slots (two single steps, or the best pair); the
    first refill that raises V.

    Catches what one move cannot: a step whose owner is freed only when another step
    moves. Bounded by :data:`PAIR_BUDGET` evaluations, so large maps stay fast.
    """
    weeks = range(1, problem.weeks + 1)
    introduces = _introduces(problem)
    budget = PAIR_BUDGET
    for i in range(len(schedule)):
        for k in range(i + 1, len(schedule)):
            rest = [item for n, item in enumerate(schedule) if n not in (i, k)]
            start = rest
            for _slot in range(2):
                base = evaluate(problem, rest)[0]
                planned = {p for p, _week in rest}
                best = None
                for j in sorted(problem.candidates):
                    if j in planned:
                        continue
                    budget -= len(weeks)
                    found = _best_insertion(problem, rest, base, j, weeks)
                    if found is not None and (best is None or found[0] > best[0] + _EPS):
                        best = found
                if best is None:
                    break
                rest = [(st.person, st.week) for st in best[2]]
            trial = evaluate(problem, rest)
            budget -= len(introduces) * len(weeks) * 2
            pair = _best_pair(problem, start, evaluate(problem, start)[0], introduces, 2)
            if pair is not None and pair[1] > trial[0]:
                trial = (pair[1], pair[2])
            if trial[0] > value + 1e-9:
                return trial
            if budget <= 0:
                return None
    return None


def exact(problem: Problem) -> tuple[float, list[Step]]:
    """The optimal schedule, by enumerating every one (small problems only)."""
    if slots(problem) > EXACT_LIMIT:
        raise ValueError(_("the exact search is limited to %(limit)d activity slots",
                           limit=EXACT_LIMIT))
    per_week = sum(problem.capacity.values())
    people = sorted(problem.candidates)
    best = evaluate(problem, [])

    def visit(week: int, remaining: tuple[int, ...], schedule: list[tuple[int, int]]):
        nonlocal best
        if week > problem.weeks or not remaining:
            result = evaluate(problem, schedule)
            if result[0] > best[0] + _EPS:
                best = result
            return
        for size in range(min(per_week, len(remaining)), -1, -1):
            for chosen in combinations(remaining, size):
                left = tuple(p for p in remaining if p not in chosen)
                visit(week + 1, left, [*schedule, *((p, week) for p in chosen)])

    visit(1, tuple(people), [])
    return best
