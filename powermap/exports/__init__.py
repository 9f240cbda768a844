"""Exports of an opportunity's map: HTML (interactive, offline), the deal review,
JSON, GraphML, GEXF, CSV and XLSX.

:func:`powermap.exports.formats.export` is the one entry point; each format
lives in its own module (``html_map``, ``deal_review``, ``graph_files``,
``spreadsheets``; JSON in :mod:`powermap.json_map`). Exports start from
:func:`powermap.graph.build_graph` and render in the current language.
Nothing is imported eagerly here.
"""
