"""Redraw the theme's default share picture: .venv/bin/python -m plugins.share_images"""

from .share_images import draw_default_share_image

draw_default_share_image("theme/static/images/share.png")
print("Drew theme/static/images/share.png")
