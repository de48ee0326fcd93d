"""Related posts: under each post, the others that share most of its tags,
exactly as pelican-related-posts (PyPI) lists them, found without counting
every post's tags against every other post's.

What pelican-related-posts 1.0.0 does, and so this does too:
- a post with a `related_posts:` field (slugs, comma-separated) gets those
  published posts, in the order written, at most RELATED_POSTS_MAX of each;
- a post with tags gets the posts that share at least one, most shared
  tags first; between posts sharing as many, the one met first going through
  the post's tags in order and each tag's posts in Pelican's order (Counter's
  most_common keeps that order for a tie); itself left out; at most
  RELATED_POSTS_MAX; with RELATED_POSTS_SKIP_SAME_CATEGORY, posts of its own
  category left out;
- drafts get their related posts as published posts do, and a tag only
  drafts carry becomes a (empty) key of the tag index all the same.

Why not the package: it counts, for each post, every post of each of its
tags, so the work grows with the square of the number of posts (0.06 s at
1,000 posts, 1.5 s at 5,000). Posts with the same tags have the same
candidates: here the counting is done once per set of tags, and the order
among posts sharing as many tags is read from the tags' lists only as far
as the list needs. test_related.py checks the lists are the package's.

Settings read (defaults): RELATED_POSTS_MAX (5), RELATED_POSTS_SKIP_SAME_CATEGORY
(False). Signals: article_generator_finalized (every post read: relate them).
"""

from collections import Counter, defaultdict
from itertools import chain

from pelican import signals

SMALL_LEVEL = 64  # posts sharing as many tags: sorted when this few, else read in order


class TagRanking:
    """The posts sharing a post's tags, ranked as Counter.most_common ranks
    them, for every post of one build; counts remembered per set of tags."""

    def __init__(self, tags, skip_category):
        self.tags = tags  # Pelican's {tag: [post, ...]} (a defaultdict)
        self.skip_category = skip_category
        self.levels = {}  # {(tag multiset, category): (Counter, {count: [post, ...]})}
        self.positions = {}  # {tag: {post: its first place in the tag's list}}

    def related(self, article, most):
        """Counter(posts of each tag in turn), without `article`, most_common(most)."""
        lists = [self.tags[tag] for tag in article.tags]  # indexed as the package does
        category = article.category if self.skip_category else None
        wanted = None if most is None else max(most + 1, 0)  # one more: it may be itself
        ranked = [post for post in self.ranking(article.tags, lists, category, wanted)
                  if post is not article]
        return ranked if most is None else ranked[:max(most, 0)]

    def ranking(self, tags, lists, category, wanted):
        """The first `wanted` (None: all) posts of Counter(lists).most_common()."""
        counts, levels = self.counted(tags, lists, category)
        ranked = []
        for count in sorted(levels, reverse=True):
            room = None if wanted is None else wanted - len(ranked)
            if room is not None and room <= 0:
                break
            members = levels[count]
            if room is None or len(members) <= max(room, SMALL_LEVEL):
                ranked += sorted(members, key=lambda post: self.first_place(post, tags))[:room]
            else:  # the first few of many (most often: posts sharing one tag)
                ranked += first_met(lists, counts, count, room)
        return ranked

    def counted(self, tags, lists, category):
        """(Counter of the posts, {count: [post, ...]}), once per set of tags
        (counts do not depend on the tags' order; which post comes first does)."""
        key = (frozenset(Counter(tags).items()), category)
        if key not in self.levels:
            posts = chain(*lists)
            if self.skip_category:
                posts = (post for post in posts if post.category != category)
            counts, levels = Counter(posts), defaultdict(list)
            for post, count in counts.items():
                levels[count].append(post)
            self.levels[key] = counts, levels
        return self.levels[key]

    def first_place(self, post, tags):
        """Where Counter first met `post`: the first tag listing it, and its place there."""
        for number, tag in enumerate(tags):
            place = self.places(tag).get(post)
            if place is not None:
                return number, place
        raise ValueError(post)

    def places(self, tag):
        if tag not in self.positions:
            places = {}
            for place, post in enumerate(self.tags[tag]):
                places.setdefault(post, place)
            self.positions[tag] = places
        return self.positions[tag]


def first_met(lists, counts, count, room):
    """The first `room` posts counted `count` times, in the order Counter met them."""
    found, seen = [], set()
    for post in chain(*lists):
        if post not in seen:
            seen.add(post)
            if counts.get(post) == count:
                found.append(post)
                if len(found) == room:
                    break
    return found


def forced_related(article, articles, most):
    """The package's `related_posts:` field: each slug's published post(s)."""
    posts = []
    for slug in article.related_posts.split(","):
        slug, taken = slug.strip(), 0
        for other in articles:
            if taken >= most:
                break
            if other.slug == slug:
                posts.append(other)
                taken += 1
    return posts


def add_related_posts(generator):
    most = generator.settings.get("RELATED_POSTS_MAX", 5)
    ranking = TagRanking(generator.tags,
                         generator.settings.get("RELATED_POSTS_SKIP_SAME_CATEGORY", False))
    for article in chain(generator.articles, generator.drafts):
        if hasattr(article, "related_posts"):
            article.related_posts = forced_related(article, generator.articles, most)
        elif hasattr(article, "tags"):
            article.related_posts = ranking.related(article, most)


def register():
    signals.article_generator_finalized.connect(add_related_posts)
