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
from .campaign_model import Problem, Scored, Step, evaluate, slots

__all__ = ["EXACT_LIMIT", "IMPROVE_BUDGET", "exact", "greedy"]

#: The exact search refuses problems with more activity slots than this.
EXACT_LIMIT = 6
#: Problems with at most this many (activity slots × candidates) get the pilot greedy.
PILOT_LIMIT = 200
#: Evaluations the two-step replanning of the local search may spend.
PAIR_BUDGET = 2_000
#: Trial schedules the local search may score in all; far above what the small
#: problems of the tests need, it keeps large maps (200 people) near a second.
IMPROVE_BUDGET = 10_000
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
    scored = Scored(problem, schedule)
    weeks = range(1, problem.weeks + 1)
    introduces = _introduces(problem)
    pairs = _Pairs(problem, introduces)
    planned = {p for p, _week in schedule}
    heap = [(-float("inf"), j) for j in sorted(problem.candidates) if j not in planned]
    heapq.heapify(heap)
    limit = slots(problem)
    while heap and len(schedule) < limit:
        _gain, j = heapq.heappop(heap)
        best = _best_insertion(scored, j, weeks)
        if best is None:
            continue
        gain, week = best
        if heap and gain < -heap[0][0] - _EPS:
            heapq.heappush(heap, (-gain, j))
            continue
        chosen = [*schedule, (j, week)]
        if limit - len(schedule) >= 2:
            pair = pairs.best(scored, planned, beating=2 * gain)
            if pair is not None:
                heapq.heappush(heap, (-gain, j))
                gain, chosen = pair
        if gain <= _EPS:
            break
        value, steps = evaluate(problem, chosen)
        schedule = [(s.person, s.week) for s in steps]
        added = {p for p, _week in schedule} - planned
        planned |= added
        scored = Scored(problem, schedule)
        opened = {k for a in added for k in introduces.get(a, ())}
        heap = [(-float("inf") if k in opened else g, k)
                for g, k in heap if k not in added]
        heapq.heapify(heap)
        pairs.reopen(opened)
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
    pairs = _Pairs(problem, introduces)
    value, steps = evaluate(problem, [])
    schedule: list[tuple[int, int]] = []
    limit = slots(problem)
    while len(schedule) < limit:
        scored = Scored(problem, schedule)
        planned = {p for p, _week in schedule}
        options = [[*schedule, (j, found[1])] for j in sorted(problem.candidates)
                   if j not in planned
                   for found in [_best_insertion(scored, j, weeks)] if found is not None]
        if limit - len(schedule) >= 2:
            options += [found[1] for a, j in pairs.order
                        if a not in planned and j not in planned
                        for found in [pairs.gain(scored, a, j)] if found is not None]
        best = None
        for option in options:
            completed = _lazy(problem, option)[0]
            if best is None or completed > best[0] + _EPS:
                best = (completed, option)
        if best is None or best[0] <= value + _EPS:
            break
        value, steps = evaluate(problem, best[1])
        schedule = [(st.person, st.week) for st in steps]
    return value, steps


def _introduces(problem: Problem) -> dict[int, list[int]]:
    """Whom each candidate could introduce once won."""
    introduces: dict[int, list[int]] = {}
    for j, cand in problem.candidates.items():
        for a in cand.ties:
            introduces.setdefault(a, []).append(j)
    return introduces


def _best_insertion(scored: Scored, j: int, weeks) -> tuple[float, int] | None:
    """The best week for ``j`` in the scored schedule: ``(gain, week)``, or None."""
    best = None
    for week in weeks:
        value = scored.with_step(j, week)
        if value is None:
            continue
        gain = value - scored.value
        if best is None or gain > best[0] + _EPS:
            best = (gain, week)
    return best


