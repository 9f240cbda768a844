"""The OpenAPI document against the server: schemathesis generates requests from it.

Every operation of ``GET /api/v1/openapi.json`` is called through the Flask app (WSGI,
no network) on a temporary database holding the demo account, with requests that fit
the document (positive) and requests that break it (negative). Each answer must:

* not be a server error (5xx);
* have a status code the document lists for that operation;
* match the response schema the document gives for that status;
* for a request that breaks the document, be a refusal (4xx): a server that takes
  what the document forbids means the two disagree. (The server strips white space,
  U+001C-U+001F among it, from the ends of text before it counts and checks characters;
  the document's text patterns say so.) Not for a query parameter given an object or a
  list: a query string holds text, schemathesis writes such a value as its Python text
  (``{'a': 1}``) or repeats the parameter, and the server reads text, which it may take;
* for a request that fits the document, not be refused as malformed (400). A 422 is
  allowed there: it refuses what no schema can say (a reference to a record that does
  not exist, a name already taken), and so are 404 (no such record) and 409.

Examples are few and derandomized, so a run is reproducible and stays near a minute.
"""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from powermap.demo import load_demo
from powermap.store import Store

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance,
          negative_data_rejection, positive_data_acceptance]
#: What a request that fits the document may get: the record may be gone (404), changed
#: (409) or point at records that do not exist (422); a 400 says the document is wrong.
ACCEPTED = ["2xx", "404", "409", "422"]
SETTINGS = settings(max_examples=12, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


#: The checks of a request whose query holds an object or a list (see the module docstring).
STRUCTURED_QUERY_CHECKS = [c for c in CHECKS if c is not negative_data_rejection]


def _checks(case) -> list:
    """The checks for ``case``: all, but the refusal of a structured value no query can carry."""
    if any(isinstance(value, (dict, list)) for value in (case.query or {}).values()):
        return STRUCTURED_QUERY_CHECKS
    return CHECKS


def _disagreements(app, mode: GenerationMode) -> list[str]:
    """One line per operation whose generated requests fail a check: its first failure."""
    with Store(app.config["DATABASE"]) as store:
        load_demo(store, today=dt.date(2026, 11, 1))
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    schema.config.checks.positive_data_acceptance.expected_statuses = ACCEPTED
    found: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @SETTINGS
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case):
            # the WSGI transport does not undo gzip: ask for the body as it is
            case.call_and_validate(checks=_checks(case),
                                   headers={"Accept-Encoding": "identity"})

        try:
            check()
        except FailureGroup as failures:
            found.append(f"{operation.label}: {str(failures).strip()}")
    return found


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_matches_its_document(app, mode):
    found = _disagreements(app, mode)
    assert not found, "\n\n".join(found)


def test_a_disagreement_is_reported(app, monkeypatch):
    """The run can fail: a document that promises a filter the server refuses is caught."""
    from powermap.web import openapi

    real = openapi._filter_schema
    monkeypatch.setattr(openapi, "_filter_schema",
                        lambda f: {"type": "string"} if f.name == "level" else real(f))
    found = _disagreements(app, GenerationMode.POSITIVE)
    assert [line.split(":")[0] for line in found] == ["GET /api/v1/stakeholders",
                                                      "GET /api/v1/team-members"]
