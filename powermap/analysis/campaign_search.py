"""Searching for a campaign: lazy greedy with local improvement, and an exact search.

Both maximise :math:`V` of :func:`.campaign_model.evaluate` over schedules
(sets of ``(person, week)``, at most :math:`\\sum_m C_m` activities a week, each
person at most once).

* :func:`greedy` adds, one activity at a time, the (person, week) with the largest
  gain in :math:`V`. Gains are kept in a heap and re-evaluated lazily: the top
  entry is recomputed and taken if it still beats the next stored one. Winning
  someone can only raise the gains of the people they may introduce, so those
  entries are reset to be recomputed. Then a local search moves a step to another
  week or swaps it for a person not planned, while that raises :math:`V`.
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
_EPS = 1e-12
_MAX_ROUNDS = 20


def greedy(problem: Problem) -> tuple[float, list[Step]]:
    """A good schedule: lazy greedy, then local improvement (see the module docstring)."""
    value, steps = evaluate(problem, [])
    schedule: list[tuple[int, int]] = []
    weeks = range(1, problem.weeks + 1)
    introduces: dict[int, list[int]] = {}
    for j, cand in problem.candidates.items():
        for a in cand.ties:
            introduces.setdefault(a, []).append(j)
    heap = [(-float("inf"), j) for j in sorted(problem.candidates)]
    heapq.heapify(heap)
    limit = slots(problem)
    while heap and len(schedule) < limit:
        _, j = heapq.heappop(heap)
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
        added = {s.person for s in new_steps} - {p for p, _ in schedule}
        value, steps = new_value, new_steps
        schedule = [(s.person, s.week) for s in steps]
        opened = {k for a in added for k in introduces.get(a, ())}
        heap = [(-float("inf") if k in opened else g, k)
                for g, k in heap if k not in added]
        heapq.heapify(heap)
    return _improve(problem, value, steps)


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


def _best_pair(problem, schedule, value, introduces, free):
    """The best ally-then-introduction pair ``(A, j)`` not yet planned, or None.

    Winning *A* may be worth little alone and a lot through the people *A* can then
    introduce; a single-step greedy never sees that, so the pair is weighed per
    slot against the best single step.
    """
    if free < 2:
        return None
    planned = {p for p, _week in schedule}
    best = None
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
            if second is None:
                continue
            gain = second[1] - value
            if best is None or gain > best[0] + _EPS:
                best = (gain, second[1], second[2])
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
            break
        value, steps = better
    return value, steps


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