class _Pairs:
    """Ally-then-introduction pairs ``(A, j)``: win *A*, then *A* introduces *j*.

    Winning *A* may be worth little alone and a lot through the people *A* can then
    introduce; a single-step greedy never sees that, so pairs are weighed too. Their
    last known gains wait in a heap and are recomputed lazily, like the single steps'.
    """

    def __init__(self, problem: Problem, introduces: dict[int, list[int]]) -> None:
        self.problem = problem
        self.order = [(a, j) for a in sorted(introduces) if problem.candidates[a].becomes_ally
                      for j in introduces[a]]
        self.heap = [(-float("inf"), n) for n in range(len(self.order))]
        self.introduces = introduces

    def gain(self, scored: Scored, a: int, j: int) -> tuple[float, list] | None:
        """``(gain, schedule)`` of winning ``a`` in its best week but the last, then ``j``
        in its best week after; None if either finds no week."""
        problem = self.problem
        first = _best_insertion(scored, a, range(1, problem.weeks))
        if first is None:
            return None
        kept = [(s.person, s.week) for s in evaluate(problem, [*scored.items, (a, first[1])])[1]]
        second = _best_insertion(Scored(problem, kept), j, range(first[1] + 1, problem.weeks + 1))
        if second is None:
            return None
        schedule = [*kept, (j, second[1])]
        return evaluate(problem, schedule)[0] - scored.value, schedule

    def best(self, scored: Scored, planned: set, beating: float):
        """The best pair not yet planned, first on ties, if its gain is above ``beating``:
        ``(gain, schedule)``; else None."""
        fresh: dict[int, tuple[float, list]] = {}
        while self.heap and -self.heap[0][0] > beating + _EPS:
            bound, n = heapq.heappop(self.heap)
            a, j = self.order[n]
            if a in planned or j in planned:
                continue
            if n in fresh:
                heapq.heappush(self.heap, (bound, n))
                return fresh[n]
            found = self.gain(scored, a, j)
            if found is None:   # no week for it now; a newly won ally may reopen it
                heapq.heappush(self.heap, (float("inf"), n))
                continue
            fresh[n] = found
            heapq.heappush(self.heap, (-found[0], n))
        return None

    def reopen(self, opened: set) -> None:
        """Pairs with someone a newly won ally may introduce are worth recomputing."""
        if not opened:
            return
        self.heap = [(-float("inf") if self.order[n][0] in opened or self.order[n][1] in opened
                      else g, n) for g, n in self.heap]
        heapq.heapify(self.heap)


def _improve(problem: Problem, value: float, steps: list[Step]) -> tuple[float, list[Step]]:
    """Move a step to another week, swap it for someone not planned, or swap two steps' weeks,
    while V rises, within :data:`IMPROVE_BUDGET` trials (the best found so far is kept)."""
    weeks = range(1, problem.weeks + 1)
    budget = IMPROVE_BUDGET
    for _round in range(_MAX_ROUNDS):
        schedule = [(s.person, s.week) for s in steps]
        planned = {p for p, _week in schedule}
        spare = [j for j in sorted(problem.candidates) if j not in planned]
        better = None
        for i in range(len(schedule)):
            if budget <= 0:
                break
            rest = Scored(problem, schedule[:i] + schedule[i + 1:])
            for j in [schedule[i][0], *spare]:
                budget -= len(weeks)
                for week in weeks:
                    trial = rest.with_step(j, week)
                    if trial is not None and trial > value + 1e-9 and (
                            better is None or trial > better[0]):
                        better = (trial, [*rest.items, (j, week)])
        for i in range(len(schedule)):
            if budget <= 0:
                break
            budget -= len(schedule) - i - 1
            for k in range(i + 1, len(schedule)):
                (a, wa), (b, wb) = schedule[i], schedule[k]
                if wa == wb:
                    continue
                trial = [*(item for n, item in enumerate(schedule) if n not in (i, k)),
                         (a, wb), (b, wa)]
                found = evaluate(problem, trial)[0]
                if found > value + 1e-9 and (better is None or found > better[0]):
                    better = (found, trial)
        if better is None and budget > 0:
            better = _replan_two(problem, schedule, value)
        if better is None:
            break
        value, steps = evaluate(problem, better[1])
        if budget <= 0:
            break
    return value, steps


def _replan_two(problem: Problem, schedule: list[tuple[int, int]], value: float):
    """Take two steps out, refill both slots (two single steps, or the best pair); the
    first refill that raises V: ``(value, schedule)``.

    Catches what one move cannot: a step whose owner is freed only when another step
    moves. Bounded by :data:`PAIR_BUDGET` evaluations, so large maps stay fast.
    """
    weeks = range(1, problem.weeks + 1)
    introduces = _introduces(problem)
    budget = PAIR_BUDGET
    for i in range(len(schedule)):
        for k in range(i + 1, len(schedule)):
            rest = [item for n, item in enumerate(schedule) if n not in (i, k)]
            start = Scored(problem, rest)
            for _slot in range(2):
                scored = Scored(problem, rest)
                planned = {p for p, _week in rest}
                best = None
                for j in sorted(problem.candidates):
                    if j in planned:
                        continue
                    budget -= len(weeks)
                    found = _best_insertion(scored, j, weeks)
                    if found is not None and (best is None or found[0] > best[0] + _EPS):
                        best = (found[0], j, found[1])
                if best is None:
                    break
                rest = [(st.person, st.week)
                        for st in evaluate(problem, [*rest, best[1:]])[1]]
            trial = (evaluate(problem, rest)[0], rest)
            budget -= len(introduces) * len(weeks) * 2
            pair = _Pairs(problem, introduces).best(start, {p for p, _w in start.items},
                                                    beating=-float("inf"))
            if pair is not None and start.value + pair[0] > trial[0]:
                trial = (start.value + pair[0], pair[1])
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
