"""The clock: the local time zone by default, fixed in tests (every screen and rule asks it)."""

from __future__ import annotations

import pendulum
from pendulum import Date, DateTime
from pendulum.tz.timezone import Timezone


class Clock:
    """Wall-clock time in a time zone (the user's local zone unless told otherwise)."""

    def __init__(self, tz: str | None = None) -> None:
        zone = Timezone(tz) if tz else pendulum.local_timezone()  # type: ignore[operator, unused-ignore]
        self.tz: Timezone = zone if isinstance(zone, Timezone) else Timezone("UTC")

    def now(self) -> DateTime:
        return pendulum.now(self.tz)

    def today(self) -> Date:
        return self.now().date()


class FixedClock(Clock):
    """A clock that always reads the same moment (tests, snapshots, demos)."""

    def __init__(self, moment: DateTime | str, tz: str | None = None) -> None:
        super().__init__(tz)
        parsed = pendulum.parse(moment, tz=self.tz) if isinstance(moment, str) else moment
        assert isinstance(parsed, DateTime)
        self.moment = parsed.in_timezone(self.tz)

    def now(self) -> DateTime:
        return self.moment
