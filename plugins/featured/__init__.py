from .featured import register

__all__ = ["register"]
