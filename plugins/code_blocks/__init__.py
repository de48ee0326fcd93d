from .code_blocks import register

__all__ = ["register"]
