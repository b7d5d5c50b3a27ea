"""What a --members run says of a unit it cannot score from its members, or of members no unit
claims, is said for people: the indicator beside the column to fill, the outcome's label, the
members' pack by its title and the members files by their names (not the codes, not a path).
These words are in rejected rows' 'error' and in warnings: a run stored before them verifies."""
import json
import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "stores" / "members-messages"
# Written by hoctap at f11ef99 (whose words were "… (19/20 = 95% dat theo 'cong-dan-hoc-tap') …" and
# "… trong members-messages/members.csv"), from tests/stores with SOURCE_DATE_EPOCH=1764892800:
# 'hoctap score -c don-vi-hoc-tap-tt24-tinh members-messages/units24.csv --members members-messages/members.csv
# --lang L --store=…' and 'hoctap score -c don-vi-hoc-tap-tt22 members-messages/units22.csv --members
# members-messages/members.csv --lang L --store=… --store-inputs', for L in vi, en; then the first with
# --members members-messages/rejected-member.csv (its line 4 gives 99 points to a 10-point criterion), in vi.
BEFORE = Path(__file__).parent / "stores" / "members-messages-before.sqlite3"
TT24 = ["-c", "don-vi-hoc-tap-tt24-tinh", str(DATA / "units24.csv"), "-m", str(DATA / "members.csv")]
TT22 = ["-c", "don-vi-hoc-tap-tt22", str(DATA / "units22.csv"), "-m", str(DATA / "members.csv")]
CODES = ("cong-dan-hoc-tap", " dat ", "(dat", str(DATA))

TYPED_AND_COMPUTED = {
    "vi": "'ty_le_thanh_vien_cdht' (3.1 Tỷ lệ thành viên đạt danh hiệu Công dân học tập) vừa được ghi trực tiếp (95) vừa "
          "tính từ tệp members.csv (19/20 = 95% thành viên có kết quả “Đạt danh hiệu Công dân học tập”, chấm theo bộ tiêu "
          "chí Công dân học tập (Quyết định 324/QĐ-KHVN)): để trống ô đó để dùng số liệu thành viên, hoặc bỏ các thành "
          "viên của đơn vị khỏi tệp thành viên",
    "en": "'ty_le_thanh_vien_cdht' (3.1 Share of members recognised as learning citizens) is typed in (95) and also "
          "computed from file members.csv (19/20 = 95% of the members are “Recognised as a learning citizen”, scored with "
          "Learning citizen (Decision 324/QĐ-KHVN)): leave the cell blank to use the members, or remove the unit's "
          "members from the members file"}
NONE = {"vi": "không có thành viên nào của đơn vị 'DV-105' trong tệp members.csv",
        "en": "no member of unit 'DV-105' in file members.csv"}
STRANGERS = {"vi": "cảnh báo: tệp members.csv: 1 dòng thành viên ghi đơn vị 'DV-999', không có trong tệp đơn vị: "
                   "đã được chấm nhưng không dùng cho đơn vị nào",
             "en": "warning: file members.csv: 1 member row names unit 'DV-999', which is not in the units file: it was "
                   "scored but used for no unit"}
PARTIAL = {
    "vi": "'3a' (3a 100% thành viên đáp ứng đầy đủ năng lực, phẩm chất của Công dân học tập): chỉ 8/10 = 80% thành viên "
          "của đơn vị có kết quả “Đạt danh hiệu Công dân học tập” (chấm theo bộ tiêu chí Công dân học tập (Quyết định "
          "244/QĐ-KHVN)); văn bản không quy định cách cho điểm một phần khi dưới 100%, nên hãy ghi số điểm hội đồng chấm "
          "(0 đến 25) vào dòng của đơn vị",
    "en": "'3a' (3a All members fully meet the competencies and qualities of a Công dân học tập (learning citizen)): only "
          "8/10 = 80% of the unit's members are “Recognised as a learning citizen” (scored with Learning citizen (Decision "
          "244/QĐ-KHVN)); the criteria give no method for partial credit below 100%, so type the points awarded (0 to "
          "25) in the unit's row"}

REJECTED = {
    "vi": "không tính được 'ty_le_thanh_vien_cdht' (3.1 Tỷ lệ thành viên đạt danh hiệu Công dân học tập): 1 dòng thành "
          "viên của đơn vị 'DV-101' bị loại (rejected-member.csv:4): hãy sửa các dòng đó, hoặc ghi trực tiếp giá trị và "
          "bỏ các thành viên của đơn vị khỏi tệp thành viên",
    "en": "'ty_le_thanh_vien_cdht' (3.1 Share of members recognised as learning citizens) cannot be computed: unit "
          "'DV-101' has 1 member row rejected (rejected-member.csv:4): fix them, or type the value in and remove the "
          "unit's members from the members file"}


