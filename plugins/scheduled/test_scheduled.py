"""When a post counts as scheduled, without building a site."""

import datetime
from zoneinfo import ZoneInfo

from .scheduled import is_scheduled, moment

UTC = datetime.UTC
LONDON = ZoneInfo("Europe/London")


def test_now_is_the_real_time_unless_set():
    before = datetime.datetime.now(UTC)
    assert before <= moment(None) <= datetime.datetime.now(UTC)
    assert moment("2026-11-27T09:00+01:00") == datetime.datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
    assert moment("2026-11-27 09:00") == datetime.datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def test_a_post_goes_live_on_the_morning_of_its_day():
    post = datetime.datetime(2026, 12, 2, 18, 0, tzinfo=LONDON)
    assert is_scheduled(post, moment("2026-12-01T23:59Z"), LONDON)
    assert not is_scheduled(post, moment("2026-12-02T05:00Z"), LONDON)
    assert not is_scheduled(post, moment("2027-01-01T00:00Z"), LONDON)


def test_the_day_is_the_site_s_own():
    """At 23:30 UTC on 31 May it is already 1 June in London (summer time)."""
    post = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=LONDON)
    now = moment("2026-05-31T23:30Z")
    assert not is_scheduled(post, now, LONDON)
    assert is_scheduled(post, now, UTC)


def test_a_date_without_a_zone_is_taken_as_utc():
    post = datetime.datetime(2026, 11, 27, 9, 0)
    assert is_scheduled(post, moment("2026-11-26T23:59Z"), UTC)
    assert not is_scheduled(post, moment("2026-11-27T00:00Z"), UTC)
