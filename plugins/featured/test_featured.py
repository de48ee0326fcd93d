"""A post is featured only when its header says so, in any header form."""

import pytest

from .featured import is_featured


@pytest.mark.parametrize("written", [True, "true", "yes", "on", "True", " YES "])
def test_true_yes_and_on_feature_a_post(written):
    assert is_featured({"featured": written}) is True


@pytest.mark.parametrize("written", [False, "false", "no", "off", "No"])
def test_false_no_and_off_do_not_even_as_text(written):
    # `Featured: no` in a `Key: value` header arrives as the text "no", which
    # a template would take for true.
    assert is_featured({"featured": written}) is False


def test_a_post_without_the_field_is_not_featured():
    assert is_featured({"title": "Hips"}) is False
