"""The CLI as a user meets it: exact output lines and exit codes (0 scored, 1 some rejected,
2 usage / criteria / input error), on the shipped example files and on hand-written ones."""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from scoring import shipped_packs

HEADER = "id,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.*"))


def write(tmp_path, rows, name="r.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return str(path)


def test_every_pack_has_an_example_and_every_example_scores_cleanly(runner, cli):
    packs = {p.stem for p in EXAMPLE_FILES}
    assert packs == set(shipped_packs())
    for path in EXAMPLE_FILES:
        result = runner.invoke(cli, ["score", "--criteria", path.stem, str(path)])
        assert result.exit_code == 0, result.output
        lines = result.stdout.strip().splitlines()
        n = int(lines[-1].split()[2])
        assert lines[-1] == f"đã đọc {n} hồ sơ: {n} được chấm, 0 bị loại"


def test_score_table_boundaries_and_count_line(runner, cli, tmp_path):
    f = write(tmp_path, ["A," + "1," + ",".join(["8"] * 10),                 # 80, all >= 5
                         "B,2," + ",".join(["8"] * 9 + ["7.5"]),             # 79.5
                         "C,3," + ",".join(["9"] * 9 + ["4"]),               # 85 but 3.2 = 4
                         "D,4," + ",".join(["11"] * 10)])                    # out of range
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", f])
    assert result.exit_code == 1
    out = result.stdout
    assert "A     Đạt danh hiệu Công dân học tập " in out
    flat = " ".join(out.split())  # the reason column wraps
    assert "79,5/100 vì tổng điểm 79,5/100, cần từ 80 (thiếu 0,5 điểm)" in flat
    assert "vì chỉ số 3.2 được 4 điểm, cần 5 điểm trở lên; tổng điểm 85/100 đã đủ" in flat
    assert "'1.1' là 11, lớn hơn mức tối đa 10" in out
    assert out.rstrip().endswith("đã đọc 4 hồ sơ: 3 được chấm, 1 bị loại")


def test_jsonl_contract_in_input_order(runner, cli, tmp_path):
    f = write(tmp_path, ["Z,1," + ",".join(["10"] * 10), "Y,1,x," + ",".join(["5"] * 9)])
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", f, "--format", "jsonl"])
    assert result.exit_code == 1
    first, second = [json.loads(line) for line in result.stdout.splitlines()]
    assert [first["id"], second["id"]] == ["Z", "Y"]
    assert set(first) >= {"id", "outcome", "label", "total", "max", "indicators", "explanation", "criteria"}
    assert (first["outcome"], first["total"], first["max"]) == ("dat", 100, 100)
    assert first["indicators"][0] == {"id": "1.1", "points": 10, "max": 10, "status": "met"}
    assert first["criteria"]["id"] == "cong-dan-hoc-tap" and len(first["criteria"]["sha256"]) == 64
    assert second["error"] == "'1.1' phải là một số từ 0 đến 10, không phải 'x'"
    assert "3 records" not in result.stderr and "đã đọc 2 hồ sơ: 1 được chấm, 1 bị loại" in result.stderr


def test_output_file_format_follows_extension(runner, cli, tmp_path):
    f = write(tmp_path, ["A,1," + ",".join(["8"] * 10)])
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", f, "-o", str(out)])
    assert result.exit_code == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()   # a BOM first, for Excel
    assert lines[0].startswith("Mã,Mã kết quả,Kết quả,Tổng điểm,Điểm tối đa,1.1,")   # for Excel: headings in words
    assert lines[1].startswith("A,dat,Đạt danh hiệu Công dân học tập,80,100,8,")
    assert not list(tmp_path.glob("*.tmp"))


def test_explain_names_rule_inputs_reference_and_what_is_missing(runner, cli, tmp_path):
    f = write(tmp_path, ["A,1," + ",".join(["9"] * 5 + ["4"] + ["9"] * 3 + ["8"])])  # 84, 2.2 = 4
    result = runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", f, "--record", "A", "-f", "detail"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Kết quả: Chưa đạt danh hiệu Công dân học tập (chua_dat)" in out
    assert "[2.2__not_met]" in out and "Quyết định 324/QĐ-KHVN" in out
    assert "2.2 " in out.split("Để đạt")[1] and "4, cần ≥ 5/10" in out.split("Để đạt")[1]
    as_json = runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", f, "-r", "A", "-f", "json"])
    tree = json.loads(as_json.stdout)
    assert tree["schema"] == "hoctap.explanation/1"
    assert tree["next"]["blockers"][0]["indicator"] == "2.2"
    md = runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", f, "-r", "A", "-f", "markdown"])
    assert md.stdout.startswith("### A: Chưa đạt danh hiệu Công dân học tập")


def test_explain_by_default_speaks_to_the_person_in_sentences(runner, cli, tmp_path):
    # 2.2 = 4 blocks; total 84 is enough; 2.1 (5/10) has the most room, then 2.2 (4 → 6 left)
    f = write(tmp_path, ["A,1," + ",".join(["9"] * 4 + ["5", "4"] + ["9"] * 3 + ["8"])])
    out = runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", f, "--record", "A"]).stdout
    lines = out.splitlines()
    assert lines[0] == "A — Chưa đạt danh hiệu Công dân học tập"
    assert "Lý do: Chưa đạt danh hiệu Công dân học tập vì chỉ số 2.2 được 4 điểm, cần 5 điểm trở lên; tổng điểm 80/100 đã đủ." in lines
    assert "  - Chỉ số 2.2 (Sử dụng ngoại ngữ theo yêu cầu công việc): được 4 điểm, cần từ 5 điểm trở lên" in lines
    assert "cần thêm" not in out   # the total is enough: only the indicator blocks
    assert not re.search(r"__|chua_dat|\bdat\b|≥|\[", out)   # no rule names, codes or symbols for people


def test_where_to_gain_is_ordered_by_room_and_named(runner, cli, tmp_path):
    f = write(tmp_path, ["A,1," + ",".join(["9", "9", "9", "6", "3", "7", "9", "9", "9", "9"])])   # 79, 2.1 = 3
    out = runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", f, "--record", "A"]).stdout
    gain = next(line for line in out.splitlines() if line.startswith("Có thể tăng điểm ở"))
    order = re.findall(r"chỉ số (\d\.\d) ", gain)
    assert order[:3] == ["2.1", "1.4", "2.2"] and "Sử dụng công nghệ thông tin" in gain   # 7, 4, 3 points of room


def test_explain_unknown_record_is_a_usage_error(runner, cli, tmp_path):
    f = write(tmp_path, ["A,1," + ",".join(["9"] * 10)])
    result = runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", f, "-r", "B"])
    assert result.exit_code == 2 and "không có hồ sơ mã 'B'" in result.stderr


@pytest.mark.parametrize("args,message", [
    (["score", "-c", "cong-dan-hoc-tp", "x.csv"], "không có bộ tiêu chí 'cong-dan-hoc-tp' (có phải là 'cong-dan-hoc-tap'?)"),
    (["score", "-c", "cong-dan-hoc-tap", "missing.csv"], "missing.csv: không đọc được tệp"),
    (["score", "-c", "tests/broken_criteria/typo-in-key.yaml", "x.csv"], "khoá 'pas_at' không hợp lệ"),
])
def test_errors_exit_2_without_traceback(runner, cli, args, message):
    os.chdir(ROOT)
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_empty_input_file_exits_2(runner, cli, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(empty)])
    assert result.exit_code == 2 and "tệp trống" in result.stderr


