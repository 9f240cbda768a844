"""The import-under-load benchmark runs end to end on a small file."""

from __future__ import annotations

from benchmarks.import_load import _percentile, run


def test_a_small_import_under_web_edits_loses_no_edit_and_answers_no_error():
    figures = run(300, 0.01, hold_lock=False, busy_timeout=10.0)
    assert figures["rows"] == 300
    assert figures["edits"] >= 1
    assert dict(figures["statuses"]) == {200: figures["edits"]}
    assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["max_ms"]


def test_percentile_picks_the_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert (_percentile(values, 0.5), _percentile(values, 0.95), _percentile(values, 1)) == (
        51.0, 95.0, 100.0)
