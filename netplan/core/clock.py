"""The clock: the local time zone by default, fixed in tests (every screen and rule asks it)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pendulum import Date, DateTime
    from pendulum.tz.timezone import Timezone


class Clock:
    """Wall-clock time in a time zone (the user's local zone unless told otherwise).

    pendulum is imported when the clock is first read, not when it is made: the planner makes its
    store (and so its clock) before its first frame, and importing pendulum takes ~50 ms (issue 9).
    """

    def __init__(self, tz: str | None = None) -> None:
        self._zone_name = tz

    @cached_property
    def tz(self) -> Timezone:
        import pendulum
        from pendulum.tz.timezone import Timezone

        zone = Timezone(self._zone_name) if self._zone_name else pendulum.local_timezone()  # type: ignore[operator, unused-ignore]
        return zone if isinstance(zone, Timezone) else Timezone("UTC")

    def now(self) -> DateTime:
        import pendulum

        return pendulum.now(self.tz)

    def today(self) -> Date:
        return self.now().date()


class FixedClock(Clock):
    """A clock that always reads the same moment (tests, snapshots, demos)."""

    def __init__(self, moment: DateTime | str, tz: str | None = None) -> None:
        import pendulum

        super().__init__(tz)
        parsed = pendulum.parse(moment, tz=self.tz) if isinstance(moment, str) else moment
        assert isinstance(parsed, pendulum.DateTime)
        self.moment = parsed.in_timezone(self.tz)

    def now(self) -> DateTime:
        return self.moment
