"""The living map: the change log read back (history, as-of, diff, trend), recorded
reviews, action outcomes and undo.

The log is written by the store's one write path (:mod:`powermap.changelog`);
the modules here only read it, except :mod:`.undo` and :mod:`.outcomes`, which
write through the store like any edit, and :mod:`.snapshots`, which keeps
recorded reviews. ``docs/history.md`` describes the model.
"""
