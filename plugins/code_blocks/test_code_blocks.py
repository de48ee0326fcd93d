"""Code blocks as the code_blocks plugin renders them, without building a site."""

import markdown
from bs4 import BeautifulSoup

from .code_blocks import CodeBlocksExtension

CODE = """Some `inline` code.

```python
def stretch(seconds=30):
    return "hold" * seconds
```

<pre tabindex="-1">as written</pre>
"""


def test_a_code_block_can_be_focused_to_scroll_it_with_the_keyboard():
    html = markdown.markdown(CODE, extensions=[
        "markdown.extensions.extra", "markdown.extensions.codehilite", CodeBlocksExtension()])
    page = BeautifulSoup(html, "html.parser")
    blocks = page.select("pre")
    assert [pre.get("tabindex") for pre in blocks] == ["0", "-1"]
    assert blocks[0].find("span", class_="k") and "stretch" in blocks[0].get_text()  # coloured
    assert page.select_one("p > code").get("tabindex") is None
