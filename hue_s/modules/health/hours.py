"""OSM `opening_hours`: the common forms read, 'open now' told only when it is certain.

Read: `24/7`; rules split by `;`, each an optional day selector (`Mo-Fr`, `Mo,We`, `Su,PH`)
followed by time ranges (`07:00-11:30,13:30-17:00`; an end past midnight such as `22:00-02:00`
or `18:00-26:00` runs into the next morning) or `off`/`closed`; a rule without days is every
day. A later rule replaces earlier ones on the days it names (OSM's meaning). Public holidays
(`PH`) are not known here: when the answer would change on a holiday, none is given. Any other
form (months, `sunrise`, comments, `||` fallbacks...) is not guessed at: no answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from hue_s.hue_time import HUE_TIME

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
HOLIDAY = "PH"
_RANGE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
_DAY_ITEM = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su|PH)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$")
_SELECTOR = re.compile(r"^(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)[A-Za-z,\-]*$")


class UnreadableHours(ValueError):
    """The text is not one of the forms read here."""


@dataclass(frozen=True)
class Rule:
    """Days (0 = Monday; 7 = public holiday) and their open minutes ranges (end may pass 1440)."""

    days: frozenset[int]
    ranges: tuple[tuple[int, int], ...]


def _days(selector: str) -> frozenset[int]:
    found: set[int] = set()
    for item in selector.split(","):
        matched = _DAY_ITEM.match(item)
        if matched is None:
            raise UnreadableHours(selector)
        first, last = matched.groups()
        if first == HOLIDAY:
            found.add(7)
            continue
        start = DAYS.index(first)
        end = DAYS.index(last) if last else start
        span = (end - start) % 7
        found.update((start + step) % 7 for step in range(span + 1))
    return frozenset(found)


def _ranges(text: str) -> tuple[tuple[int, int], ...]:
    if text in ("off", "closed"):
        return ()
    ranges = []
    for part in text.split(","):
        matched = _RANGE.match(part.strip())
        if matched is None:
            raise UnreadableHours(text)
        h1, m1, h2, m2 = (int(group) for group in matched.groups())
        if h1 > 24 or h2 > 48 or m1 > 59 or m2 > 59:
            raise UnreadableHours(text)
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end <= start:  # 22:00-02:00: into the next morning
            end += 24 * 60
        ranges.append((start, end))
    return tuple(ranges)


def parse(text: str) -> tuple[Rule, ...]:
    """Return the rules of an `opening_hours` value; raise UnreadableHours for other forms."""
    value = text.strip()
    if value == "24/7":
        return (Rule(frozenset(range(8)), ((0, 24 * 60),)),)
    if not value or "||" in value or '"' in value:
        raise UnreadableHours(text)
    rules = []
    for part in value.split(";"):
        words = part.strip().split(None, 1)
        if not words:
            continue
        if _SELECTOR.match(words[0]):
            days, rest = _days(words[0]), words[1] if len(words) > 1 else ""
        else:
            days, rest = frozenset(range(8)), part.strip()
        if not rest:
            raise UnreadableHours(text)
        rules.append(Rule(days, _ranges(rest.replace(" ", ""))))
    return tuple(rules)


def _day_rule(rules: tuple[Rule, ...], weekday: int, holiday: bool) -> Rule | None:
    chosen = None
    for rule in rules:
        if weekday in rule.days or (holiday and 7 in rule.days):
            chosen = rule
    return chosen


def _open(rules: tuple[Rule, ...], moment: datetime, holiday: bool) -> bool:
    minute = moment.hour * 60 + moment.minute
    today = _day_rule(rules, moment.weekday(), holiday)
    if today is not None and any(start <= minute < end for start, end in today.ranges):
        return True
    if today is not None and not today.ranges:
        return False  # an explicit 'off' also ends last night's hours
    yesterday = _day_rule(rules, (moment - timedelta(days=1)).weekday(), False)
    return yesterday is not None and any(
        start <= minute + 24 * 60 < end for start, end in yesterday.ranges
    )


def open_now(text: str | None, at: datetime) -> bool | None:
    """Say whether a place is open at `at` (aware); None when the hours are missing, unread,
    or hang on whether the day is a public holiday."""
    if not text:
        return None
    try:
        rules = parse(text)
    except UnreadableHours:
        return None
    moment = at.astimezone(HUE_TIME)
    if not any(7 in rule.days for rule in rules) or text.strip() == "24/7":
        return _open(rules, moment, holiday=False)
    on_workday, on_holiday = _open(rules, moment, False), _open(rules, moment, True)
    return on_workday if on_workday == on_holiday else None
