"""Self-check (``hoctap check``): a questionnaire generated from a pack, as a small state machine.

The questions are the pack's inputs: first the choices that decide which indicators apply (the
subject group, the unit type), then every other input in pack order, skipping inputs read only
by indicators that do not apply. Each answer goes through the parser batch records use, so
"7,5", "có" or a choice's alias mean the same here as in ``hoctap score``; the finished answers
are scored by that same pipeline, so ``check`` and ``score`` cannot disagree.

Nothing here reads a keyboard or prints: the CLI feeds text in and shows what comes back.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Callable, Literal

from scoring.packs.catalog import InForce
from scoring.results.aggregate import Result
from scoring.run.api import Batch
from scoring.errors import AnswerError, did_you_mean
from scoring.messages import Msg, t
from scoring.results.explain import need_text, shown_id
from scoring.records.raw import RawRow
from scoring.packs.model import (Indicator, Input, LevelsOutcome, LoadedPack, Pack, PointsRule, gate_names, menu_clashes,
                                 menu_numbers)
from scoring.records.validate import RecordValidator, header_key, value_parser

DEFAULT_ID = "tu-kiem-tra"


@dataclass(frozen=True)
class Question:
    """One question: the input it fills and everything needed to ask it."""

    name: str                      # the input (record key) the answer fills
    title: str
    section: str | None            # the criterion it belongs to, for a heading
    instruction: str               # what to type, with the allowed range
    hint: str | None
    choices: tuple[str, ...]       # choice labels, in the pack's order
    details: tuple[str, ...]       # shown on '?': conditions, hints, evidence, references
    optional: bool
    numbers: tuple[int, ...] = ()  # each choice's number in the menu (``menu_numbers``: 1…n, or the choices' own)


@dataclass(frozen=True)
class Reply:
    """What the questionnaire says back to one line of input."""

    kind: Literal["next", "invalid", "back", "first", "help"]
    message: str = ""


def _fmt(x: float | None, lang: str) -> str:
    """A number as the person types it back: '7,5' in Vietnamese, never '1e+20' nor '7.5' (which
    ``:g`` wrote); no thousands separator, since '1.000' typed again would read as one."""
    if x is None:
        return ""
    text = f"{x:.10f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "vi" else text


def readers(pack: Pack, name: str) -> list[Indicator]:
    """The indicators that read input ``name``."""
    return [i for i in pack.indicators if i.input_name == name]


def build_question(pack: Pack, inp: Input, lang: str = "vi") -> Question:
    inds = readers(pack, inp.name)
    label = inp.label.get(lang) if inp.label else None
    title = label or inp.name
    if len(inds) == 1:   # the indicator's words after the input's, unless they are the same words (said once)
        said = inds[0].label.get(lang)
        title = said if label and label.strip().casefold() == said.strip().casefold() else f"{label or inds[0].id}: {said}"
    section = next((c.label.get(lang) for c in pack.criteria for i in c.indicators if i in inds), None)
    hint = inp.hint or (inds[0].hint if len(inds) == 1 else None)
    return Question(
        name=inp.name, title=title, section=section, instruction=_instruction(inp, inds, lang),
        hint=hint.get(lang) if hint else None, choices=tuple(c.label.get(lang) for c in inp.choices),
        details=_details(pack, inp, inds, lang), optional=not inp.required,
        numbers=tuple(menu_numbers(inp)) if inp.type == "choice" else ())


def _instruction(inp: Input, inds: list[Indicator], lang: str) -> str:
    bounds = {"min": _fmt(inp.min, lang), "max": _fmt(inp.max, lang)}
    if inp.type == "boolean":
        text = t("q.boolean", lang)
    elif inp.type == "choice":
        text = _numbers_text(menu_numbers(inp), lang)
    elif inp.whole:   # a count: never 'decimals allowed'
        text = (t("q.whole", lang) if inp.min is None or inp.max is None else
                t("q.whole_range", lang, **bounds) + (f" {inp.unit_in(lang)}" if inp.unit else ""))
    elif inp.min is None or inp.max is None:
        text = t("q.number", lang)
    elif any(isinstance(i.rule, PointsRule) for i in inds):
        text = t("q.points", lang, example=_fmt(_example(inp.min, inp.max), lang), **bounds)
    elif inp.unit_in(lang) == "%":
        text = t("q.percent", lang, **bounds)
    else:
        text = t("q.number_range", lang, **bounds) + (f" {inp.unit_in(lang)}" if inp.unit else "")
    return text + (t("q.optional", lang) if not inp.required else "")


def _example(low: float, high: float) -> float:
    """A decimal to show as an example inside the range: 7,5 for 0–10, 3,5 for 0–5 ('ví dụ 7,5' beside
    'từ 0 đến 5' showed a number the question refuses)."""
    example = int(low + (high - low) * 0.75) + 0.5
    return example if low <= example <= high else (low + high) / 2


def _numbers_text(numbers: list[int], lang: str) -> str:
    """What to type for a menu: 'từ 1 đến 4' (or 0 to 3) when its numbers run up one by one, else each
    number said ('1 hoặc 0', '1, 3 hoặc 7'): 'từ 1 đến 7' would name numbers the list does not have."""
    if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return t("q.choice", lang, low=numbers[0], high=numbers[-1])
    said = [str(n) for n in numbers]
    return t("q.choice_of", lang, numbers=", ".join(said[:-1]) + t("q.or", lang) + said[-1])


def _details(pack: Pack, inp: Input, inds: list[Indicator], lang: str) -> tuple[str, ...]:
    lines = [inp.hint.get(lang)] if inp.hint else []
    for ind in inds:
        number = shown_id(ind.id)   # '[4.2]' as the circular's form numbers it, never the code 'tc4_ct2_md1'
        lines.append(f"[{number}] {ind.label.get(lang)}" if number else ind.label.get(lang))
        lines.append(f"  {t('q.needs', lang)}: {need_text(pack, ind, lang)}")
        if isinstance(pack.outcome, LevelsOutcome):
            names = [pack.outcome_label(code, lang) for code in ind.levels]
            lines.append(f"  {t('q.levels', lang)}: {', '.join(names)}")
        if ind.hint:
            lines.append(f"  {ind.hint.get(lang)}")
        if ind.evidence:
            lines.append(f"  {t('q.evidence', lang)}: {ind.evidence.get(lang)}")
        if ind.reference:
            lines.append(f"  {t('q.reference', lang)}: {ind.reference.cite()}")
    return tuple(lines)


class Questionnaire:
    """The questionnaire's state: the answers so far and the question being asked.

    ``questions`` is derived from the answers every time, so changing the subject group or unit
    type (after going back) changes which questions follow; answers to questions no longer asked
    are kept aside, not scored.
    """

    def __init__(self, loaded: LoadedPack, lang: str = "vi", in_force: InForce | None = None, in_file: bool = False):
        self.loaded, self.pack, self.lang = loaded, loaded.pack, lang
        self.in_file = in_file   # the answers come from a file (``check_answers``): no numbered menu is shown
        self.in_force = in_force   # the day the check is about, when it matters (``selfcheck.today``)
        gates = gate_names(self.pack)
        self._order = [*gates, *(i.name for i in self.pack.inputs if i.name not in gates)]
        self._gates = set(gates)
        self._readers = {i.name: readers(self.pack, i.name) for i in self.pack.inputs}
        self._questions = {i.name: build_question(self.pack, i, lang) for i in self.pack.inputs}
        self._parsers: dict[str, Callable[[Any], Any]] = {i.name: value_parser(i) for i in self.pack.inputs}
        self.answers: dict[str, Any] = {}     # input name -> parsed value (None: no figure)
        self.position = 0

    # --- where we are ---
    @property
    def questions(self) -> list[Question]:
        return [self._questions[name] for name in self._order if self._asked(name)]

    def _asked(self, name: str) -> bool:
        inds = self._readers[name]
        return name in self._gates or not inds or any(
            i.applies_to is None or self.answers.get(i.applies_to.input) in i.applies_to.values for i in inds)

    @property
    def current(self) -> Question | None:
        questions = self.questions
        return questions[self.position] if self.position < len(questions) else None

    @property
    def done(self) -> bool:
        return self.current is None

    def previous_answer(self, name: str) -> str | None:
        """The answer already given to ``name``, as text (shown when the person comes back)."""
        if name not in self.answers:
            return None
        value = self.answers[name]
        inp = self.pack.input(name)
        if value is None:
            return ""
        if inp.type == "choice":   # its number in the menu, which Enter keeps
            return str(menu_numbers(inp)[inp.choice_rank(value)])
        if inp.type == "boolean":
            return t("q.yes" if value else "q.no", self.lang)
        return _fmt(value, self.lang)

    # --- what to show ---
    def intro(self) -> str:
        from scoring.selfcheck.printout import points_note   # what the numbers asked for are, and who grades them
        return "\n".join([t("q.intro", self.lang, title=self.pack.title.get(self.lang), n=len(self.questions)),
                          *self.dated(), points_note(self.pack, self.lang), t("q.keys", self.lang)])

    def dated(self) -> list[str]:
        """Before the first question, the day the check is about and the pack's warning for it (a
        district pack checked after the district tier ended), as the result will say them."""
        chosen = self.in_force
        if chosen is None or chosen.as_of is None:
            return []
        from scoring.records.dates import date_warnings
        from scoring.results.render import dated_words, headed
        warnings = date_warnings(self.pack, chosen.as_of, chosen.source, None, self.lang)
        return headed(dated_words(chosen.as_of.isoformat(), chosen.source, self.pack.id, chosen.reason, warnings,
                                  self.lang), self.lang)

    def screen(self) -> str:
        """The current question as a person reads it: a heading when a new criterion starts,
        its number, title, the numbered choices, the hint, what to type, a previous answer."""
        question, questions = self._require_current(), self.questions
        before = questions[self.position - 1].section if self.position else None
        lines = [""]
        if question.section and question.section != before:
            lines += [f"== {question.section} ==", ""]
        lines.append(f"{t('q.progress', self.lang, i=self.position + 1, n=len(questions))} · {question.title}")
        lines += [f"  {n}. {label}" for n, label in zip(question.numbers, question.choices)]
        if question.hint:
            lines.append(f"  ({question.hint})")
        lines.append(f"  {question.instruction}.")
        previous = self.previous_answer(question.name)
        if previous:
            lines.append("  " + t("q.kept", self.lang, value=previous))
        return "\n".join(lines)

    def stopped(self, interrupted: bool) -> str:
        """The message for a person who stopped half-way (Ctrl-C) or whose input ended (Ctrl-D)."""
        if interrupted:
            return t("q.interrupted", self.lang)
        return t("q.eof", self.lang, left=len(self.questions) - self.position)

    # --- moving ---
    def reply(self, text: str) -> Reply:
        """One line typed by the person: '<' goes back, '?' asks for help, Enter keeps a
        previous answer, anything else is an answer."""
        text = text.strip()
        if text == "<":
            return self.back()
        if text == "?":
            return Reply("help", "\n".join(self._require_current().details) or t("q.no_help", self.lang))
        question = self._require_current()
        if not text and question.name in self.answers:
            self.position += 1
            return Reply("next")
        two = self._two_readings(question, text)
        if two:
            return Reply("invalid", two)
        return self.give(self._menu_choice(question, text))

    def give(self, value: Any) -> Reply:
        """Answer the current question with ``value`` (text or a JSON/YAML value)."""
        question = self._require_current()
        try:
            parsed = self._parsers[question.name](value)
        except ValueError:
            return self._invalid(question, self._reason(question, value))
        if parsed is None and not question.optional:
            return self._invalid(question, t("q.required", self.lang))
        self.answers[question.name] = parsed
        self.position += 1
        return Reply("next")

    def back(self) -> Reply:
        if self.position == 0:
            return Reply("first", t("q.first", self.lang))
        self.position -= 1
        return Reply("back", t("q.back", self.lang))

    def _require_current(self) -> Question:
        question = self.current
        if question is None:
            raise IndexError(Msg("selfcheck.finished"))   # a caller's mistake (the page and the terminal ask only while there is a question)
        return question

    def _menu_choice(self, question: Question, text: str) -> Any:
        """A choice may be typed as its number in the list shown (1, 2, …, or the choices' own numbers)."""
        if question.numbers and text.isdigit() and int(text) in question.numbers:
            return self.pack.input(question.name).choices[question.numbers.index(int(text))].code
        return text

    def _two_readings(self, question: Question, text: str) -> str | None:
        """A menu number that a file reads as another choice (vung_kho_khan's '1' was 'có' in a file and
        the first item, 'không', in the menu): both readings are said and nothing is guessed."""
        inp = self.pack.input(question.name)
        clash = next(((shown, other) for n, shown, other, _ in menu_clashes(inp) if str(n) == text), None)
        if clash is None:
            return None
        shown, other = (inp.choices[k] for k in clash)
        return t("q.two_readings", self.lang, n=text, shown=shown.label.get(self.lang), other=other.label.get(self.lang),
                                                 codes=", ".join(c.code for c in inp.choices))

    def _invalid(self, question: Question, reason: str) -> Reply:
        return Reply("invalid", t("q.invalid", self.lang, reason=reason, instruction=self._how(question)))

    def _how(self, question: Question) -> str:
        """What to write: in a file there is no menu to pick a number from ('Chọn một số từ 1 đến 5'
        asked for a number the file refuses), so a choice is named by its code, which a saved file holds."""
        if not (self.in_file and question.choices):
            return question.instruction
        codes = ", ".join(c.code for c in self.pack.input(question.name).choices)
        return t("q.choice_file", self.lang, codes=codes) + ("" if not question.optional else t("q.optional", self.lang))

    def _reason(self, question: Question, value: Any) -> str:
        """Why the batch parser refused ``value``, in the person's language."""
        inp, text = self.pack.input(question.name), str(value).strip()
        if isinstance(value, bool):   # YAML reads yes/no/true unquoted as a boolean: not «True» to a person
            text = t("q.yes" if value else "q.no", self.lang)
        if inp.type == "boolean":
            return t("q.not_yes_no", self.lang, text=text)
        if inp.type == "choice":
            return t("q.not_choice", self.lang, text=text)
        try:  # a number the unbounded parser accepts is not whole, or out of range
            number = value_parser(inp.model_copy(update={"min": None, "max": None, "whole": False}))(value)
        except ValueError:
            return t("q.not_number", self.lang, text=text)
        if inp.whole and number is not None and not number.is_integer():
            return t("q.not_whole", self.lang, value=_fmt(number, self.lang))
        if inp.max is not None and number is not None and number > inp.max:
            return t("q.above", self.lang, value=_fmt(number, self.lang), max=_fmt(inp.max, self.lang))
        return t("q.below", self.lang, value=_fmt(number, self.lang), min=_fmt(inp.min, self.lang))

    # --- the end ---
    def record(self, record_id: str = DEFAULT_ID) -> dict[str, Any]:
        """The answers as one record, only for the questions asked."""
        asked = {q.name for q in self.questions}
        return {"id": record_id, **{k: v for k, v in self.answers.items() if k in asked}}

    def result(self, record_id: str = DEFAULT_ID, source: str = "<terminal>") -> Result:
        """Score the answers exactly as ``hoctap score`` scores one record read from ``source``."""
        if not self.done:
            raise IndexError(Msg("selfcheck.not_finished", n=len(self.questions) - self.position))
        rows = [RawRow(source, 1, self.record(record_id))]
        result = next(iter(Batch(self.loaded, rows, self.lang, in_force=self.in_force).results()))
        if not result.ok:  # only the id can fail here: every answer was checked when given
            raise AnswerError(source, "id", result.error or "")
        return result


def check_answers(loaded: LoadedPack, answers: Mapping[str, Any], source: str, lang: str = "vi",
                  in_force: InForce | None = None) -> Result:
    """The non-interactive self-check: run the questionnaire over an answers mapping (keys:
    input names, aliases or labels, as record columns; 'id' optional) and score it.
    Raises AnswerError naming the first question (or key) that fails."""
    validator = RecordValidator(loaded.pack)
    given = _by_input(validator, answers, source, lang)
    questionnaire = Questionnaire(loaded, lang, in_force, in_file=True)
    while (question := questionnaire.current) is not None:
        reply = questionnaire.give(given.get(question.name))
        if reply.kind == "invalid":
            where = t("q.where", lang, name=question.name, title=question.title)
            raise AnswerError(source, question.name, f"{where}: {reply.message}")
    return questionnaire.result(validator.raw_id(dict(answers)) or DEFAULT_ID, source)


def _unknown_key(pack: Pack, answers: Mapping[str, Any], key: str, names: list[str], lang: str) -> str:
    """Why ``key`` is refused: a typo ('2.22', did you mean '2.2'), or answers saved for another
    pack (a unit's answers given to Công dân học tập), which a list of this pack's names would not say."""
    others = _packs_answered(pack, answers)
    if others:
        packs = t("q.or", lang).join(f"'{loaded.pack.id}' ({loaded.pack.title.get(lang)})" for loaded in others)
        return t("q.other_pack", lang, key=key, packs=packs)
    return t("q.unknown_key", lang, key=key, hint=did_you_mean(key, names))


def _packs_answered(pack: Pack, answers: Mapping[str, Any]) -> list[LoadedPack]:
    """The other shipped packs that have a question for every key of ``answers``."""
    from scoring.packs.catalog import shipped_packs
    keys = [header_key(str(k)) for k in answers]
    return [loaded for pack_id, loaded in sorted(shipped_packs().items()) if pack_id != pack.id
            and all(k in RecordValidator(loaded.pack).columns for k in keys)]


def _by_input(validator: RecordValidator, answers: Mapping[str, Any], source: str, lang: str) -> dict[str, Any]:
    """Answers keyed by input name; a key that names no input is an error (a typo would
    otherwise leave the question unanswered)."""
    names = [i.name for i in validator.pack.inputs]
    given: dict[str, Any] = {}
    for key, value in answers.items():
        field = validator.columns.get(header_key(str(key)))
        if field == "id":
            continue
        if field is None:
            raise AnswerError(source, str(key), _unknown_key(validator.pack, answers, str(key), names, lang))
        name = validator.fields[field]
        if name in given:
            raise AnswerError(source, str(key), t("q.twice", lang, name=name))
        given[name] = value
    return given
