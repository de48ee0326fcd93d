from .root_links import register

__all__ = ["register"]
