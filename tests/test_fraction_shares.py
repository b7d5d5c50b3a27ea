"""A share written as a fraction (0,95) in a column of percentages (0–100) is scored as it is
(0,95 %) but said, once per file (and sheet) and column, after the run: never read as 95 % in
silence, never a changed score or output (``scoring.records.shares``)."""
import json
import re

import openpyxl

import scoring.run.parts as parts
from scoring import score_files
from scoring.records.rows import read_records
from scoring.results.provenance import Canonical, canonical_json, raw_sha256

TT24 = "don-vi-hoc-tap-tt24-huyen"
HEADER = "id,loai_don_vi,tc1_ct1,ty_le_chap_hanh_ky_luat"
COLUMN = "cột 'Tỷ lệ chấp hành kỷ luật' (ty_le_chap_hanh_ky_luat) là tỷ lệ phần trăm (0–100)"


def without_run(data: bytes) -> bytes:
    return re.sub(rb'"run_(id|at)":"[^"]*"', b'"run_\\1":""', data)


def said(stderr: str) -> list[str]:
    """The warnings about shares written as fractions, as printed."""
    return [line for line in stderr.splitlines() if "(0–100)" in line]


def scored(runner, cli, *args):
    result = runner.invoke(cli, ["score", "-c", TT24, *map(str, args), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    return result


def test_the_audit_example_is_said_in_vietnamese_and_english_and_scored_as_before(runner, cli, tmp_path):
    path = tmp_path / "frac.csv"
    path.write_text(f"{HEADER}\nDV-1,ubnd_xa,có,0.95\nDV-2,ubnd_xa,có,95\n", encoding="utf-8")
    result = scored(runner, cli, path)
    assert said(result.stderr) == [
        f"cảnh báo: {path}: {COLUMN} nhưng 1 hồ sơ ghi số từ 0 đến 1, không có dấu % (dòng 2 (DV-1)): 0,95 được chấm "
        "là 0,95 %; nếu là 95 %, ghi 95 hoặc định dạng ô là %"]
    assert result.stderr.index("(0–100)") < result.stderr.index("đã đọc 2 hồ sơ: 2 được chấm, 0 bị loại")
    statuses = {r["id"]: {i["id"]: i["status"] for i in r["indicators"]}["tc2_ct1_md1"]
                for r in map(json.loads, result.stdout.splitlines())}
    assert statuses == {"DV-1": "not_met", "DV-2": "met"}   # the score is what it was: 0,95 %
    english = runner.invoke(cli, ["score", "-c", TT24, str(path), "-f", "jsonl", "--lang", "en"])
    assert said(english.stderr) == [
        f"warning: {path}: column 'Tỷ lệ chấp hành kỷ luật' (ty_le_chap_hanh_ky_luat) is a percentage (0–100) but 1 "
        "record gives a number from 0 to 1 without '%' (row 2 (DV-1)): 0.95 is scored as 0.95 %; if it means 95 %, "
        "write 95 or format the cell as %"]
    again = scored(runner, cli, path)   # the output is the JSON lines it always was: the warning is not in them
    assert without_run(again.stdout_bytes) == without_run(result.stdout_bytes) and '0–100' not in result.stdout


def test_a_value_of_1_is_said_0_is_not_and_a_typed_percent_sign_means_what_it_says(runner, cli, tmp_path):
    path = tmp_path / "dv.csv"
    path.write_text(f"{HEADER}\nDV-1,ubnd_xa,có,0\nDV-2,ubnd_xa,có,95%\nDV-3,ubnd_xa,có,\"0,95%\"\n"
                    f"DV-4,ubnd_xa,có,0,95 %\nDV-5,ubnd_xa,có,1\nDV-6,ubnd_xa,có,\"0,5\"\n", encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("0,95 %", '"0,95 %"'), encoding="utf-8")
    result = scored(runner, cli, path)
    assert said(result.stderr) == [
        f"cảnh báo: {path}: {COLUMN} nhưng 2 hồ sơ ghi số từ 0 đến 1, không có dấu % (dòng 6 (DV-5), 7 (DV-6)): 1 được "
        "chấm là 1 %; nếu là 100 %, ghi 100 hoặc định dạng ô là %"]
    assert "đã đọc 6 hồ sơ: 6 được chấm, 0 bị loại" in result.stderr


def test_a_general_cell_is_said_a_cell_formatted_as_percent_is_not(runner, cli, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS"
    ws.append(HEADER.split(","))
    ws.append(["DV-1", "ubnd_xa", "có", 0.95])                 # General: =B2/C2 left as it came
    ws.append(["DV-2", "ubnd_xa", "có", 0.95])
    ws["D3"].number_format = "0%"                             # 95 %
    ws.append(["DV-3", "ubnd_xa", "có", 0.005])
    ws["D4"].number_format = "0.0%"                           # 0,5 %: a small share, formatted: no fraction
    path = tmp_path / "dv.xlsx"
    wb.save(path)
    batch = score_files(TT24, [path])
    values = {r.id: r.scored.values["ty_le_chap_hanh_ky_luat"] for r in batch.results()}
    assert values == {"DV-1": 0.95, "DV-2": 95, "DV-3": 0.5}
    assert [w for w in batch.warnings if "(0–100)" in w] == [
        f"{path}:DS: {COLUMN} nhưng 1 hồ sơ ghi số từ 0 đến 1, không có dấu % (dòng 2 (DV-1)): 0,95 được chấm là 0,95 %; "
        "nếu là 95 %, ghi 95 hoặc định dạng ô là %"]
    result = scored(runner, cli, path)
    assert said(result.stderr) == [f"cảnh báo: {batch.warnings[-1]}"]
    rows = list(read_records(path))
    assert [type(r.data["ty_le_chap_hanh_ky_luat"]).__name__ for r in rows] == ["float", "float", "PercentCell"]
    # the row as read hashes as it did (the stored runs' raw_sha256): the mark is the same float
    plain = {k: float(v) if isinstance(v, float) else v for k, v in rows[2].data.items()}
    assert Canonical().flat(rows[2].data) == Canonical().flat(plain) == canonical_json(plain)
    assert raw_sha256(rows[2].data) == raw_sha256(plain)


def test_json_numbers_are_said_too(runner, cli, tmp_path):
    records = [{"id": f"DV-{n}", "loai_don_vi": "ubnd_xa", "tc1_ct1": True, "ty_le_chap_hanh_ky_luat": v}
               for n, v in enumerate([0.9, 95, 1, 0], start=1)]
    for name, text in (("dv.json", json.dumps(records)), ("dv.jsonl", "\n".join(map(json.dumps, records)) + "\n")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert said(scored(runner, cli, path).stderr) == [
            f"cảnh báo: {path}: {COLUMN} nhưng 2 hồ sơ ghi số từ 0 đến 1, không có dấu % (dòng 1 (DV-1), 3 (DV-3)): 0,9 "
            "được chấm là 0,9 %; nếu là 90 %, ghi 90 hoặc định dạng ô là %"]


def test_one_process_and_two_in_parts_say_the_same_and_write_the_same(runner, cli, tmp_path, monkeypatch):
    """2,000 rows, 3 fractions: the same warning, naming the first rows, and the same bytes with --jobs 1 and 2."""
    monkeypatch.setattr(parts, "PART_BYTES", 500)   # parts of a few rows: the fractions are seen by both processes
    body = [f"DV-{n:04d},ubnd_xa,có,{95 if n not in (700, 1500, 1999) else '0,9' if n != 1500 else 0.97}"
            for n in range(1, 2001)]
    body = [line.replace(",0,9", ',"0,9"') for line in body]
    outputs, warnings = [], []
    for name, text in (("dv.csv", HEADER + "\n" + "\n".join(body) + "\n"),):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        for jobs in ("1", "2"):
            result = runner.invoke(cli, ["score", "-c", TT24, str(path), "-f", "jsonl", "--jobs", jobs])
            assert result.exit_code == 0, result.output
            assert "đã đọc 2.000 hồ sơ: 2.000 được chấm, 0 bị loại" in result.stderr
            outputs.append(without_run(result.stdout_bytes))
            warnings.append(said(result.stderr))
    assert outputs[0] == outputs[1]
    assert warnings[0] == warnings[1] == [
        f"cảnh báo: {tmp_path / 'dv.csv'}: {COLUMN} nhưng 3 hồ sơ ghi số từ 0 đến 1, không có dấu % (dòng 701 "
        "(DV-0700), 1501 (DV-1500), 2000 (DV-1999)): 0,9 được chấm là 0,9 %; nếu là 90 %, ghi 90 hoặc định dạng ô là %"]


def test_the_first_rows_are_named_and_the_rest_counted(tmp_path):
    path = tmp_path / "dv.csv"
    path.write_text(HEADER + "\n" + "\n".join(f"DV-{n},ubnd_xa,có,0.{n}" for n in range(1, 9)) + "\n", encoding="utf-8")
    batch = score_files(TT24, [path], lang="en")
    assert all(r.ok for r in batch.results())
    assert batch.counts.scored + batch.counts.rejected == batch.counts.records == 8
    [warning] = [w for w in batch.warnings if "(0–100)" in w]
    assert "8 records give a number from 0 to 1 without '%' (rows 2 (DV-1), 3 (DV-2), 4 (DV-3), 5 (DV-4), 6 (DV-5), " \
           "…): 0.1 is scored as 0.1 %; if it means 10 %, write 10" in warning


def test_the_self_check_says_nothing_of_an_answer_of_1_to_a_question_in_percent(runner, cli, tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"loai_don_vi": "Doanh nghiệp", "tc1_ct1": "có", "tc1_ct2": True, "tc1_ct4": "có",
                                   "tc1_ct5": "không", "ty_le_chap_hanh_ky_luat": 1, "tc3_ct2": "có",
                                   "danh_hieu_thi_dua": "Tập thể lao động tiên tiến"}), encoding="utf-8")
    result = runner.invoke(cli, ["check", "-c", TT24, "--answers", str(answers)])
    assert "Chưa đạt" in result.output or "chưa đạt" in result.output.lower()
    assert "(0–100)" not in result.output and "0 đến 1" not in result.output


def test_the_council_page_says_it_as_hoctap_score_does(runner, cli, tmp_path):
    from fastapi.testclient import TestClient
    from test_web import LOCAL, upload, wait_job
    from scoring.web.app import Settings, create_app
    path = tmp_path / "frac.csv"
    path.write_text(f"{HEADER}\nDV-1,ubnd_xa,có,0.95\nDV-2,ubnd_xa,có,95\n", encoding="utf-8")
    [line] = said(scored(runner, cli, path).stderr)
    with TestClient(create_app(Settings(max_upload=1 << 20)), base_url=LOCAL) as client:
        job = wait_job(client, upload(client, path, pack=TT24).json()["status_url"])
    assert job["counts"] == {"read": 2, "scored": 2, "rejected": 0, "skipped": 0}
    assert [w for w in job["warnings"] if "(0–100)" in w] == [line.removeprefix("cảnh báo: ").replace(f"{tmp_path}/", "")]
