"""Krackhardt's (1987) 21 managers of a high-tech firm as a power map.

Source: D. Krackhardt, "Cognitive social structures", Social Networks 9 (1987); the
files are the copy in the GitHub repository jcg95/M2_MandatoryAssignment_2_Files.

The data (``data/krackhardt/``, kept as found: ``ego;alter;edge`` over all pairs, and
``ID;AGE;TENURE;LEVEL;DEPT`` with LEVEL 1 = CEO, 2 = VP, 3 = manager) become:
``reports_to`` from the reports-to network, ``ego asks alter for advice`` → alter
``influences`` ego, mutual friendship → ``allied``; every tie at strength 3 (the
strongest, so a model that reads 3/3 as certain shows it). Everyone is in the buying
center: the CEO decides, VPs approve, managers evaluate. Attitudes cycle through
−2…+2 by id (the CEO's is unknown); Tess is an advocate of VP 18, Uli of manager 3 (both +1).
"""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
from analysis_maps import new_map, person, relate

DATA = Path(__file__).parent / "data" / "krackhardt"
_ROLES = {1: ["decision_maker"], 2: ["approver"], 3: ["evaluator"]}
_INFLUENCE = {1: 5, 2: 4, 3: 3}


def _pairs(name: str) -> list[tuple[int, int]]:
    with open(DATA / name, newline="", encoding="ascii") as handle:
        rows = csv.DictReader(handle, delimiter=";")
        return [(int(row["ego"]), int(row["alter"])) for row in rows
                if row["edge"] == "1" and row["ego"] != row["alter"]]


def krackhardt_map() -> nx.MultiDiGraph:
    G = new_map()
    with open(DATA / "Krack-High-Tec-Attributes.csv", newline="", encoding="ascii") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            n, level = int(row["ID"]), int(row["LEVEL"])
            coverage = [(7, 4)] if n == 18 else [(8, 4)] if n == 3 else []
            person(G, n, name=f"Manager {n}", level=level, roles=_ROLES[level],
                   influence=_INFLUENCE[level], department=f"Dept {row['DEPT']}",
                   attitude=None if level == 1 else n % 5 - 2, coverage=coverage)
    for ego, alter in _pairs("Reports_To.csv"):
        relate(G, ego, alter, "reports_to", 3)
    for ego, alter in _pairs("Advice.csv"):
        relate(G, alter, ego, "influences", 3)
    friends = set(_pairs("Friendship.csv"))
    for ego, alter in sorted(friends):
        if ego < alter and (alter, ego) in friends:
            relate(G, ego, alter, "allied", 3)
    return G
