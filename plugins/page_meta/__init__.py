from .page_meta import register

__all__ = ["register"]
