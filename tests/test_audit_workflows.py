"""Every documented workflow, stored and replayed: an untouched store verifies (exit 0).

Claims (the council's self-assessment workbook), --members (with and without --as-of),
--as-of by date and by record, and a run of every shipped pack's example file."""
import json
import sqlite3

import pytest

from conftest import EXAMPLES
from scoring.packs.shipped import shipped_files

COUNCIL = str(EXAMPLES / "council" / "tu-danh-gia-2024.xlsx")
MEMBERS = str(EXAMPLES / "members" / "members.csv")


def example_of(pack_id):
    found = [p for p in EXAMPLES.glob(f"{pack_id}.*") if p.suffix in (".csv", ".json", ".jsonl", ".xlsx")]
    assert found, f"no example file for {pack_id}"
    return str(found[0])


WORKFLOWS = {
    "claims": ["-c", "cong-dan-hoc-tap", COUNCIL],
    "members": ["-c", "don-vi-hoc-tap-tt24-tinh", str(EXAMPLES / "members" / "don-vi-hoc-tap-tt24-tinh.csv"),
                "--members", MEMBERS],
    "members-tt22": ["-c", "don-vi-hoc-tap-tt22", str(EXAMPLES / "members" / "don-vi-hoc-tap-tt22.csv"),
                     "--members", MEMBERS],
    "members-as-of": ["-c", "don-vi-hoc-tap-tinh", "--as-of", "2024-06-30",
                      str(EXAMPLES / "members" / "don-vi-hoc-tap-tt24-tinh.csv"), "--members", MEMBERS],
    "as-of-date": ["-c", "cong-dan-hoc-tap", "--as-of", "2023-06-30", example_of("cong-dan-hoc-tap"), "-f", "jsonl"],
    "as-of-record": ["-c", "cong-dan-hoc-tap", "--as-of", "record", "{dated}", "-f", "jsonl", "--lang", "en"],
    **{f"pack:{p.stem}": ["-c", p.stem, example_of(p.stem)] for p in shipped_files()},
}


@pytest.mark.parametrize("kind", list(WORKFLOWS))
def test_an_untouched_store_of_every_workflow_verifies(runner, cli, tmp_path, kind):
    db = str(tmp_path / "s.sqlite3")
    dated = tmp_path / "dated.csv"   # two dates, two packs of one model
    dated.write_text("id,group,ngay_danh_gia,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2\n"
                     "A,1,2023-06-30,8,8,8,8,8,8,8,8,8,8\nB,4,30/06/2024,8,8,8,8,8,8,8,8,8,8\n", encoding="utf-8")
    args = [a.format(dated=dated) for a in WORKFLOWS[kind]]
    scored = runner.invoke(cli, ["score", *args, "--store", db])
    assert scored.exit_code in (0, 1), scored.output
    with sqlite3.connect(db) as c:
        stored = [(json.loads(r[0]), r[1], r[2]) for r in c.execute(
            "SELECT inputs, as_of, pack_no FROM results WHERE inputs IS NOT NULL AND NOT member")]
        n_members = c.execute("SELECT count(*) FROM results WHERE member").fetchone()[0]
    assert stored
    if kind == "claims":   # the workflow that used to fail: the replay must rebuild the verification
        assert all("claims" in doc for doc, _, _ in stored)
    if kind.startswith("members"):
        assert any("members" in doc for doc, _, _ in stored) and n_members > 0
    if kind == "members-as-of":
        assert {as_of for _, as_of, _ in stored} == {"2024-06-30"}
    if kind == "as-of-record":
        assert len({pack for _, _, pack in stored}) == 2
    checked = runner.invoke(cli, ["audit", "verify", "--store", db])
    assert checked.exit_code == 0, checked.output
    assert f"{len(stored)} tái lập đúng, 0 khác" in checked.stdout
    assert "(khớp)" in checked.stdout


def test_a_stored_claim_edited_is_caught(runner, cli, tmp_path):
    db = str(tmp_path / "s.sqlite3")
    runner.invoke(cli, ["score", *WORKFLOWS["claims"], "--store", db])
    with sqlite3.connect(db) as c:
        c.execute("UPDATE results SET inputs = replace(inputs, '\"total\":80', '\"total\":81') WHERE row_no = 1")
    checked = runner.invoke(cli, ["audit", "verify", "--store", db])
    assert checked.exit_code == 1
    assert "output_sha256: kết quả và lời giải thích chấm lại" in checked.stdout
    assert "mã niêm phong: kho cho" in checked.stdout


def test_members_with_as_of_record_is_refused_clearly(runner, cli):
    result = runner.invoke(cli, ["score", *WORKFLOWS["members-as-of"][:2], "--as-of", "record",
                                 *WORKFLOWS["members-as-of"][4:]])
    assert result.exit_code == 2
    assert "--members không đi cùng --as-of record" in result.stderr
