"""The self-check on a web page: the questionnaire of ``hoctap check`` (one source), as forms.

The page is in two steps because which questions are asked depends on the first answers (the
subject group, the unit type): the pack and those "gate" answers are chosen first, then every
question the questionnaire asks for them is one field of one form. Each answer goes through the
questionnaire's own ``give``, so a web answer is accepted or refused exactly as in the terminal,
with the same message, and the finished answers are scored by the same pipeline.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from scoring.errors import PackNotFound
from scoring.packs.catalog import shipped_packs
from scoring.packs.model import LoadedPack
from scoring.results.aggregate import Result
from scoring.results.tree import Explanation
from scoring.selfcheck.printout import checked_on_line
from scoring.selfcheck.questionnaire import Question, Questionnaire, gate_names
from scoring.selfcheck.today import check_day, in_force_today
from scoring.web.texts import words

SOURCE = "<web>"
FIRST = ("cong-dan-hoc-tap",)  # the pack most people come for is listed first


def check_packs() -> list[LoadedPack]:
    """Every shipped pack can be self-checked; the citizens' pack first."""
    packs = shipped_packs()
    return sorted(packs.values(), key=lambda p: (p.pack.id not in FIRST, p.pack.valid_to is not None, p.pack.id))


def shipped(pack_id: str) -> LoadedPack:
    """Only shipped packs, by id: a web form never names a file on the server."""
    packs = shipped_packs()
    if pack_id not in packs:
        raise PackNotFound(pack_id, packs)
    return packs[pack_id]


@dataclass
class Field:
    """One question as a form field."""

    question: Question
    number: int
    kind: str                           # choice | boolean | number
    choices: tuple[tuple[str, str], ...]  # (value sent, label shown)
    value: str = ""                     # what the person typed or chose
    error: str | None = None
    gate: bool = False
    how: str = ""                       # what to do, in the words of a form (the terminal's: question.instruction)
    keyboard: str = "decimal"           # a phone's keyboard for a number: 'numeric' (digits alone) for a count


@dataclass
class Form:
    loaded: LoadedPack
    lang: str
    gates: list[Field]
    fields: list[Field]                 # the questions after the gates
    errors: int = 0
    result: Result | None = None
    chosen: dict[str, str] = field(default_factory=dict)   # gate name -> chosen label

    @property
    def checked_on(self) -> str:
        """The day of the check, said on the result page (today, or ``SOURCE_DATE_EPOCH``'s day)."""
        return checked_on_line(self.lang)

    @property
    def gates_done(self) -> bool:
        return all(g.value and not g.error for g in self.gates)


def _field(loaded: LoadedPack, q: Question, number: int, lang: str, gate: bool) -> Field:
    inp = loaded.pack.input(q.name)
    # a choice is a radio button here, not a number or 'c/k' typed in a terminal
    w = words(lang)
    pick = w["pick_one"] + (w["pick_unknown"] if q.optional else "")
    if inp.type == "choice":
        return Field(q, number, "choice", tuple((c.code, c.label.get(lang)) for c in inp.choices), gate=gate, how=pick)
    if inp.type == "boolean":
        yes, no = ("có", "không") if lang == "vi" else ("yes", "no")
        return Field(q, number, "boolean", ((yes, yes), (no, no)), gate=gate, how=pick)
    return Field(q, number, "number", (), gate=gate, how=q.instruction, keyboard="numeric" if inp.whole else "decimal")


def build_form(loaded: LoadedPack, values: Mapping[str, Any], lang: str = "vi", *, score: bool = False) -> Form:
    """The form for ``values`` (gate answers, and with ``score`` every answer): each value is
    given to the questionnaire in its order; a refused one keeps its message and the walk goes
    on, so every wrong answer is shown at once. With ``score`` and no error, the result too."""
    q = Questionnaire(loaded, lang, in_force_today(loaded, check_day()))   # a dated pack warns as in the terminal
    gates = set(gate_names(loaded.pack))
    form = Form(loaded, lang, [], [])
    # the gates first: they decide which questions follow
    while (question := q.current) is not None:
        is_gate = question.name in gates
        if not is_gate and not (score and form.gates_done):
            break
        f = _field(loaded, question, q.position + 1, lang, is_gate)
        f.value = _text(values.get(question.name))
        reply = q.give(f.value)
        if reply.kind == "invalid":
            if f.value or not is_gate or score:
                f.error = reply.message
            form.errors += f.error is not None
            q.position += 1   # go on to the next question: all errors are shown together
        elif is_gate:
            f.value = str(q.answers[question.name])   # the code, whatever was typed
            form.chosen[question.name] = dict(f.choices).get(f.value, f.value)
        (form.gates if is_gate else form.fields).append(f)
    if not score or not form.gates_done:
        # the questions that will be asked for these gate answers, blank
        form.fields = [_field(loaded, question, i + 1, lang, False)
                       for i, question in enumerate(q.questions) if question.name not in gates]
        return form
    if form.errors == 0 and q.done:
        form.result = q.result(source=SOURCE)
    return form


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


# --- the result, as a page shows it ----------------------------------------------------------

def blockers_first(e: Explanation) -> list[Any]:
    """What blocks the next outcome: the indicators furthest from their threshold first when
    points tell it, else in the pack's order."""
    if e.next is None:
        return []
    maxima = {i.id: i.max for c in e.criteria for i in c.indicators}
    return sorted(e.next.blockers, key=lambda b: -((maxima.get(b.indicator) or 0) - (b.value or 0))
                  if isinstance(b.value, (int, float)) and not isinstance(b.value, bool) else 0)
