from .series import register

__all__ = ["register"]