def score(runner, cli, args, lang):
    out = runner.invoke(cli, ["score", "--lang", lang, "-f", "json", *args])
    assert out.exit_code == 1, out.output   # a unit is rejected
    return {r["id"]: r for r in json.loads(out.stdout)}, out.stderr


def no_codes(said):
    for code in CODES:
        assert code not in said, code


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_unit_typed_in_and_computed_is_rejected_in_people_s_words(runner, cli, lang):
    rows, _ = score(runner, cli, TT24, lang)
    assert rows["DV-101"]["error"] == TYPED_AND_COMPUTED[lang]
    no_codes(rows["DV-101"]["error"])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_unit_without_members_and_members_of_no_unit_name_the_file_not_its_path(runner, cli, lang):
    rows, stderr = score(runner, cli, TT24, lang)
    notes = [m["note"] for m in rows["DV-105"]["members"]]
    assert notes == [NONE[lang], NONE[lang]]
    assert [m["source"] for m in rows["DV-105"]["members"]] == [str(DATA / "members.csv")] * 2   # JSON keeps the path
    [stranger] = [line for line in stderr.splitlines() if "DV-999" in line]
    assert stranger == STRANGERS[lang]
    no_codes(" ".join(notes) + stranger)


def test_several_members_files_are_named_together(runner, cli, tmp_path):
    first, second = tmp_path / "a" / "to-1.csv", tmp_path / "b" / "to-2.csv"
    lines = (DATA / "members.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    for path, part in ((first, lines[1:21]), (second, lines[21:])):
        path.parent.mkdir()
        path.write_text(lines[0] + "".join(part), encoding="utf-8")
    rows, stderr = score(runner, cli, ["-c", "don-vi-hoc-tap-tt24-tinh", str(DATA / "units24.csv"),
                                       "-m", str(first), "-m", str(second)], "vi")
    assert rows["DV-105"]["members"][0]["note"] == "không có thành viên nào của đơn vị 'DV-105' trong các tệp to-1.csv, to-2.csv"
    assert "vừa tính từ các tệp to-1.csv, to-2.csv (19/20 = 95%" in rows["DV-101"]["error"]
    assert "cảnh báo: các tệp to-1.csv, to-2.csv: 1 dòng thành viên ghi đơn vị 'DV-999'" in stderr
    assert str(tmp_path) not in rows["DV-101"]["error"] + stderr


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_points_below_100_percent_are_asked_for_in_people_s_words(runner, cli, lang):
    rows, _ = score(runner, cli, TT22, lang)
    assert rows["DV-102"]["error"] == PARTIAL[lang]
    no_codes(PARTIAL[lang])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_rejected_member_row_is_named_by_the_file_s_name_and_its_line(runner, cli, lang):
    rows, _ = score(runner, cli, [*TT24[:-1], str(DATA / "rejected-member.csv")], lang)
    first = rows["DV-101"]["error"].split("; ")[0]   # then the learners' share, rejected for the same row
    assert first == REJECTED[lang]
    no_codes(first)


def test_runs_stored_in_the_earlier_words_verify_and_match_their_files(runner, cli, tmp_path, monkeypatch):
    shutil.copytree(DATA, tmp_path / "members-messages")
    shutil.copy(BEFORE, tmp_path / "s.sqlite3")
    monkeypatch.chdir(tmp_path)
    verified = runner.invoke(cli, ["audit", "verify", "--store", "s.sqlite3"])
    assert verified.exit_code == 0, verified.output
    assert verified.stdout.count("1 dòng bị từ chối không chấm lại; 39 dòng thành viên") == 5, verified.output
    assert verified.stdout.count("1 tái lập đúng, 0 khác") == 3, verified.output   # DV-105, with no members
    import sqlite3
    with sqlite3.connect("s.sqlite3") as con:
        runs = [(run, json.loads(command)) for run, command in con.execute("SELECT run_id, command FROM runs")]
        errors = [e for (e,) in con.execute("SELECT error FROM results WHERE error IS NOT NULL")]
    assert any("dat theo 'cong-dan-hoc-tap'" in e for e in errors)   # the store has the earlier words
    assert any("(members-messages/rejected-member.csv:4)" in e for e in errors)
    for run, command in runs:
        against = runner.invoke(cli, ["audit", "verify", run, "--store", "s.sqlite3", "--against",
                                      *command["records"], *command["members"]])
        assert against.exit_code == 0, against.output
        assert "dòng khớp với các dòng đã lưu" in against.stdout and "không khớp" not in against.stdout, against.output
