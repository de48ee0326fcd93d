from .post_body import register

__all__ = ["register"]
