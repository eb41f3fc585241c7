"""Stored XSS, seen by a real browser: hostile text put in every field a user or an upload controls (article text,
title, outlet, author, reviewer note, evidence note and link), then Chromium opens every page that shows them. No
dialog may open and no element built from the payloads (script, inline handler, javascript: link, iframe, htmx
attribute) may exist in the DOM; the payloads must still be on the page, as text."""

import pytest
from django.core.exceptions import ValidationError

from articles import ingest, services
from articles.models import Claim
from tests.browser import conftest as browser_fixtures
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The browser tests' own Chromium and log-in through the real form.
browser = browser_fixtures.browser
log_in = browser_fixtures.log_in

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "</textarea><script>alert(1)</script>",
    "{{ request.user.password }} {% debug %}",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)">read more</a>',
    '<div hx-get="/api/claims/?xss=1" hx-trigger="load">x</div>',
    "'-alert(1)-'</script><script>alert(1)//",
    "<style>@import 'javascript:alert(1)'</style><body onload=alert(1)>",
]
TEMPLATE_LOOKING = "{{ request.user.password }}"

# Every sentence carries a number, so the claim engine makes claims of them and the payloads reach claim fields too.
PASTED_TEXT = "\n\n".join(
    f"Orbit Labs raised ${10 + number} million in 2025 {payload} the company said on Monday."
    for number, payload in enumerate(PAYLOADS)
)

HTML_UPLOAD = b"""<!doctype html><html><head>
<title>&lt;img src=x onerror=alert(1)&gt; Kestrel Air results</title>
<meta name="author" content='"&gt;&lt;svg onload=alert(1)&gt;'>
<meta property="og:site_name" content="&lt;script&gt;alert(1)&lt;/script&gt;">
<link rel="canonical" href="javascript:alert(1)">
<script>alert("a real script element")</script>
</head><body onload="alert(1)">
<p>Kestrel Air carried 4.2 million passengers in 2025 &lt;script&gt;alert(1)&lt;/script&gt; the airline said.</p>
<p>Its fleet grew to 31 aircraft &lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt; by December.</p>
<img src=x onerror="alert(1)"><a href="javascript:alert(1)">more</a>
<iframe srcdoc="<script>alert(1)</script>"></iframe>
</body></html>"""

# Everything in the DOM that a payload could have become if it had been parsed as markup.
FIND_INJECTED = """() => {
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (tag === 'script' && (element.textContent.includes('alert(') ||
        (element.src && new URL(element.src).origin !== location.origin))) {
      found.push('script: ' + (element.src || element.textContent.slice(0, 80)));
    }
    if (tag === 'iframe' || tag === 'object' || tag === 'embed') found.push(tag);
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.toLowerCase();
      if (name.startsWith('on') && value.includes('alert')) found.push(`${tag} ${name}="${value}"`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) &&
          value.replace(/\\s/g, '').startsWith('javascript:')) found.push(`${tag} ${name}="${value}"`);
      if (name === 'srcdoc' || (name.startsWith('hx-') && value.includes('xss'))) found.push(`${tag} ${name}`);
    }
  }
  return found;
}"""


@pytest.fixture
def hostile_desk(transactional_db):
    """Articles, a claim note and evidence full of payloads, all written through the services."""
    editor, reviewer = make_user("editor"), make_user("reviewer")
    make_user("superuser")
    pasted = services.articles_upload(
        uploaded_by=editor,
        text=PASTED_TEXT,
        metadata={"title": PAYLOADS[1], "outlet": PAYLOADS[2], "author": PAYLOADS[4]},
    )[0].article
    uploaded = services.articles_upload(uploaded_by=editor, files=[("hostile.html", HTML_UPLOAD)])[0].article
    for article in (pasted, uploaded):
        services.article_split(article_id=article.pk)
    claim = Claim.objects.filter(article=pasted).order_by("position").first()
    assert claim is not None and Claim.objects.filter(article=uploaded).exists()
    services.claim_review(claim_id=claim.pk, actor=reviewer, status=Claim.Status.DISPUTED, note=PAYLOADS[4])
    services.evidence_add(
        claim_id=claim.pk,
        actor=reviewer,
        # A real web address may carry markup characters in its query; it must render as text and as a safe href.
        url='https://example.org/report?q="><script>alert(1)</script>',
        note=PAYLOADS[0] + " " + PAYLOADS[6],
    )
    return {"pasted": pasted, "uploaded": uploaded, "claim": claim, "reviewer": reviewer}


