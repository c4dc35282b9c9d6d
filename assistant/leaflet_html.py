"""Read a leaflet saved from a browser (HTML) into blocks, without the page's furniture.

Navigation, headers, footers, scripts and asides are removed first; the reading then keeps
to ``<main>`` or ``<article>`` when the page has one.
"""

from __future__ import annotations

import logging
import re

from bs4 import BeautifulSoup, NavigableString, Tag

from assistant.leaflet_parse import Block, Leaflet, check_text_size, clean, leaflet_from_headings

_LOGGER = logging.getLogger(__name__)

_DROP_TAGS = ("nav", "header", "footer", "aside", "script", "style", "noscript", "form",
              "button", "svg", "iframe", "template", "select", "dialog", "figure", "img")
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "dialog"}
_DROP_CLASS = re.compile(r"\b(breadcrumbs?|cookies?|share|sharing|social|skip-link|site-nav|"
                         r"menu|related|sidebar|newsletter|feedback)\b", re.IGNORECASE)
# Removed with a regular expression before parsing: a 5 MB page is mostly these, and
# html.parser is slow on them.
_BULK = re.compile(r"<(script|style|svg|noscript|template)\b.*?</\1\s*>|<!--.*?-->",
                   re.IGNORECASE | re.DOTALL)
_HEAD = re.compile(r"<head\b.*?</head\s*>", re.IGNORECASE | re.DOTALL)
_MAIN = re.compile(r"<main\b.*</main\s*>", re.IGNORECASE | re.DOTALL)
_LANG = re.compile(r"<html\b[^>]*?\blang=[\"']?([A-Za-z-]+)", re.IGNORECASE)
_FURNITURE = re.compile(r"<(nav|footer|aside)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = {"p", "ul", "ol", "li", "table", "div", "section", "article", "main", "details",
           "summary", "blockquote", "dl", "dt", "dd", "tr", "td", "th", "tbody", "thead",
           "pre", *_HEADINGS}
_TITLE_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+([^|\u2013\u2014]+)$")


def parse_html(html: str, name: str) -> Leaflet:
    """Read an HTML page into a ``Leaflet``."""
    html = _BULK.sub(" ", html)
    head = _HEAD.search(html)
    meta = _page_meta(BeautifulSoup(head.group(0) if head else "", "html.parser"))
    lang = _LANG.search(html[:5000])
    meta["language"] = lang.group(1) if lang else None
    main = _MAIN.search(html)
    # Parsing only <main> keeps a 5 MB page quick: html.parser is slow on big menus.
    region = main.group(0) if main else _FURNITURE.sub(" ", html)
    check_text_size(len(_TAG.sub("", region)), name)
    soup = BeautifulSoup(region, "html.parser")
    _strip_furniture(soup)
    root = soup.find("main") or soup.find("article") or soup.select_one('[role="main"]')
    if not isinstance(root, Tag):
        root = soup.body if isinstance(soup.body, Tag) else soup
    blocks: list[Block] = []
    _walk(root, blocks, 2)
    text = clean(root.get_text(" "))
    page_title = meta.pop("page_title")
    leaflet = leaflet_from_headings(blocks, name, text, **meta)
    if not leaflet.title and page_title:
        leaflet = Leaflet(page_title, leaflet.blocks, name, text, meta["language"],
                          meta["publisher"], meta["url"])
    return leaflet


def _meta_content(soup: BeautifulSoup, key: str, value: str) -> str | None:
    tag = soup.select_one(f'meta[{key}="{value}"]')
    content = tag.get("content") if isinstance(tag, Tag) else None
    return clean(str(content)) if content else None


def _page_meta(head: BeautifulSoup) -> dict[str, str | None]:
    """Publisher, address and <title> as the page's <head> declares them."""
    title_tag = head.find("title")
    page_title = clean(title_tag.get_text()) if isinstance(title_tag, Tag) else ""
    publisher = (_meta_content(head, "property", "og:site_name")
                 or _meta_content(head, "name", "publisher") or _meta_content(head, "name", "author"))
    suffix = _TITLE_SUFFIX.search(page_title)
    if suffix:
        publisher = publisher or suffix.group(1).strip()
        page_title = page_title[: suffix.start()].strip()
    canonical = head.find("link", rel="canonical")
    url = canonical.get("href") if isinstance(canonical, Tag) else None
    url = url or _meta_content(head, "property", "og:url")
    return {"publisher": publisher, "url": str(url) if url else None,
            "page_title": page_title or None}


def _strip_furniture(soup: BeautifulSoup) -> None:
    def is_furniture(tag: Tag) -> bool:
        if tag.name in _DROP_TAGS:
            return True
        role = str(tag.get("role") or "").lower()
        classes = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
        hidden = tag.get("hidden") is not None or tag.get("aria-hidden") == "true"
        return role in _DROP_ROLES or hidden or (tag.name != "main" and
                                                 bool(_DROP_CLASS.search(classes)))

    for tag in soup.find_all(is_furniture):
        tag.extract()  # harmless on a tag already inside an extracted one


def _walk(node: Tag, blocks: list[Block], level: int) -> None:
    """Append the blocks under ``node`` in reading order; loose inline text becomes paragraphs."""
    loose: list[str] = []

    def flush() -> None:
        text = clean(" ".join(loose))
        if text:
            blocks.append(Block("paragraph", text))
        loose.clear()

    for child in node.children:
        if isinstance(child, NavigableString):
            loose.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        if child.name not in _BLOCKS:
            loose.append(child.get_text(" "))
            continue
        flush()
        _block(child, blocks, level)
    flush()


def _block(tag: Tag, blocks: list[Block], level: int) -> None:
    name = tag.name
    if name in _HEADINGS or name == "summary":
        text = clean(tag.get_text(" "))
        if text:
            depth = int(name[1]) if name in _HEADINGS else 7
            blocks.append(Block("heading", text, level=depth))
    elif name == "p" or name == "pre" or name == "dt" or name == "dd":
        text = clean(tag.get_text(" "))
        if text:
            blocks.append(Block("paragraph", text))
    elif name in ("ul", "ol"):
        _list(tag, blocks, level)
    elif name == "tr":
        cells = [clean(c.get_text(" ")) for c in tag.find_all(("td", "th"))]
        cells = [c for c in cells if c]
        if cells:
            blocks.append(Block("paragraph", ": ".join(cells).rstrip(".") + "."))
    elif name == "details":
        _walk(tag, blocks, level)
        blocks.append(Block("end"))
    else:
        _walk(tag, blocks, level)


def _list(tag: Tag, blocks: list[Block], level: int) -> None:
    """A plain list becomes one list block; a list of headed items is walked as sections."""
    items = tag.find_all("li")
    if any(li.find(_HEADINGS) for li in items):
        for li in tag.find_all("li", recursive=False):
            _walk(li, blocks, level)
        blocks.append(Block("end"))
        return
    texts = []
    for li in tag.find_all("li", recursive=False):
        for nested in li.find_all(("ul", "ol")):
            nested.extract()
            texts.append(clean(li.get_text(" ")))
            texts.extend(clean(n.get_text(" ")) for n in nested.find_all("li"))
            break
        else:
            texts.append(clean(li.get_text(" ")))
    texts = [t for t in texts if t]
    if texts:
        blocks.append(Block("list", items=tuple(texts)))
