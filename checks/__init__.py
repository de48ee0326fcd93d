"""Checks run over a built site by `./dev check`, `./dev publish` and the tests."""
