from .html_comments import register

__all__ = ["register"]
