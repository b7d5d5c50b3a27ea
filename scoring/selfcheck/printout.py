"""Self-check, for a person to keep: where the points come from, the answers saved to load again,
and the result on one printed page (text and PDF).

What the points are is said from the pack itself, never guessed: a Công dân học tập pack
(issued by the Hội Khuyến học) takes the points graded per indicator under its criteria set —
self-graded with evidence, then reviewed and verified by the Hội Khuyến học branch (how each 0–10
is awarded was not retrieved, so none is claimed); a
Thông tư 22 pack takes the points graded under the provincial People's Committee's guide (Art. 8.1.b);
a levels pack (Thông tư 24, 25) has no points at all, only indicators met or not.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from scoring.errors import UsageError
from scoring.messages import Msg, fmt_date, fmt_decimals_in, t
from scoring.packs.model import LevelsOutcome, LoadedPack, Pack, gate_names
from scoring.results.aggregate import Result
from scoring.results.council import cell_text
from scoring.results.explain import WORDS, shortened, shown_id
from scoring.results.output import atomic_path, atomic_text, check_writable
from scoring.selfcheck.today import check_day

def points_note(pack: Pack, lang: str = "vi") -> str:
    """What the numbers asked for are and who grades them, in plain words (see the module's note)."""
    doc = pack.reference.document
    if isinstance(pack.outcome, LevelsOutcome):
        return t("p.note_levels", lang, doc=doc)
    issuer = pack.reference.issuer or ""
    if "khuyến học" in issuer.casefold():
        tops = {i.max_points for i in pack.indicators if i.max_points is not None}
        top = _n(max(tops), lang) if tops else "…"
        return t("p.note_kh", lang, doc=doc, issuer=issuer, top=top, max=_n(pack.max_total, lang))
    return t("p.note_tt22", lang, doc=doc) if "22/2020" in doc else t("p.note_points", lang, doc=doc)


def _named(indicator_id: str, label: str, width: int = 40) -> str:
    """An indicator in a running line: its number and the start of its label (a code such as
    tc1_ct3 would tell the reader nothing)."""
    short = shortened(label, width)
    return f"{shown_id(indicator_id)} ({short})" if shown_id(indicator_id) else short


def _n(x: float | None, lang: str = "vi") -> str:
    return "…" if x is None else cell_text(x, lang)


def chosen_lines(result: Result, loaded: LoadedPack, lang: str = "vi") -> list[str]:
    """The answers that decide what applies, as 'Nhóm đối tượng: Người dân trong xã' or 'Loại đơn vị:
    Trường tiểu học …': the printout to sign says which form, which unit type, the result is for."""
    from scoring.records.validate import value_parser
    raw, lines = result.raw or {}, []
    for name in gate_names(loaded.pack):
        inp = loaded.pack.input(name)
        code = value_parser(inp)(raw[name]) if raw.get(name) is not None else None
        label = next((c.label.get(lang) for c in inp.choices if c.code == code), None)
        if label is not None:
            lines.append(f"{inp.label.get(lang) if inp.label else name}: {label}")
    return lines


def checked_on_line(lang: str = "vi") -> str:
    """'Ngày tự kiểm tra: 05/12/2026', for the web result page: printed and kept, a result that
    said no day did not say when it held (the PDF says 'Ngày in')."""
    return t("p.checked_on", lang, day=fmt_date(check_day(), lang))


# --- the answers, saved to load again ------------------------------------------------------

SAVE_FORMATS = (".yaml", ".yml", ".json")


def check_save_path(path: str | Path) -> None:
    """Before any question: the answers go to a new .yaml or .json file."""
    _check_new_file(path, SAVE_FORMATS, Msg("usage.save_ext", path=path))


def check_pdf_path(path: str | Path) -> None:
    """Before any question: the printout goes to a new .pdf file."""
    _check_new_file(path, (".pdf",), Msg("usage.pdf_ext", path=path))


def _check_new_file(path: str | Path, suffixes: tuple[str, ...], wrong_suffix: Msg) -> None:
    """What the person keeps (the answers, the signed printout) is never written over, and whatever
    would stop the write is said before the questions, whose answers would otherwise be lost."""
    p = Path(path)
    if p.suffix.lower() not in suffixes:
        raise UsageError(wrong_suffix)
    if p.exists():
        raise UsageError(Msg("usage.exists", path=path))
    check_writable(p)


def saved_answers(result: Result) -> dict[str, Any]:
    """The answers as read (input name -> value), in the form ``read_answers`` loads again."""
    raw = dict(result.raw or {})
    if raw.get("id") == "tu-kiem-tra":
        raw.pop("id")
    return {k: (int(v) if isinstance(v, float) and v.is_integer() else v) for k, v in raw.items()}


def save_answers(path: str | Path, result: Result, loaded: LoadedPack, lang: str = "vi") -> None:
    answers = saved_answers(result)
    with atomic_text(path) as out:
        if Path(path).suffix.lower() == ".json":
            import json
            out.write(json.dumps(answers, ensure_ascii=False, indent=2) + "\n")
            return
        out.write(t("p.saved", lang, title=loaded.pack.title.get(lang), pack=loaded.pack.id, name=Path(path).name))
        out.write(yaml.safe_dump(answers, allow_unicode=True, sort_keys=False, default_flow_style=False))


# --- the result on one page -----------------------------------------------------------------

def page_words(lang: str = "vi") -> dict[str, str]:
    """The words of the one-page PDF, by the names ``draw_result_page`` reads them."""
    return {"title": t("p.title", lang), "where": t("p.where", lang), "indicator": t("p.indicator", lang),
            "content": t("p.content", lang), "value": t("p.value", lang), "value_levels": t("p.value_levels", lang),
            "needs": t("p.needs", lang), "status": t("p.status", lang), "signer": t("p.signer", lang),
            "sign": t("p.sign", lang), "date": t("p.date", lang)}


def page_text(result: Result, loaded: LoadedPack, text: str, lang: str = "vi") -> str:
    """The text result with the answers that decide what applies under its title, and where the
    points come from, ready to print or save."""
    title, _, rest = text.partition("\n")
    text = "\n".join([title, *chosen_lines(result, loaded, lang), rest])
    return f"{text}\n\n{t('p.where', lang)}: {points_note(loaded.pack, lang)}"


def write_result_pdf(path: str | Path, result: Result, loaded: LoadedPack, text: str, lang: str = "vi",
                     today: dt.date | None = None) -> int:
    """The result on one A4 page (the font shrinks until it fits); returns the pages written."""
    from scoring.results.pdf import draw_result_page, one_page
    from scoring.results.render import node_value
    explanation = result.explanation
    assert explanation is not None
    levels = isinstance(loaded.pack.outcome, LevelsOutcome)
    status = WORDS[lang]
    rows: list[tuple[str, str, list[str] | None]] = []
    skipped: list[str] = []
    for c in explanation.criteria:
        rows.append((c.label, f"{_n(c.points, lang)}/{_n(c.max, lang)}" if c.max is not None else "", None))
        for i in c.indicators:
            if i.status == "not_applicable":   # said in one line under the table: the page stays one page
                skipped.append(_named(i.id, i.label))
                continue
            shown = f"{_n(i.points, lang)}/{_n(i.max, lang)}" if i.max is not None and not levels else node_value(i, lang)
            rows.append((shown_id(i.id), i.label, [shown, fmt_decimals_in(i.condition, lang), status.get(i.status, i.status)]))
    paragraphs = text.split("\n\n")
    head = chosen_lines(result, loaded, lang) + paragraphs[0].splitlines()[1:]   # the title is drawn apart
    tail = [p for p in paragraphs[2:] if p.strip()]  # what is still missing, and the disclaimer
    if skipped:
        # once each: a level-1 and a level-2 indicator of the same number read the same on paper
        tail.insert(0, t("p.not_applicable", lang, ids="; ".join(dict.fromkeys(skipped))))
    day = fmt_date(today or check_day(), lang)
    with atomic_path(path) as tmp:
        return one_page(tmp, lang, lambda pdf, size: draw_result_page(
            pdf, size, page_words(lang), loaded.pack.title.get(lang), t("p.printed", lang, day=day), head,
            points_note(loaded.pack, lang), rows, tail, levels))
