"""A share just under (or just over) its target is never printed as the target itself: the screen,
the JSON and the paper signed say 59,96% beside 'chưa đạt', not 60%."""
import openpyxl

from scoring import goal_report_records
from scoring.goals.render import actual_text

PACK = "muc-tieu-langson-stnmt-2024"


def _staff(holders: int, staff: int, unreadable: int = 0) -> list[dict]:
    rows = [{"id": f"CB{i:05}", "cong_dan_hoc_tap": "dat" if i < holders else "chua_dat", "ky_nang_so": True,
             "thanh_thao_ky_nang_so": True} for i in range(staff)]
    return rows + [{"id": f"X{i}", "cong_dan_hoc_tap": "CDHT?"} for i in range(unreadable)]


def _first(holders: int, staff: int, lang: str = "vi", unreadable: int = 0):
    return goal_report_records(PACK, _staff(holders, staff, unreadable), year=2025, lang=lang).targets[0]


def test_a_share_just_under_the_target_keeps_the_decimals_that_say_so():
    t = _first(6001, 10002)   # 59,998…%: two decimals would print 60
    assert (t.status, t.actual_pct, t.gap) == ("not_met", 59.998, 1)
    assert t.reason == "6.001/10.002 = 59,998%, cần ≥ 60%: cần thêm 1 người đạt danh hiệu"
    assert actual_text(t, "vi") == "6.001/10.002 = 59,998%"
    assert _first(6001, 10002, "en").reason == "6,001/10,002 = 59.998%, needs ≥ 60%: 1 more needed (holders)"


def test_the_boundary_itself_and_shares_well_apart_keep_two_decimals():
    assert (_first(600, 1000).status, _first(600, 1000).reason) == ("met", "600/1.000 = 60% ≥ 60%: đạt")
    assert _first(599, 1000).reason == "599/1.000 = 59,9%, cần ≥ 60%: cần thêm 1 người đạt danh hiệu"
    assert _first(271, 452).actual_pct == 59.96   # rounds away from 60 already


def test_both_bounds_of_an_undetermined_share_keep_their_side():
    t = _first(5999, 10000, unreadable=2)   # 5.999/10.002 … 6.001/10.002
    assert (t.status, t.upper_pct) == ("not_met", 59.998)
    assert actual_text(t, "vi") == "5.999/10.002 = 59,98% … 6.001/10.002 = 59,998%"
    assert t.reason.startswith("6.001/10.002 = 59,998% kể cả khi 2 hồ sơ không đánh giá được đều đạt")


def test_the_paper_shows_a_share_just_under_the_target_with_the_decimals_that_say_so(runner, cli, tmp_path):
    staff = tmp_path / "can-bo.csv"
    staff.write_text("Mã,Danh hiệu CDHT,Kỹ năng số,Thành thạo kỹ năng số\n" + "".join(
        f"CB{i:03},{'Đạt' if i < 271 else 'Chưa đạt'},có,có\n" for i in range(452)), encoding="utf-8")
    out = tmp_path / "muc-tieu.xlsx"
    result = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2025", str(staff), "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["Mục tiêu"]
    top = next(r for r in ws.iter_rows() if r[0].value == "Năm")[0].row
    head = [c.value for c in ws[top]]
    first, second = ws[top + 1], ws[top + 2]
    actual, required, result_ = (head.index(h) for h in ("Thực tế (%)", "Yêu cầu (%)", "Kết quả"))
    # 271/452 = 59,96%: one decimal ('0.0%') would print 60,0% beside 'chưa đạt'
    assert (first[actual].value, first[actual].number_format, first[result_].value) == (0.5996, "0.00%", "chưa đạt")
    assert first[required].number_format == "0.0%"
    assert (second[actual].value, second[actual].number_format) == (1, "0.0%")   # far from 70%: as before


def test_the_vietnamese_table_heads_the_targets_codes_in_vietnamese(runner, cli, tmp_path):
    """'id' was the one English word of the Vietnamese table ('hoctap goal-packs' heads its codes 'mã')."""
    staff = tmp_path / "can-bo.csv"
    staff.write_text("Mã,Danh hiệu CDHT,Kỹ năng số,Thành thạo kỹ năng số\nCB1,Đạt,có,có\n", encoding="utf-8")
    vi = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2025", str(staff)]).stdout.splitlines()
    en = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2025", str(staff), "--lang", "en"]).stdout.splitlines()
    assert vi[4].split() == ["mã", "mục", "tiêu", "yêu", "cầu", "thực", "tế", "kết", "quả", "còn", "thiếu"]
    assert en[4].split() == ["id", "target", "required", "actual", "result", "gap"]


def test_the_web_chart_writes_the_share_as_the_cards_do():
    """The chart beside the cards wrote 6.001/10.002 as '60%' (two decimals) in the colour of 'chưa đạt'."""
    from scoring.web.goals import chart_svg
    report = goal_report_records(PACK, _staff(6001, 10002), year=2025, lang="vi")
    chart = chart_svg(report)
    assert ">59,998%</text>" in chart and ">60%</text>" not in chart   # the axis says 0, 50, 100
