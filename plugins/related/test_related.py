"""The related posts are exactly pelican-related-posts' (the package this
plugin stands in for), on synthetic sets of posts made to have many ties:
the same lists, in the same order, for every setting it reads."""

import copy
import random
from collections import defaultdict
from types import SimpleNamespace

import pytest
from pelican.plugins.related_posts import related_posts as package

from . import related

TAGS = [f"tag-{number}" for number in range(9)]
CATEGORIES = ["Running", "Pilates", "Yoga"]


class Post:
    """A post as both plugins read it: compared by identity, as Pelican's are."""

    def __init__(self, number, rng, tags):
        self.slug = f"post-{number}"
        self.category = rng.choice(CATEGORIES)
        if tags is not None:
            self.tags = tags
        if rng.random() < 0.03:
            self.related_posts = f"post-{rng.randrange(50)}, post-{rng.randrange(50)}"


def tags_of(rng):
    roll = rng.random()
    if roll < 0.05:
        return None  # no Tags: field at all
    if roll < 0.08:
        return []
    tags = rng.sample(TAGS, rng.randint(1, 4))
    if roll < 0.10:
        tags.append(tags[0])  # a tag written twice
    return tags


def generator(seed, size, settings):
    """An articles generator after reading: posts, drafts, and the tag index
    as Pelican builds it (posts of each tag in the order read)."""
    rng = random.Random(seed)
    posts = [Post(number, rng, tags_of(rng)) for number in range(size)]
    articles, drafts = posts[: size * 9 // 10], posts[size * 9 // 10:]
    tags = defaultdict(list)
    for post in articles:
        for tag in getattr(post, "tags", None) or []:
            tags[tag].append(post)
    drafts.append(Post(size, rng, ["only-in-a-draft"]))
    return SimpleNamespace(articles=articles, drafts=drafts, tags=tags, settings=settings)


def related_lists(add_related_posts, site):
    add_related_posts(site)
    return ({post.slug: [other.slug for other in post.related_posts]
             for post in site.articles + site.drafts if hasattr(post, "related_posts")},
            list(site.tags))  # the tag index, with any key the plugin added


@pytest.mark.parametrize("settings", [
    {}, {"RELATED_POSTS_MAX": 3}, {"RELATED_POSTS_MAX": 1}, {"RELATED_POSTS_MAX": 0},
    {"RELATED_POSTS_MAX": 40},
    {"RELATED_POSTS_MAX": 3, "RELATED_POSTS_SKIP_SAME_CATEGORY": True},
])
@pytest.mark.parametrize("seed, size", [(1, 30), (2, 300), (3, 1500)])
def test_the_related_posts_are_the_packages(seed, size, settings):
    site = generator(seed, size, settings)
    theirs = related_lists(package.add_related_posts, copy.deepcopy(site))
    ours = related_lists(related.add_related_posts, site)
    assert ours == theirs
    assert any(len(lists) > 1 for lists in theirs[0].values()) or settings.get(
        "RELATED_POSTS_MAX") in (0, 1)
