"""Import and export: CSV/XLSX/JSON in, JSON/GraphML/GEXF/CSV/XLSX/HTML out.

Importers validate every row through :mod:`powermap.validation` and write
all or nothing in one transaction; exporters start from
:func:`powermap.graph.build_graph`. Import the submodule you need
(``powermap.transfer.stakeholders``, ``powermap.transfer.json_io`` …);
nothing is imported eagerly here.
"""
