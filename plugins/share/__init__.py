from .share import register

__all__ = ["register"]
