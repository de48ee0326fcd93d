from .videos import register

__all__ = ["register"]
