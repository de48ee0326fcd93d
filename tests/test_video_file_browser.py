"""In real Chromium: a video file of the coach's own, shown in a post as
`![Title](images/drill.webm)`, plays in the browser's own player under the
site's Content-Security-Policy, fetched from the site itself."""

import base64
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from plugins.content_checks import content_checks
from plugins.images import images
from plugins.in_process import build_in_process
from plugins.inline_css import inline_css
from plugins.post_body import post_body

# A second of a canvas, recorded by Chromium itself as WebM (no ffmpeg here).
RECORD_WEBM = """async () => {
  const canvas = Object.assign(document.createElement('canvas'), {width: 64, height: 48});
  document.body.append(canvas);
  const paint = canvas.getContext('2d');
  const recorder = new MediaRecorder(canvas.captureStream(10), {mimeType: 'video/webm'});
  const chunks = [];
  recorder.ondataavailable = event => chunks.push(event.data);
  const stopped = new Promise(resolve => recorder.onstop = resolve);
  recorder.start();
  for (let frame = 0; frame < 8; frame++) {
    paint.fillStyle = frame % 2 ? 'teal' : 'orange';
    paint.fillRect(0, 0, 64, 48);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  recorder.stop();
  await stopped;
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  return btoa(Array.from(bytes, byte => String.fromCharCode(byte)).join(''));
}"""


@pytest.fixture
def site_with_a_video_file(browser_page, tmp_path):
    browser_page.goto("about:blank")
    webm = base64.b64decode(browser_page.evaluate(RECORD_WEBM))
    content = tmp_path / "content"
    for folder in ("articles", "pages", "images"):
        (content / folder).mkdir(parents=True)
    (content / "images" / "drill.webm").write_bytes(webm)
    (content / "pages" / "about.md").write_text(
        "Title: About\nOrder: 1\nSummary: Who.\n\nA coach.\n", encoding="utf-8")
    (content / "articles" / "drill.md").write_text(
        "Title: The drill\nDate: 2026-11-02\nCategory: Running\nSummary: A drill.\n\n"
        "Watch it first:\n\n![The glute bridge drill](images/drill.webm)\n", encoding="utf-8")
    build_in_process(content, tmp_path / "output",
                     [post_body, content_checks, images, inline_css, "page_meta"],
                     IMAGE_CACHE_PATH=str(tmp_path / "cache"))
    return tmp_path / "output"


def test_a_video_file_plays_from_the_site_under_its_security_policy(
        browser_page, serve, site_with_a_video_file):
    address = serve(site_with_a_video_file)
    requests = []
    browser_page.on("request", lambda request: requests.append(request.url))
    browser_page.goto(f"{address}/the-drill/")
    policy = browser_page.locator('meta[http-equiv="Content-Security-Policy"]')
    expect(policy).to_have_attribute("content", re.compile(r"default-src 'self'"))
    video = browser_page.get_by_label("The glute bridge drill")
    expect(video).to_have_js_property("controls", True)
    # Its first frame decoded: the browser fetched and played the site's own file.
    expect(video).to_have_js_property("videoWidth", 64)
    assert any(url.endswith("/images/drill.webm") for url in requests)
    assert {urlsplit(url).netloc for url in requests} == {urlsplit(address).netloc}
    assert browser_page.errors == []  # no "Refused to load media" from the policy
