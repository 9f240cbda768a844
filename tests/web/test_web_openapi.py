"""GET /api/v1/openapi.json describes exactly the routes the app serves."""

from __future__ import annotations

import re

import pytest

from powermap.fields import STRIPPED_CHARACTERS, coerce
from powermap.schema import ENTITIES
from powermap.web.openapi import openapi_path, text_pattern

_METHODS = {"get", "post", "patch", "delete", "put"}


@pytest.fixture
def document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def _routes(app) -> set[tuple[str, str]]:
    return {(openapi_path(rule.rule), method.lower())
            for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1")
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def test_every_api_route_is_documented_and_vice_versa(app, document):
    documented = {(path, method) for path, item in document["paths"].items()
                  for method in item if method in _METHODS}
    assert _routes(app) == documented


def test_every_collection_has_crud(document):
    for ent in ENTITIES.values():
        base = f"/api/v1/{ent.collection}"
        assert set(document["paths"][base]) == {"get", "post"}
        assert set(document["paths"][base + "/{record_id}"]) == {"get", "patch", "delete"}


def test_operation_ids_are_unique(document):
    ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))


def test_component_schema_follows_field_declarations(document):
    schemas = document["components"]["schemas"]
    entry = schemas["BuyingCenterEntry"]["properties"]
    assert entry["influence"] == {"type": ["integer", "null"], "minimum": 1, "maximum": 5,
                                  "default": 3, "description": "Influence on the decision, 1-5. "
                                                                 "Labels of the codes are accepted "
                                                                 "too."}
    assert entry["attitude"]["type"] == ["integer", "null"]
    assert (entry["attitude"]["minimum"], entry["attitude"]["maximum"]) == (-2, 2)
    assert entry["roles"]["items"]["enum"] == ["decision_maker", "approver", "evaluator", "user",
                                               "influencer", "gatekeeper", "coach"]
    assert schemas["Opportunity"]["properties"]["bid_date"]["format"] == "date"
    assert schemas["Opportunity"]["properties"]["stage"]["enum"][:2] == ["qualify", "develop"]
    assert schemas["Coverage"]["properties"]["owner"]["type"] == "boolean"
    assert schemas["Account"]["properties"]["cumulative_sales"]["type"] == ["number", "null"]


def test_schemas_declare_what_the_server_checks(document):
    """Lengths, whole-number ranges and typed filters: what a request must be to be taken."""
    schemas = document["components"]["schemas"]
    name = schemas["StakeholderInput"]["properties"]["name"]
    assert (name["type"], name["pattern"]) == (["string", "number"], text_pattern(200))
    assert name["description"].endswith("At most 200 characters, not counting white space "
                                         "at either end, which is removed.")
    assert schemas["StakeholderInput"]["properties"]["notes"]["pattern"] == text_pattern(10_000)
    assert schemas["StakeholderInput"]["properties"]["email"]["pattern"] == text_pattern(320)
    assert all("maxLength" not in schema for schema in schemas["StakeholderInput"]
               ["properties"].values())
    assert schemas["BuyingCenterEntryInput"]["properties"]["roles"]["minItems"] == 1
    assert schemas["AccountPatch"]["properties"]["version"]["minimum"] == 0
    assert schemas["Account"]["properties"]["size"]["maximum"] == 2**63 - 1
    params = {p["name"]: p["schema"]
              for p in document["paths"]["/api/v1/buying-center"]["get"]["parameters"]}
    assert params["attitude"] == {"anyOf": [{"type": "integer", "minimum": -2, "maximum": 2},
                                            {"const": ""}]}
    assert params["roles"]["anyOf"][0]["enum"][0] == "decision_maker"
    today = {p["name"]: p["schema"] for p in document["paths"][
        "/api/v1/opportunities/{opportunity_id}/analysis"]["get"]["parameters"]}["today"]
    assert today["anyOf"][0]["pattern"] == "^(19[0-9]{2}|[2-8][0-9]{3}|9000)-[0-9]{2}-[0-9]{2}$"


#: What the server takes for a one-line field of at most 200 characters, and what not.
TAKEN = ["Li Wei", " Li Wei ", "\x1c\x1dLi Wei\x1e\x1f", "\u3000李伟\u3000", "a" * 200,
         "\t" + "a" * 200 + "\n", "Li\x0bWei", "Li\r\n\tWei", "", "   "]
REFUSED = ["a" * 201, "Li\x1cWei", "Li\x00Wei", "Li\x7fWei", "Li\x84Wei", "\ufffe",
           " " + "a" * 100 + "\x1c" + "a" * 100 + " "]


@pytest.mark.parametrize("text", TAKEN + REFUSED)
def test_the_text_pattern_takes_what_the_server_takes(text):
    """The server strips white space (U+001C-U+001F among it) from the ends before it
    counts and checks characters; the document's pattern says the same."""
    field = ENTITIES["stakeholder"].field("name")
    try:
        coerce(field, text)
    except ValueError:
        taken = False
    else:
        taken = True
    assert taken == (text in TAKEN)
    assert bool(re.search(text_pattern(200), text)) == taken


def test_the_stripped_characters_are_those_python_strips():
    spaces = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
    assert re.fullmatch(f"[{STRIPPED_CHARACTERS}]+", spaces)
    assert not re.search(f"[{STRIPPED_CHARACTERS}]", "".join(
        chr(c) for c in range(0x3001) if not chr(c).isspace()))


def test_input_schemas_require_required_fields(document):
    schemas = document["components"]["schemas"]
    for ent in ENTITIES.values():
        name = "".join(p.capitalize() for p in ent.name.split("_"))
        assert schemas[name + "Input"]["required"] == [f.name for f in ent.fields if f.required]
        assert set(schemas[name + "Input"]["properties"]) == set(ent.field_names)
        assert "version" in schemas[name + "Patch"]["properties"]


def test_references_accept_names_where_records_have_one(document):
    schemas = document["components"]["schemas"]
    assert schemas["StakeholderInput"]["properties"]["account_id"]["type"] == ["integer",
                                                                               "string"]
    assert schemas["Stakeholder"]["properties"]["account_id"]["x-references"] == "account"


def test_document_is_valid_openapi_31(document):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(document)
