"""A unit input computed from its members (--members) is said in words a council member reads:
the indicator's number and what it measures, the outcome's label, the members' pack by its title,
the file by its name. The stored codes (input, outcome, pack id, path) stay in JSON and in the
hashed tree, so a run stored before these words still verifies."""
import shutil
from pathlib import Path

ROOT = Path(__file__).parent.parent
MEMBERS = ROOT / "examples" / "members"
TT24 = ["-c", "don-vi-hoc-tap-tt24-tinh", str(MEMBERS / "don-vi-hoc-tap-tt24-tinh.csv"), "-m", str(MEMBERS / "members.csv")]
TT22 = ["-c", "don-vi-hoc-tap-tt22", str(MEMBERS / "don-vi-hoc-tap-tt22.csv"), "-m", str(MEMBERS / "members.csv")]
# Written by hoctap at 7560b63 (whose member lines said 'ty_le_thanh_vien_cdht: … có kết quả dat (cong-dan-hoc-tap;
# examples/members/members.csv)'), from a checkout's root, SOURCE_DATE_EPOCH=1764892800:
# 'hoctap score -c don-vi-hoc-tap-tt24-tinh examples/members/don-vi-hoc-tap-tt24-tinh.csv --members
# examples/members/members.csv --store=…', then the same with don-vi-hoc-tap-tt22 and examples/members/don-vi-hoc-tap-tt22.csv.
BEFORE_PEOPLE_WORDS = Path(__file__).parent / "stores" / "members-before-people-words.sqlite3"


def test_a_run_stored_with_members_is_shown_again(runner, cli, tmp_path):
    # it was an internal error: the stored shares were read back as dicts, not MemberShare
    db = tmp_path / "s.sqlite3"
    shutil.copy(BEFORE_PEOPLE_WORDS, db)
    [[run]] = sql(db, "SELECT run_id FROM runs WHERE command LIKE '%tt24-tinh%'")
    for fmt in ("text", "markdown"):
        shown = runner.invoke(cli, ["audit", "show", "DV-101", "--run", run, "--store", str(db), "-f", fmt])
        assert shown.exit_code == 0, shown.output
        assert "19/20 = 95% người thuộc nhóm 1 (Người dân trong xã)" in shown.stdout


def sql(db, query):
    import sqlite3
    with sqlite3.connect(db) as con:
        return con.execute(query).fetchall()
