#!/usr/bin/env python3
"""Writes a deterministic benchmark corpus: the same briefings as a Brief site and a Hugo site.

    bench/gen_corpus.py N OUT

OUT/brief/   a Brief site: content/site.yaml, briefings (N, over 52 weeks), guides, pages,
             weekly notes, data files, the feed archive (20 items a day) and sources.yaml
OUT/hugo/    a Hugo site with the same briefing files and bench/hugo/ (config and layouts)
OUT/bodies/  the Markdown bodies alone, two folders (one per core) for the floor measurement

The same N always gives the same bytes (a seeded generator, no clock, no hash randomisation).
"""

import json
import os
import random
import shutil
import sys
from datetime import datetime, timedelta, timezone

TZ = timezone(timedelta(hours=8))  # the site's time zone, Asia/Shanghai (no DST)
# 52 ISO weeks: Monday 2025-11-24 (2025-W48) to Sunday 2026-11-22 (2026-W47).
START = datetime(2025, 11, 24, tzinfo=TZ)
DAYS = 52 * 7
ITEMS_PER_DAY = 20

TOPICS = [
    "export controls", "hbm", "ascend", "cann", "kunlun", "cambricon", "hygon", "fp8",
    "mixture of experts", "inference", "training", "compute clusters", "data centres",
    "power", "liquid cooling", "advanced packaging", "chiplets", "smic", "7nm", "5nm",
    "lithography", "licensing", "cloud pricing", "model releases", "open weights",
    "benchmarks", "compilers", "operators", "interconnect", "optical modules", "rdma",
    "scheduling", "quantisation", "distillation", "long context", "agents", "edge ai",
    "autonomous driving", "robotics", "standards",
]
ENTITIES = [
    "Huawei", "Alibaba Cloud", "Tencent", "Baidu", "ByteDance", "DeepSeek", "Moonshot AI",
    "Zhipu AI", "MiniMax", "StepFun", "iFlytek", "SenseTime", "Cambricon", "Hygon",
    "Kunlunxin", "Moore Threads", "MetaX", "Biren", "Enflame", "Iluvatar CoreX", "SMIC",
    "Hua Hong", "CXMT", "YMTC", "Nvidia", "AMD", "Intel", "TSMC", "Samsung", "SK hynix",
    "Micron", "ASML", "Tokyo Electron", "Applied Materials", "Lam Research",
    "Bureau of Industry and Security", "MIIT", "NDRC", "CAC", "MOFCOM", "China Mobile",
    "China Telecom", "China Unicom", "Inspur", "Sugon", "Lenovo", "xFusion", "H3C",
    "Zhongji Innolight", "Eoptolink", "Shanghai AI Lab", "BAAI", "Tsinghua University",
    "Peking University", "Zhejiang Lab", "Pengcheng Lab", "OpenAI", "Anthropic", "Google",
    "Meta",
]
LAYERS = ["silicon-roadmap", "cloud-packaging", "efficiency", "policy-export"]
KINDS = ["news", "news", "news", "analysis", "explainer"]
LIKELIHOOD = ["very-likely", "likely", "possible", "unlikely"]
HORIZON = ["weeks", "months", "years"]
PUBLISHERS = ["Company announcement", "Exchange filing", "Federal Register", "Model card",
              "Research paper", "Ministry notice", "Earnings call", "Standards body"]
SOURCES = [
    ("miit", "MIIT notices", "official", "zh"), ("bis", "BIS press releases", "official", "en"),
    ("xinhua", "Xinhua tech", "state-media", "zh"), ("huawei", "Huawei newsroom", "company", "en"),
    ("alibaba", "Alibaba Cloud blog", "company", "en"), ("arxiv", "arXiv cs.DC", "research", "en"),
    ("hf", "Hugging Face trending", "model-hub", "en"), ("modelscope", "ModelScope", "model-hub", "zh"),
    ("techmeme", "Techmeme", "aggregator", "en"), ("sse", "SSE STAR filings", "official", "zh"),
    ("cambricon", "Cambricon news", "company", "zh"), ("deepseek", "DeepSeek releases", "company", "en"),
]

NOUNS = ["accelerator", "cluster", "roadmap", "rule", "licence", "model", "checkpoint", "kernel",
         "compiler", "interconnect", "rack", "module", "wafer", "node", "package", "memory stack",
         "runtime", "driver", "benchmark", "filing", "tender", "data centre", "power budget",
         "supply chain", "yield", "price list", "instance type", "operator library"]
