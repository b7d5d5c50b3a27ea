"""JSON Schemas of the criteria format and of test-case files, generated from the pydantic
models, so that an editor (VS Code with the YAML extension, …) checks and completes a file as
it is typed. How to use them: criteria/README.md, "Editor support".

A pack that ``extends`` another writes only what changes, so the criteria schema has two
branches: a full pack (every required key) or, when ``extends`` is present, an override in
which nothing is required but the keys that identify list items (``id``, ``name``, ``code``).
"""
from __future__ import annotations

import copy
import json
from typing import Any

from scoring.authoring.casetest import CaseFile
from scoring.packs.pack import FORMAT, Pack

DRAFT = "https://json-schema.org/draft/2020-12/schema"
CRITERIA_ID = "urn:hoctap:schema:criteria-1"
CASES_ID = "urn:hoctap:schema:cases-1"
ITEM_KEYS = ("id", "name", "code")


def criteria_schema() -> dict[str, Any]:
    pack = Pack.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    defs = pack.pop("$defs", {})
    defs["Pack"] = pack
    overrides = {f"{name}Override": _relaxed(schema, defs) for name, schema in defs.items()}
    overrides["PackOverride"]["required"] = ["extends"]
    return {
        "$schema": DRAFT,
        "$id": CRITERIA_ID,
        "title": f"hoctap criteria pack ({FORMAT})",
        "description": "A criteria pack: the rules of one official model as data. See criteria/README.md.",
        "if": {"required": ["extends"]},
        "then": {"$ref": "#/$defs/PackOverride"},
        "else": {"$ref": "#/$defs/Pack"},
        "$defs": {**defs, **overrides},
    }


def cases_schema() -> dict[str, Any]:
    schema = CaseFile.model_json_schema(ref_template="#/$defs/{model}")
    return {**schema, "$schema": DRAFT, "$id": CASES_ID, "title": "hoctap test cases of a criteria pack",
            "description": "Named cases: a record and what the pack must give. See criteria/README.md."}


def _relaxed(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The same shape with nothing required (but item keys), no minimum list lengths, refs
    pointing at relaxed copies, and tagged unions as plain alternatives (an override may
    leave out 'kind')."""
    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(x) for x in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.removeprefix("#/$defs/") in defs:
                out[key] = f"{value}Override"
            elif key == "required":
                kept = [k for k in value if k in ITEM_KEYS]
                if kept:
                    out[key] = kept
            elif key == "oneOf":
                out["anyOf"] = walk(value)
            elif key == "minItems":   # an override lists only the items it changes (one band, say)
                continue
            elif key != "discriminator":
                out[key] = walk(value)
        return out
    return walk(copy.deepcopy(schema))


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
