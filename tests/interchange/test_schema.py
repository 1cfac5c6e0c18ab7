"""The JSON Schema ships inside the package and says exactly what the record specs say."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator

from liaison_desktop.domain import records
from liaison_desktop.domain.fields import FieldType
from liaison_desktop.interchange.document import (
    FAMILY_ARRAYS,
    NOT_EXCHANGED,
    SHARED_ARRAYS,
    implied_fields,
    load_schema,
    render_path,
)

DEFS = {
    kind: "member" if kind == "person" else kind
    for kind in (
        "family",
        *(k for _key, k in FAMILY_ARRAYS),
        "concern_addition",
        *(k for _key, k in SHARED_ARRAYS),
    )
}


def test_schema_loads_from_the_package_and_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _objects(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append(node)
        for value in node.values():
            found.extend(_objects(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_objects(value))
    return found


def test_every_object_refuses_unknown_keys() -> None:
    objects = _objects(load_schema())
    assert len(objects) >= 13
    assert all(o.get("additionalProperties") is False for o in objects)


def test_schema_fields_match_the_record_specs() -> None:
    defs = load_schema()["$defs"]
    nested = {key for key, _kind in FAMILY_ARRAYS} | {"additions", "content_base64"}
    for kind, name in DEFS.items():
        spec = records.spec_for(kind)
        props = set(defs[name]["properties"]) - {"id"} - nested
        expected = {f.name for f in spec.fields} - set(implied_fields(kind))
        assert props == expected, kind
        for spec_field in spec.fields:
            if spec_field.type is FieldType.ENUM:
                prop = defs[name]["properties"][spec_field.name]
                prop = prop if spec_field.required else prop["anyOf"][0]
                assert prop["enum"] == list(spec_field.choices), (kind, spec_field.name)
        required = {f.name for f in spec.fields if f.required} - set(implied_fields(kind))
        assert set(defs[name]["required"]) - {"id", "content_base64"} == required, kind


def test_every_record_kind_is_exchanged_or_left_out_on_purpose() -> None:
    exchanged = set(DEFS)
    assert exchanged | set(NOT_EXCHANGED) == {spec.kind for spec in records.ALL}
    assert {spec.kind for spec in records.ALL if spec.in_interchange} == exchanged


def test_the_schema_file_is_what_the_specs_give() -> None:
    """tools/interchange_schema.py writes it; run it after changing a record spec."""
    from tools.interchange_schema import FILE, text

    assert FILE.read_text(encoding="utf-8") == text()


def test_paths_are_written_as_people_read_them() -> None:
    assert render_path(["families", 3, "members", 0, "date_of_birth"]) == (
        "families[3].members[0].date_of_birth"
    )