VERBS = ["ships", "delays", "doubles", "cuts", "publishes", "confirms", "tests", "ports",
         "expands", "narrows", "replaces", "prices", "opens", "restricts", "schedules", "qualifies"]
ADJS = ["domestic", "advanced", "open", "efficient", "large", "new", "regional", "low-precision",
        "liquid-cooled", "sovereign", "shared", "dense", "sparse", "public", "quarterly", "stable"]
WORDS = ("the a of to in for on with by from as at that this which while after before "
         "capacity demand supply price cost volume signal filing schedule release version "
         "throughput latency memory bandwidth power cooling yield tender contract order "
         "builder operator vendor buyer regulator ministry exchange cloud region rack").split()


def fnv1a64(data: bytes) -> str:
    h = 1469598103934665603
    for b in data:
        h ^= b
        h = (h * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def rfc3339(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def utc_z(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_week(dt: datetime) -> str:
    y, w, _ = dt.astimezone(TZ).isocalendar()
    return "%04d-W%02d" % (y, w)


def q(s: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(s, ensure_ascii=False)


class Prose:
    def __init__(self, rng: random.Random):
        self.r = rng

    def sentence(self, words=14) -> str:
        r = self.r
        n = max(6, words + r.randint(-4, 4))
        out = []
        for k in range(n):
            pick = r.random()
            if pick < 0.12:
                out.append(r.choice(NOUNS))
            elif pick < 0.2:
                out.append(r.choice(VERBS))
            elif pick < 0.28:
                out.append(r.choice(ADJS))
            else:
                out.append(r.choice(WORDS))
        out[0] = out[0].capitalize()
        return " ".join(out) + "."

    def rich_paragraph(self, sentences=5) -> str:
        r = self.r
        parts = []
        for k in range(sentences):
            s = self.sentence()
            roll = r.random()
            if roll < 0.25:
                w = r.choice(NOUNS)
                s = s.replace(" ", " **" + w + "** ", 1)
            elif roll < 0.45:
                w = r.choice(ADJS)
                s = s.replace(" ", " *" + w + "* ", 1)
            elif roll < 0.65:
                s += " ([%s](https://example.org/%s/%d))" % (r.choice(PUBLISHERS), r.choice(NOUNS).replace(" ", "-"), r.randint(1, 99999))
            elif roll < 0.7:
                s += " See `" + r.choice(NOUNS).replace(" ", "_") + "`."
            parts.append(s)
        return " ".join(parts)

    def words(self, lo, hi) -> str:
        return " ".join(self.r.choice(WORDS + NOUNS) for _ in range(self.r.randint(lo, hi)))


def body(p: Prose) -> str:
    """About 600 words: headings, paragraphs with emphasis and links, lists, a GFM table."""
    r = p.r
    out = ["## What happened", "", p.rich_paragraph(6), "", p.rich_paragraph(5), ""]
    out += ["The filing lists the following:", ""]
    for k in range(4):
        out.append("%d. %s" % (k + 1, p.sentence(10)))
    out += ["", "## Technical context", "", "*Editorial analysis: what this changes for builders.*", "",
            p.rich_paragraph(6), ""]
    out += ["| Part | Figure | Note |", "|---|---:|---|"]
    for k in range(4):
        out.append("| %s | %d %s | %s |" % (r.choice(NOUNS), r.randint(2, 900), r.choice(["GB", "TB/s", "W", "TFLOPS", "%"]), p.words(3, 7)))
    out += ["", p.rich_paragraph(5), "", "## Context and significance", "", p.rich_paragraph(6), ""]
    for k in range(3):
        out.append("- " + p.sentence(9))
    out += ["", "### What it does not say", "", p.rich_paragraph(4), ""]
    return "\n".join(out)


def yaml_list(key, items, indent=""):
    if not items:
        return []
    return [indent + key + ":"] + [indent + "  - " + q(x) for x in items]


def briefing(i: int, n: int, rng: random.Random, p: Prose, archive_ids):
    # Spread evenly over the 52 weeks, with a stable jitter of the hour.
    day = (i * DAYS) // n
    when = START + timedelta(days=day, hours=7 + rng.randint(0, 12), minutes=rng.choice([0, 15, 30, 45]))
    topics = rng.sample(TOPICS, rng.randint(2, 4))
    entities = rng.sample(ENTITIES, rng.randint(1, 3))
    kind = rng.choice(KINDS)
    layer = rng.choice(LAYERS)
    title = "%s %s %s %s" % (rng.choice(entities), rng.choice(VERBS), rng.choice(ADJS), rng.choice(NOUNS))
    slug = "%s-%05d" % (topics[0].replace(" ", "-"), i)
    lang = "en"
    lines = ["---", "title: " + q(title.capitalize() + " (" + str(i) + ")"), "date: " + rfc3339(when)]
    if rng.random() < 0.1:
        lines.append("updated: " + rfc3339(when + timedelta(days=rng.randint(1, 5))))
    lines += ["kind: " + kind, "summary: " + q(p.sentence(24))]
    if rng.random() < 0.1:
        lines.append("summary_generated: true")
    lines.append("topics: [" + ", ".join(q(t) for t in topics) + "]")
    lines.append("entities: [" + ", ".join(q(e) for e in entities) + "]")
    lines.append("layer: " + layer)
    lines += yaml_list("key_points", [p.sentence(14) for _ in range(rng.randint(3, 5))])
    lines += yaml_list("watch", [p.sentence(10) for _ in range(rng.randint(2, 3))])
    lines += yaml_list("open_questions", [p.sentence(10) + "?" for _ in range(rng.randint(0, 2))])
    lines.append("outlook:")
    for _ in range(rng.randint(1, 2)):
        lines += ["  - claim: " + q(p.sentence(12)), "    likelihood: " + rng.choice(LIKELIHOOD),
                  "    horizon: " + rng.choice(HORIZON)]
    lines += ["score: %d" % rng.randint(2, 9), "score_rationale: " + q(p.sentence(12))]
    lines.append("sources:")
    for k in range(rng.randint(2, 3)):
        lines += ["  - title: " + q(p.sentence(8)), "    publisher: " + q(rng.choice(PUBLISHERS)),
                  "    url: https://example.org/source/%d/%d" % (i, k), "    primary: " + ("true" if k == 0 else "false")]
    if rng.random() < 0.1 and archive_ids:
        lines.append("discovered_from: " + rng.choice(archive_ids))
    lines.append("signals:")
    for _ in range(rng.randint(1, 2)):
        lines += ["  - signal: " + q(p.sentence(8)), "    why: " + q(p.sentence(12)), "    where: " + q(p.sentence(6))]
    if rng.random() < 0.3:
        lines += ["tools:", "  - purpose: " + q(rng.choice(["Track filings", "Read rules", "Compare prices", "Run models"])),
                  "    name: " + q(rng.choice(NOUNS).title() + " tracker"), "    url: https://example.org/tool/%d" % i,
                  "    note: " + q(p.sentence(10))]
    lines.append("faq:")
    for _ in range(rng.randint(1, 2)):
        lines += ["  - q: " + q(p.sentence(8) + "?"), "    a: " + q(p.sentence(16))]
    lines += ["---", "", body(p)]
    return slug, when, "\n".join(lines) + "\n", lang


def weekly_note(week_start: datetime, p: Prose) -> str:
    lines = ["---", "title: " + q("Week " + iso_week(week_start) + ": " + p.words(3, 5))]
    lines += yaml_list("more_usable", [p.sentence(12) for _ in range(2)])
    lines += yaml_list("less_reliable", [p.sentence(12) for _ in range(2)])
    lines += ["---", "", p.rich_paragraph(5), "", p.rich_paragraph(4), ""]
    return "\n".join(lines)


def archive(rng: random.Random, p: Prose):
    """20 items a day over the 52 weeks, as brief fetch writes them: one file per ISO week."""
    weeks = {}
    for day in range(DAYS):
        for k in range(ITEMS_PER_DAY):
            src = SOURCES[(day * ITEMS_PER_DAY + k) % len(SOURCES)]
            published = START + timedelta(days=day, minutes=rng.randint(0, 24 * 60 - 1))
            guid = "https://%s.example/item/%d-%d" % (src[0], day, k)
            item = {
                "id": fnv1a64((src[0] + "\n" + guid).encode()),
                "source": src[0],
                "guid": guid,
                "url": guid,
                "canonical_url": guid,
                "title": p.sentence(10)[:-1],
                "published": utc_z(published),
                "updated": None,
                "fetched": utc_z(published + timedelta(minutes=30)),
                "author": "",
                "summary_text": p.sentence(30),
                "summary_html": "<p>" + p.sentence(30) + "</p>",
                "categories": [rng.choice(TOPICS)],
                "matched": [rng.choice(TOPICS)],
            }
            weeks.setdefault(iso_week(published), []).append((published, item))
    files = {}
    for week, items in weeks.items():
        items.sort(key=lambda x: (x[0], x[1]["id"]))
        files[week + ".jsonl"] = "".join(json.dumps(it, ensure_ascii=False, separators=(",", ":")) + "\n" for _, it in items)
    return files


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


SITE_YAML = """title: Bench Brief
description: "A generated briefing site for benchmarks."
base_url: https://bench.example/
language: en
languages: [en]
timezone: Asia/Shanghai
author: The bench desk
how_we_report: "Every factual claim links to a primary source."
limits:
  items_per_feed: 20
  related: 4
nav:
  - {title: Home, url: /}
  - {title: Weeks, url: /weeks/}
  - {title: Topics, url: /topics/}
  - {title: Signals, url: /signals/}
"""


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_corpus.py N OUT")
    n = int(sys.argv[1])
    out = sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    if os.path.exists(out):
        shutil.rmtree(out)
    rng = random.Random(20261122)
    p = Prose(rng)
    b = os.path.join(out, "brief")
    h = os.path.join(out, "hugo")

    arch = archive(rng, p)
    archive_ids = []
    for name in sorted(arch):
        write(os.path.join(b, "content", "feeds", name), arch[name])
        for line in arch[name].splitlines()[:3]:
            archive_ids.append(json.loads(line)["id"])
    write(os.path.join(b, "sources.yaml"), "sources:\n" + "".join(
        "  - id: %s\n    name: %s\n    url: https://%s.example/feed.xml\n    kind: %s\n    lang: %s\n" % (s[0], q(s[1]), s[0], s[2], s[3])
        for s in SOURCES))
    write(os.path.join(b, "content", "site.yaml"), SITE_YAML)

    bodies = [[], []]
    for i in range(n):
        slug, when, text, _ = briefing(i, n, rng, p, archive_ids)
        rel = os.path.join("briefings", "%04d" % when.year, "%02d" % when.month, slug + ".md")
        write(os.path.join(b, "content", rel), text)
        write(os.path.join(h, "content", rel), text)
        bodies[i % 2].append(text.split("\n---\n", 1)[1])
    for w in range(52):
        start = START + timedelta(days=7 * w)
        write(os.path.join(b, "content", "weeks", iso_week(start) + ".md"), weekly_note(start, p))
    for g in range(5):
        text = "---\ntitle: %s\nsummary: %s\ntopics: [%s]\n---\n\n%s" % (q("Guide %d: %s" % (g, p.words(3, 5))), q(p.sentence(20)), q(TOPICS[g]), body(p))
        write(os.path.join(b, "content", "guides", "guide-%d.md" % g), text)
    for name in ["about", "standards", "methodology"]:
        write(os.path.join(b, "content", "pages", name + ".md"), "---\ntitle: %s\n---\n\n%s\n" % (q(name.title()), p.rich_paragraph(8)))
    write(os.path.join(b, "content", "data", "signals.yaml"), "".join(
        "- signal: %s\n  why: %s\n  where: %s\n  layer: %s\n" % (q(p.sentence(8)), q(p.sentence(12)), q(p.sentence(6)), LAYERS[k % 4]) for k in range(8)))
    write(os.path.join(b, "content", "data", "tools.yaml"), "".join(
        "- purpose: %s\n  name: %s\n  url: https://example.org/tools/%d\n  note: %s\n" % (q("Purpose %d" % (k % 3)), q("Tool %d" % k), k, q(p.sentence(10))) for k in range(6)))

    # Hugo: the same briefing files, plus the skeleton (config and layouts) from bench/hugo/.
    shutil.copytree(os.path.join(here, "hugo"), h, dirs_exist_ok=True)
    for k in range(2):
        with open(os.path.join(out, "bodies-%d.md" % k), "w", encoding="utf-8") as f:
            f.write("\n".join(bodies[k]))
    print("wrote %d briefings, %d archive items to %s" % (n, DAYS * ITEMS_PER_DAY, out))


if __name__ == "__main__":
    main()
