"""The JSON Schema that 'hoctap schema' writes must accept what 'hoctap validate' accepts (the
shipped packs, a local variant that overrides one band) and reject a typo, as an editor would."""
import json

import jsonschema
import pytest
import yaml

from conftest import CRITERIA, ROOT
from scoring.authoring.schema import criteria_schema

SCHEMA = criteria_schema()


def as_editor_reads(path):
    """YAML as a JSON document (dates stay text, as a YAML language server sends them)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


@pytest.mark.parametrize("path", sorted(CRITERIA.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_pack_is_valid_under_the_schema(path):
    jsonschema.validate(as_editor_reads(path), SCHEMA)


def test_a_variant_that_overrides_one_band_is_valid(tmp_path):
    child = tmp_path / "child.yaml"
    child.write_text('format: hoctap/criteria@1\nextends: don-vi-hoc-tap-tt22\nid: tt22-thu\nversion: "1"\n'
                     "outcome:\n  bands:\n    - {code: tot, min_total: 80}\n", encoding="utf-8")
    jsonschema.validate(as_editor_reads(child), SCHEMA)


def test_a_typo_in_a_key_is_invalid_under_the_schema():
    doc = as_editor_reads(ROOT / "tests" / "broken_criteria" / "typo-in-key.yaml")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)
