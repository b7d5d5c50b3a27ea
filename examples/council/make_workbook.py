"""Make tu-danh-gia-2024.xlsx: a commune council's self-assessment workbook, as councils make
them — a hidden list sheet first, a merged title row, Vietnamese headers, a blank row, a text
in a number column, a formula Excel never calculated, and each citizen's claimed result.

    python examples/council/make_workbook.py
"""
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
INDICATORS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
HEADER = ["STT", "Mã số", "Họ và tên", "Xã", "Nhóm đối tượng", *[f"Chỉ số {i}" for i in INDICATORS],
          "Tự đánh giá (tổng điểm)", "Tự đánh giá (kết quả)"]
CITIZENS = [  # id, name, xã, group, points, claimed total, claimed result
    ("CD-001", "Nguyễn Thị Hoa", "Xã Tân Lập", 1, [9, 8, 8, 9, 7, 5, 8, 8, 9, 9], 80, "Đạt"),
    ("CD-002", "Trần Văn Hùng", "Xã Tân Lập", 2, [8, 7, 7, 8, 6, 4, 8, 7, 9, 9], 73, "Chưa đạt"),
    ("CD-003", "Lê Thị Thu", "Xã Tân Lập", 3, [10, 9, 9, 9, 10, 8, 9, 9, 10, 10], 95, "Đạt"),
    ("CD-004", "Phạm Minh Tuấn", "Xã Tân Lập", 4, [9, 9, 8, 8, 10, 9, 8, 8, 9, 9], 88, "Đạt"),
    ("CD-005", "Hoàng Văn Nam", "Xã Tân Lập", 1, [9, 9, 9, 9, 9, 4, 9, 9, 9, 9], 85, "Đạt"),
    None,  # a blank row between the two communes
    ("CD-006", "Vũ Thị Lan", "Xã Hòa Bình", 2, [8, 8, 8, 8, 8, 8, 8, 8, 8, 7], 80, "Đạt"),
    ("CD-007", "Đặng Quốc Bảo", "Xã Hòa Bình", 3, [9.5, 9, 8.5, 9, 9, 7.5, 8, 8.5, 9, 9], 87, "Đạt"),
    ("CD-008", "Bùi Thị Mai", "Xã Hòa Bình", 1, [7, 6, 8, 9, 5, 3, 6, 6, 9, 9], 68, "Chưa đạt"),
    ("CD-009", "Đỗ Văn Thành", "Xã Hòa Bình", 2, [8, "tám", 9, 9, 7, 6, 8, 8, 9, 9], 81, "Đạt"),
    ("CD-010", "Ngô Thị Yến", "Xã Hòa Bình", 4, [9, 9, 9, 9, 9, 9, 9, 9, 9, "=AVERAGE(F14:N14)"], 90, "Đạt"),
]


def main() -> None:
    book = openpyxl.Workbook()
    lists = book.active
    lists.title = "Danh mục"
    for row in [["Nhóm", "Tên nhóm"], [1, "Người dân trong xã"], [2, "Người lao động"],
                [3, "Cán bộ, công nhân viên, doanh nhân"], [4, "Học sinh, sinh viên, học viên"]]:
        lists.append(row)
    lists.sheet_state = "hidden"
    ws = book.create_sheet("Tự đánh giá")
    ws.append(["DANH SÁCH TỰ ĐÁNH GIÁ CÔNG DÂN HỌC TẬP NĂM 2024"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(["(Kèm theo báo cáo của Hội Khuyến học huyện)"])
    ws.append(HEADER)
    n = 0
    for citizen in CITIZENS:
        if citizen is None:
            ws.append([])
            continue
        n += 1
        rid, name, xa, group, points, total, result = citizen
        ws.append([n, rid, name, xa, group, *points, total, result])
    book.save(HERE / "tu-danh-gia-2024.xlsx")


if __name__ == "__main__":
    main()
