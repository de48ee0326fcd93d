"""Scheduled posts: a post dated in the future is not live until its date.

Adds: before Pelican files the posts into categories, tags, feeds and lists,
every published post dated after today (in the site's TIMEZONE) becomes a
draft with `scheduled` set (True), so it is in no list, feed, sitemap,
search index or Videos page, and no tag page is written for a tag that
only drafts have.
The development preview writes it under drafts/ with a "Scheduled for DATE"
notice; the production build writes no drafts at all (publishconf.py). The
Pages workflow runs once a day, so the post goes live on its day.

Pelican's own WITH_FUTURE_DATES does the same with the real clock at read
time, inside the content cache; here "now" can be set, so a test (or a
preview of next week) can build the site as it will be.

Settings read (defaults): TIMEZONE (UTC; whose day counts), SCHEDULE_NOW
(None: the real time; else the moment the build counts as now, in ISO 8601,
e.g. "2026-11-27T09:00+00:00").
Signals: initialized (read "now"), article_generator_pretaxonomy (move the
future posts to drafts, and back once due), all_generators_finalized (drop
tags only drafts have).
"""

import datetime
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.utils import order_content


def moment(value):
    """SCHEDULE_NOW as an aware datetime: the real time when unset; a moment
    without a zone is taken as UTC."""
    if not value:
        return datetime.datetime.now(datetime.UTC)
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)


def is_scheduled(post_date, now, zone):
    """A post is scheduled while its day, in the site's time zone, is after
    today: the Pages workflow publishes once a day, early in the morning, so a
    post goes live on the morning of its date (a time in its Date: line only
    orders the posts of one day). A date without a zone is taken as UTC."""
    if post_date.tzinfo is None:
        post_date = post_date.replace(tzinfo=datetime.UTC)
    return post_date.astimezone(zone).date() > now.astimezone(zone).date()


class Schedule:
    """The build's "now", read when a build starts, and the signal handler
    that holds back the posts dated after it; register() makes one for each
    build (a warm preview builds many times, each with its own "now")."""

    def __init__(self):
        self.now = None
        self.zone = datetime.UTC

    def start_build(self, pelican):
        self.now = moment(pelican.settings.get("SCHEDULE_NOW"))
        self.zone = ZoneInfo(pelican.settings.get("TIMEZONE") or "UTC")

    def hold_back_future_posts(self, generator):
        future = [post for post in generator.articles
                  if is_scheduled(post.date, self.now, self.zone)]
        for post in future:
            post.status = "draft"  # its address becomes DRAFT_URL's
            post.scheduled = True
        # A post held back by an earlier build and kept so by the content
        # cache goes live once its date has come.
        due = [post for post in generator.drafts if getattr(post, "scheduled", False)
               and not is_scheduled(post.date, self.now, self.zone)]
        for post in due:
            post.status = "published"
            post.scheduled = False
        order = generator.settings["ARTICLE_ORDER_BY"]
        generator.articles = order_content(
            [post for post in generator.articles if post not in future] + due, order)
        generator.drafts = order_content(
            [post for post in generator.drafts if post not in due] + future, order)

    def drop_tags_of_drafts_alone(self, generators):
        """pelican-related-posts looks up drafts' tags in Pelican's tag
        dictionary, which adds the ones no published post has, empty: Pelican
        would write a page for each, naming a post that is not live yet."""
        for generator in generators:
            tags = getattr(generator, "tags", None)
            if isinstance(tags, dict):
                for tag in [tag for tag, posts in tags.items() if not posts]:
                    del tags[tag]


def register():
    """A new Schedule for each build."""
    schedule = Schedule()
    signals.initialized.connect(schedule.start_build, weak=False)
    signals.article_generator_pretaxonomy.connect(schedule.hold_back_future_posts,
                                                  weak=False)
    signals.all_generators_finalized.connect(schedule.drop_tags_of_drafts_alone, weak=False)
