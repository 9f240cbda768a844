"""Imports: CSV and XLSX files as CRMs export them, into an account.

``tables`` reads a file into header + rows (``encodings`` decides a CSV's
encoding), ``columns`` maps its headers to fields, ``people`` finds the
stakeholders a row names, ``stakeholders`` and ``relationships`` validate
every row through :mod:`powermap.validation` and write all or nothing in one
transaction through the store's batch writes, and ``report`` says what an
import did or, in a dry run, would do. The JSON backup, which both exports
and restores, is :mod:`powermap.json_map`. Nothing is imported eagerly here.
"""
