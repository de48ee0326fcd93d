from .admin import register

__all__ = ["register"]
