from .reading_aids import register

__all__ = ["register"]
