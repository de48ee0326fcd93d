from .figures import register

__all__ = ["register"]