def test_validate_and_packs(runner, cli):
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count(": đạt — ") == len(shipped_packs())
    broken = runner.invoke(cli, ["validate", str(ROOT / "tests/broken_criteria/duplicate-key.yaml")])
    assert broken.exit_code == 2 and "duplicate-key.yaml:5: " in broken.stderr
    listing = runner.invoke(cli, ["packs"])
    for pack_id in shipped_packs():
        assert pack_id in listing.stdout


def test_provisional_pack_warns(runner, cli):
    provisional = [p for p in shipped_packs().values() if p.pack.status == "provisional"]
    assert provisional, "the TT24 packs are provisional"
    example = EXAMPLES / next(p.name for p in EXAMPLE_FILES if p.stem == provisional[0].pack.id)
    result = runner.invoke(cli, ["score", "-c", provisional[0].pack.id, str(example)])
    assert "là TẠM THỜI" in result.stderr


def test_a_provisional_pack_s_warning_names_a_command_that_shows_its_notes(runner, cli, tmp_path, monkeypatch):
    """Before, a pack read from a file was sent to 'hoctap validate <its id>', which says there is no
    such pack, and without --notes the notes stayed hidden; now the warning names the file (a
    shipped pack its id) and --notes, and the command it names prints the notes."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tinh-x.yaml").write_text(
        "format: hoctap/criteria@1\nextends: don-vi-hoc-tap-tt22\nid: tinh-x\nversion: '1'\n"
        "status: provisional\nnotes: ['Ghi chú của tỉnh X.']\n", encoding="utf-8")
    records = tmp_path / "r.csv"
    records.write_text("id,1a,1b,1c,2a,2b,2c,2d,3a,3b,3c\nX-1,10,10,10,10,5,10,5,25,5,0\n", encoding="utf-8")
    warning = runner.invoke(cli, ["score", "-c", "tinh-x.yaml", str(records)]).stderr
    assert "xem ghi chú ('hoctap validate tinh-x.yaml --notes')" in warning
    named = re.search(r"'hoctap (validate .*)'\)", warning).group(1)
    assert "Ghi chú của tỉnh X." in runner.invoke(cli, shlex.split(named)).output
    local = "don-vi-hoc-tap-tt22-dia-phuong-vi-du"
    shipped = runner.invoke(cli, ["score", "-c", local, str(EXAMPLES / f"{local}.csv")]).stderr
    assert f"('hoctap validate {local} --notes')" in shipped


def test_a_provisional_pack_s_explanation_names_its_status_in_the_reader_s_language(runner, cli):
    """Before, the Vietnamese heading ended '[TẠM THỜI (provisional)]'."""
    local = "don-vi-hoc-tap-tt22-dia-phuong-vi-du"
    args = ["explain", "-c", local, str(EXAMPLES / f"{local}.csv"), "-r", "DV-L02", "-f", "detail"]
    heading = next(line for line in runner.invoke(cli, args).stdout.splitlines() if line.startswith("Bộ tiêu chí:"))
    assert heading.endswith(") [TẠM THỜI]")
    english = runner.invoke(cli, ["--lang", "en", *args]).stdout
    assert next(line for line in english.splitlines() if line.startswith("Criteria:")).endswith(") [PROVISIONAL]")


@pytest.mark.skipif(not shutil.which("hoctap", path=str(Path(sys.executable).parent)),
                    reason="the package is not installed in this environment")
def test_installed_command_finds_shipped_packs(tmp_path):
    """`pip install .` (not editable) must ship the criteria folder with the package."""
    exe = shutil.which("hoctap", path=str(Path(sys.executable).parent))
    result = subprocess.run([exe, "packs"], cwd=tmp_path, capture_output=True, text=True, check=True)
    for pack_id in shipped_packs():
        assert pack_id in result.stdout


def test_the_same_file_given_twice_is_a_usage_error(runner, cli):
    example = str(EXAMPLES / "cong-dan-hoc-tap.csv")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", example, example])
    assert result.exit_code == 2 and "được ghi hai lần" in result.stderr


def test_ctrl_c_while_the_command_line_is_read_exits_130_in_words(runner, cli, monkeypatch):
    """A Ctrl-C that lands while click still parses the options (here: inside --lang's callback)
    ends as any other Ctrl-C does: exit 130 and our sentence, not click's 'Aborted!' and 1."""
    import cli as module

    def interrupted(*args):
        raise KeyboardInterrupt
    monkeypatch.setattr(module, "_set_lang", interrupted)
    result = runner.invoke(cli, ["--lang", "en", "packs"])
    assert result.exit_code == 130, result.output
    assert "đã dừng" in result.output and "Aborted" not in result.output and "Đã huỷ" not in result.output


# --- the README's and docs' shown runs are what the commands print (a user compares them line by line)

def _shown_runs(doc):
    """Each `$ hoctap …` line of a doc's code blocks with the lines shown under it."""
    runs, current, in_block = [], None, False
    for line in (ROOT / doc).read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_block, current = not in_block, None
        elif in_block and line.startswith("$ "):
            current = (line[2:], [])
            runs.append(current)
        elif current is not None:
            current[1].append(line)
    return {command: shown for command, shown in runs}


def _as_pattern(shown):
    """A line '…' stands for any lines, a '…' inside a line for any text (the docs elide so)."""
    while shown and not shown[-1].strip():
        shown = shown[:-1]
    return "".join(r"(?:[^\n]*\n)*?" if line == "…" else
                   ".*?".join(map(re.escape, line.split("…"))) + r"[ \t]*\n" for line in shown)


DOCUMENTED_RUNS = [
    ("README.md", "hoctap explain --criteria cong-dan-hoc-tap examples/cong-dan-hoc-tap.csv --record CD-2024-005"),
    ("README.md", "hoctap explain --criteria cong-dan-hoc-tap examples/cong-dan-hoc-tap.csv --record CD-2024-005 --format detail"),
    ("README.md", "hoctap goals -g muc-tieu-langson-stnmt-2024 -y 2030 examples/goals/muc-tieu-langson-stnmt-2024.csv"),
    ("README.md", "hoctap packs"),
    ("README.md", "hoctap validate tests/broken_criteria/typo-in-key.yaml"),
    ("docs/GOALS-COMMANDS.md", "hoctap goal-packs"),

    ("docs/GOALS-COMMANDS.md", "hoctap goals -g muc-tieu-langson-stnmt-2024 --year 2027 examples/goals/muc-tieu-langson-stnmt-2024.csv"),
]


@pytest.mark.parametrize("doc, command", DOCUMENTED_RUNS)
def test_a_documented_run_prints_what_the_doc_shows(runner, cli, monkeypatch, doc, command):
    monkeypatch.chdir(ROOT)
    shown = _shown_runs(doc)[command]
    result = runner.invoke(cli, shlex.split(command)[1:])
    assert re.fullmatch(_as_pattern(shown), result.output, re.S), f"{doc}: '$ {command}' prints:\n{result.output}"


MEMBERS_RUNS = [
    "hoctap score -c don-vi-hoc-tap-tt24-tinh examples/members/don-vi-hoc-tap-tt24-tinh.csv --members examples/members/members.csv",
    "hoctap explain -c don-vi-hoc-tap-tt24-tinh examples/members/don-vi-hoc-tap-tt24-tinh.csv --members examples/members/members.csv -r DV-102",
    "hoctap score -c don-vi-hoc-tap-tt22 examples/members/don-vi-hoc-tap-tt22.csv --members examples/members/members.csv",
]


@pytest.mark.parametrize("command", MEMBERS_RUNS)
def test_a_documented_members_run_prints_the_lines_the_doc_shows(runner, cli, monkeypatch, command):
    """The doc shows a terminal's order (a warning first, the members' count last, both on stderr);
    the test runner keeps stderr apart: the same lines, each of stdout and stderr in its order."""
    monkeypatch.chdir(ROOT)
    shown = _shown_runs("docs/GOALS-COMMANDS.md")[command]
    result = runner.invoke(cli, shlex.split(command)[1:])
    out, err = result.stdout.splitlines(), result.stderr.splitlines()
    assert sorted(shown) == sorted(out + err), f"'$ {command}' prints:\n{result.stderr}{result.stdout}"
    assert [line for line in shown if line in out] == out and [line for line in shown if line in err] == err


def test_the_readme_quick_start_prints_what_the_readme_shows(runner, cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("The first prints:\n\n```\n", 1)[1].split("```", 1)[0]
    result = runner.invoke(cli, ["score", "--criteria", "cong-dan-hoc-tap", "examples/cong-dan-hoc-tap.csv"])
    assert result.exit_code == 0 and result.output == shown
