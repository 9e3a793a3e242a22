#!/usr/bin/python3
"""Parses each feed of a built site with feedparser, as a feed reader would.

Usage: feeds.py SITE_DIR BASE_URL FEED...   (FEED relative to SITE_DIR)
Prints one JSON object a line: {"feed", "version", "entries", "problems": [...]}.
A feed passes when feedparser reports no bozo error, it has entries, and every entry has a
title, an absolute link to a page of the site, an id (unique in the feed), a date and content.
"""
import json
import os
import sys

import feedparser


def page_exists(site, base, link):
    if not link.startswith(base):
        return False
    rel = link[len(base):].split("#")[0]
    path = os.path.join(site, rel)
    return os.path.isfile(os.path.join(path, "index.html")) if rel.endswith("/") or rel == "" else os.path.isfile(path)


def check(site, base, name):
    parsed = feedparser.parse(os.path.join(site, name))
    problems = []
    if parsed.bozo:
        problems.append(f"bozo: {parsed.bozo_exception!r}")
    if parsed.version not in ("atom10", "rss20"):
        problems.append(f"unexpected feed version {parsed.version!r}")
    feed = parsed.feed
    if not feed.get("title"):
        problems.append("the feed has no title")
    if not feed.get("link", "").startswith(base):
        problems.append(f"the feed's link {feed.get('link')!r} is not under {base}")
    if not (feed.get("updated_parsed") or feed.get("published_parsed")):
        problems.append("the feed has no date")
    if not parsed.entries:
        problems.append("no entries")
    ids = set()
    for i, e in enumerate(parsed.entries):
        at = f"entry {i} ({e.get('title', '?')[:40]})"
        if not e.get("title"):
            problems.append(f"{at}: no title")
        link = e.get("link", "")
        if not link:
            problems.append(f"{at}: no link")
        elif not page_exists(site, base, link):
            problems.append(f"{at}: link {link} is not a page of the site")
        eid = e.get("id")
        if not eid:
            problems.append(f"{at}: no id")
        elif eid in ids:
            problems.append(f"{at}: duplicate id {eid}")
        ids.add(eid)
        if not (e.get("published_parsed") or e.get("updated_parsed")):
            problems.append(f"{at}: no date")
        content = "".join(c.get("value", "") for c in e.get("content", [])) or e.get("summary", "")
        if not content.strip():
            problems.append(f"{at}: no content")
    return {"feed": name, "version": parsed.version, "entries": len(parsed.entries), "problems": problems}


def main():
    site, base, feeds = sys.argv[1], sys.argv[2], sys.argv[3:]
    for name in feeds:
        print(json.dumps(check(site, base, name), ensure_ascii=False))


if __name__ == "__main__":
    main()
