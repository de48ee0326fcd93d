from .scheduled import register

__all__ = ["register"]