def test_upload_html_keeps_payloads_as_text_and_drops_script_and_javascript_links(hostile_desk):
    uploaded = hostile_desk["uploaded"]
    # The decoded entity text stays (it is what the page said), the markup itself and the javascript: URL do not.
    assert "<script>alert(1)</script>" in uploaded.text
    assert "a real script element" not in uploaded.text
    assert uploaded.title.startswith("<img src=x onerror=alert(1)>")
    assert uploaded.url == ""


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)//https://x", "data:text/html,<b>"])
def test_evidence_link_that_is_not_a_web_address_is_refused(hostile_desk, url):
    claim = hostile_desk["claim"]
    with pytest.raises(ValidationError):
        services.evidence_add(claim_id=claim.pk, actor=hostile_desk["reviewer"], url=url, note="see link")
    assert not claim.evidence.filter(url=url).exists()


def test_article_url_that_is_not_a_web_address_is_refused(hostile_desk):
    with pytest.raises(ValidationError):
        services.articles_upload(
            uploaded_by=hostile_desk["pasted"].uploaded_by,
            text="Orbit Labs hired 40 people in 2025.",
            metadata={"url": "javascript:alert(1)"},
        )
    with pytest.raises(ingest.IngestError):
        ingest.document_from_text("Orbit Labs hired 40 people in 2025.", url="javascript:alert(1)")


def test_no_payload_runs_or_becomes_markup_on_any_page_the_desk_and_staff_open(hostile_desk, log_in):
    pasted, uploaded, claim = hostile_desk["pasted"], hostile_desk["uploaded"], hostile_desk["claim"]
    # (path, text the page must show literally: proof the payload reached it and was rendered as text)
    pages = [
        ("/", PAYLOADS[1]),
        (f"/articles/{pasted.pk}/?claim={claim.pk}", "</textarea><script>alert(1)</script>"),
        (f"/articles/{uploaded.pk}/", "<script>alert(1)</script>"),
        (f"/claims/{claim.pk}/panel/", "<script>alert(1)</script>"),
        ("/queue/", "<img src=x onerror=alert(1)>"),
        ("/dashboard/", None),
        ("/admin/articles/article/", PAYLOADS[2]),
        (f"/admin/articles/article/{pasted.pk}/change/", TEMPLATE_LOOKING),
        ("/admin/articles/claim/", "<script>alert(1)</script>"),
        (f"/admin/articles/claim/{claim.pk}/change/", "</textarea><script>alert(1)</script>"),
        ("/admin/articles/claimevent/", None),
        ("/api/claims/", "<script>alert(1)</script>"),
        (f"/api/claims/{claim.pk}/", "</textarea><script>alert(1)</script>"),
        (f"/api/articles/{pasted.pk}/", TEMPLATE_LOOKING),
    ]
    page = log_in("superuser")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    requests_made: list[str] = []
    page.on("request", lambda request: requests_made.append(request.url))

    for path, shown in pages:
        response = page.goto(path, wait_until="load")
        assert response.status == 200, path
        # Let any handler a failed image or a loaded SVG would have scheduled run before looking.
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 50)))")
        assert page.evaluate(FIND_INJECTED) == [], path
        html = page.content()
        assert "pbkdf2_" not in html, f"{path} rendered template-looking text as a template"
        if shown is not None:
            assert shown in page.inner_text("body"), f"{path} does not show the payload as text"

    # The API's browsable page is HTML for a browser (not the JSON an API client gets) and escapes it too.
    assert "text/html" in page.request.get("/api/claims/", headers={"Accept": "text/html"}).headers["content-type"]
    assert dialogs == []
    assert not [url for url in requests_made if "xss=1" in url or url.startswith("javascript:")]
