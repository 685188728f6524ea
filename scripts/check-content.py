#!/usr/bin/env python3
"""Validate the demo content shipped with Tandem.

Checks resources/kb/demo-kb.json (format "tandem-kb") and
resources/simulation/demo-customers.json (format "tandem-simulation"),
prints a summary and exits with status 1 if anything is wrong.

Usage: scripts/check-content.py [--kb PATH] [--simulation PATH]
Standard library only.
"""

import argparse
import collections
import datetime
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_KB = os.path.join(ROOT, "resources", "kb", "demo-kb.json")
DEFAULT_SIM = os.path.join(ROOT, "resources", "simulation", "demo-customers.json")

LANGS = ("en", "zh-CN", "zh-TW")
MOODS = ("calm", "impatient", "unhappy", "angry", "confused")
ALLOWED_VARIABLES = {"customer.name", "order.id", "shop.name", "agent.name"}

MIN_ARTICLES = 64
MIN_QUESTIONS = 8
MIN_CUSTOMERS = 60
MIN_CUSTOMERS_PER_LOCALE = 15
MAX_DELAY_MS = 30000
MAX_TEXT = 8000          # protocol: text fields are at most 8,000 characters
MAX_NAME = 200           # protocol: customer.name is at most 200 characters
AUTO_SHARE_TARGET = (0.35, 0.45)   # outside: warning
AUTO_SHARE_LIMIT = (0.30, 0.50)    # outside: error
ANSWER_SENTENCES = (2, 5)
# Intent families whose answers must always go through a person.
NEVER_AUTO_PREFIXES = ("complaint.", "refund.")

# Characters that only exist in Simplified Chinese (their Traditional forms differ).
# Deliberately left out: characters that are also correct Traditional in common words,
# e.g. 系 (系統), 准 (核准), 里 (公里), 只, 干, 面, 台, 才. 云 is kept because 雲 is the
# only form used in Taiwanese e-commerce text (雲端).
SIMPLIFIED_ONLY = set(
    "这国发货们钱对时会为说问题订单运费该关过还么没吗样买卖换码账号给务处预应联贵员层顺让报欢"
    "电话图书车东门开后传实页边网个来与从请谢帮确认旧机壳坏错价总经据点卫标写级难办见现"
    "内别户温黄线着录软优红绿蓝术虽离选项递邮装仓库达输视频讯声续签证险赔偿议质"
    "询诉权劳动态览验设备头灯热壶锅风调节尔尽惯长张刚将专业岁约则师带万"
    "简体汇币银结产宝贝储缴购种类积云"
)
# Characters that only exist in Traditional Chinese (their Simplified forms differ).
# Deliberately left out: 著 (著名 is Simplified too), 乾 (乾坤), 係 is kept (关系 in Simplified).
TRADITIONAL_ONLY = set(
    "這國發貨們錢對時會為說問題訂單運費該關過還麼沒嗎樣買賣換碼帳號給務處預應聯係貴員層順讓報歡"
    "電話圖書車東門開後準傳實頁邊網個來與從請謝幫確認舊機殼壞錯價總經據點衛標寫級難辦見現"
    "內別戶溫黃線錄軟優紅綠藍術雖離選項遞郵裝倉庫達輸視頻訊聲續簽證險賠償議質"
    "詢訴權勞動態覽驗設備頭燈熱壺鍋風調節爾盡慣長張剛將專業歲約則師帶萬"
    "簡體匯幣銀結產寶貝儲繳購種類積裡臺灣雲"
)
assert not SIMPLIFIED_ONLY & TRADITIONAL_ONLY, SIMPLIFIED_ONLY & TRADITIONAL_ONLY

VAR_RE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
KEBAB_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
INTENT_RE = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Report:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def error(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    def warn(self, where, msg):
        self.warnings.append(f"{where}: {msg}")


def load(path, rep):
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        rep.error(path, "file not found")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        rep.error(path, f"not valid UTF-8 JSON: {exc}")
    return None


def is_str(v):
    return isinstance(v, str) and v.strip() != ""


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def normalise(text):
    """Key for duplicate detection: width-folded, case-folded, punctuation and spaces removed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith(("P", "Z", "S")))


def check_script(where, lang, text, rep):
    """zh-TW must not use Simplified-only characters, zh-CN not Traditional-only ones."""
    if lang == "zh-TW":
        bad = sorted({ch for ch in text if ch in SIMPLIFIED_ONLY})
        if bad:
            rep.error(where, f"Simplified-only characters in zh-TW text: {' '.join(bad)} — {text!r}")
    elif lang == "zh-CN":
        bad = sorted({ch for ch in text if ch in TRADITIONAL_ONLY})
        if bad:
            rep.error(where, f"Traditional-only characters in zh-CN text: {' '.join(bad)} — {text!r}")
    elif lang == "en":
        if any("\u4e00" <= ch <= "\u9fff" for ch in text):
            rep.warn(where, f"Chinese characters in English text: {text!r}")


def check_variables(where, text, rep):
    for name in VAR_RE.findall(text):
        if name not in ALLOWED_VARIABLES:
            rep.error(where, f"unknown variable {{{{{name}}}}} (allowed: {', '.join(sorted(ALLOWED_VARIABLES))})")
    rest = VAR_RE.sub("", text)
    if "{{" in rest or "}}" in rest:
        rep.error(where, f"malformed variable braces in {text!r}")


def count_sentences(lang, text):
    if lang == "en":
        parts = re.split(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(“{])", text.strip())
    else:
        parts = re.split(r"(?<=[。！？])", text.strip())
    return len([p for p in parts if p.strip()])


def check_date(where, value, rep):
    if not isinstance(value, str) or not DATE_RE.match(value):
        rep.error(where, f"lastReviewed must be an ISO date YYYY-MM-DD, got {value!r}")
        return None
    try:
        d = datetime.date.fromisoformat(value)
    except ValueError:
        rep.error(where, f"lastReviewed is not a real date: {value!r}")
        return None
    if d.year != 2026:
        rep.error(where, f"lastReviewed should be in 2026, got {value}")
    return d


def check_kb(kb, path, rep):
    stats = {"articles": 0, "auto": 0, "questions": collections.Counter(), "dates": set(),
             "families": collections.Counter()}
    if not isinstance(kb, dict):
        rep.error(path, "top level must be an object")
        return stats
    if kb.get("format") != "tandem-kb":
        rep.error(path, f'format must be "tandem-kb", got {kb.get("format")!r}')
    if kb.get("formatVersion") != 1 or not is_int(kb.get("formatVersion")):
        rep.error(path, f"formatVersion must be 1, got {kb.get('formatVersion')!r}")
    shop = kb.get("shop")
    names = shop.get("name") if isinstance(shop, dict) else None
    if not isinstance(names, dict):
        rep.error(path, "shop.name must be an object with en, zh-CN and zh-TW")
    else:
        for lang in LANGS:
            if not is_str(names.get(lang)):
                rep.error(path, f"shop.name.{lang} must be a non-empty string")
            else:
                check_script(f"{path}: shop.name.{lang}", lang, names[lang], rep)
    articles = kb.get("articles")
    if not isinstance(articles, list):
        rep.error(path, "articles must be an array")
        return stats

    ids, intents = {}, {}
    seen_questions = {lang: {} for lang in LANGS}   # normalised question -> article id
    for i, art in enumerate(articles):
        where = f"article[{i}]"
        if not isinstance(art, dict):
            rep.error(where, "must be an object")
            continue
        aid = art.get("id")
        if is_str(aid):
            where = f"article {aid}"
            if not KEBAB_RE.match(aid):
                rep.error(where, "id must be kebab-case (a-z, 0-9, single dashes)")
            if aid in ids:
                rep.error(where, f"duplicate id (also article[{ids[aid]}])")
            ids.setdefault(aid, i)
        else:
            rep.error(where, "id must be a non-empty string")
        intent = art.get("intent")
        if is_str(intent):
            if not INTENT_RE.match(intent):
                rep.error(where, f"intent must be dotted lower-case (e.g. delivery.tracking), got {intent!r}")
            if intent in intents:
                rep.error(where, f"duplicate intent {intent!r} (also {intents[intent]})")
            intents.setdefault(intent, aid)
            stats["families"][intent.split(".")[0]] += 1
        else:
            rep.error(where, "intent must be a non-empty string")
        tags = art.get("tags")
        if not isinstance(tags, list) or not tags or not all(is_str(t) for t in tags):
            rep.error(where, "tags must be a non-empty array of non-empty strings")
        elif len(set(tags)) != len(tags):
            rep.error(where, "duplicate tags")
        auto = art.get("autoAnswer")
        if not isinstance(auto, bool):
            rep.error(where, "autoAnswer must be true or false")
        elif auto:
            stats["auto"] += 1
            if is_str(intent) and intent.startswith(NEVER_AUTO_PREFIXES):
                rep.error(where, f"{intent} must not be answered automatically (autoAnswer must be false)")
        if not isinstance(art.get("enabled"), bool):
            rep.error(where, "enabled must be true or false")
        if not is_int(art.get("version")) or art.get("version") < 1:
            rep.error(where, "version must be an integer >= 1")
        d = check_date(where, art.get("lastReviewed"), rep)
        if d:
            stats["dates"].add(d)
        extra = set(art) - {"id", "intent", "tags", "autoAnswer", "enabled", "version",
                            "lastReviewed", "content"}
        if extra:
            rep.warn(where, f"unknown fields: {', '.join(sorted(extra))}")

        content = art.get("content")
        if not isinstance(content, dict):
            rep.error(where, "content must be an object")
            continue
        for lang in set(content) - set(LANGS):
            rep.error(where, f"unexpected language {lang!r} in content")
        for lang in LANGS:
            lw = f"{where} [{lang}]"
            c = content.get(lang)
            if not isinstance(c, dict):
                rep.error(lw, "missing")
                continue
            for field in ("title", "answer"):
                if not is_str(c.get(field)):
                    rep.error(lw, f"{field} must be a non-empty string")
                else:
                    check_script(f"{lw} {field}", lang, c[field], rep)
                    check_variables(f"{lw} {field}", c[field], rep)
            if is_str(c.get("answer")):
                n = count_sentences(lang, c["answer"])
                if not ANSWER_SENTENCES[0] <= n <= ANSWER_SENTENCES[1]:
                    rep.error(lw, f"answer has {n} sentences (want {ANSWER_SENTENCES[0]}–{ANSWER_SENTENCES[1]})")
            qs = c.get("questions")
            if not isinstance(qs, list) or not all(is_str(q) for q in qs):
                rep.error(lw, "questions must be an array of non-empty strings")
                continue
            if len(qs) < MIN_QUESTIONS:
                rep.error(lw, f"only {len(qs)} questions (need at least {MIN_QUESTIONS})")
            stats["questions"][lang] += len(qs)
            local = {}
            for q in qs:
                check_script(f"{lw} question", lang, q, rep)
                check_variables(f"{lw} question", q, rep)
                if VAR_RE.search(q):
                    rep.error(lw, f"questions are customer text and must not contain variables: {q!r}")
                key = normalise(q)
                if key in local:
                    rep.error(lw, f"duplicate question {q!r} (same as {local[key]!r})")
                local[key] = q
                other = seen_questions[lang].get(key)
                if other and other != aid:
                    rep.error(lw, f"question {q!r} also appears in article {other}")
                seen_questions[lang].setdefault(key, aid)
        stats["articles"] += 1

    if len(articles) < MIN_ARTICLES:
        rep.error(path, f"only {len(articles)} articles (need at least {MIN_ARTICLES})")
    if articles:
        share = stats["auto"] / len(articles)
        if not AUTO_SHARE_LIMIT[0] <= share <= AUTO_SHARE_LIMIT[1]:
            rep.error(path, f"autoAnswer share {share:.0%} is far outside the {AUTO_SHARE_TARGET[0]:.0%}–{AUTO_SHARE_TARGET[1]:.0%} target")
        elif not AUTO_SHARE_TARGET[0] <= share <= AUTO_SHARE_TARGET[1]:
            rep.warn(path, f"autoAnswer share {share:.0%} is outside the {AUTO_SHARE_TARGET[0]:.0%}–{AUTO_SHARE_TARGET[1]:.0%} target")
    return stats


def check_sim(sim, path, rep):
    stats = {"customers": 0, "locale": collections.Counter(), "mood": collections.Counter(),
             "grid": collections.Counter(), "turns": 0, "multi": 0}
    if not isinstance(sim, dict):
        rep.error(path, "top level must be an object")
        return stats
    if sim.get("format") != "tandem-simulation":
        rep.error(path, f'format must be "tandem-simulation", got {sim.get("format")!r}')
    if sim.get("formatVersion") != 1 or not is_int(sim.get("formatVersion")):
        rep.error(path, f"formatVersion must be 1, got {sim.get('formatVersion')!r}")
    customers = sim.get("customers")
    if not isinstance(customers, list):
        rep.error(path, "customers must be an array")
        return stats
    ids = set()
    for i, cust in enumerate(customers):
        where = f"customer[{i}]"
        if not isinstance(cust, dict):
            rep.error(where, "must be an object")
            continue
        cid = cust.get("id")
        if is_str(cid):
            where = f"customer {cid}"
            if not KEBAB_RE.match(cid):
                rep.error(where, "id must be kebab-case")
            if cid in ids:
                rep.error(where, "duplicate id")
            ids.add(cid)
        else:
            rep.error(where, "id must be a non-empty string")
        name = cust.get("name")
        if not is_str(name) or len(name) > MAX_NAME:
            rep.error(where, f"name must be a non-empty string of at most {MAX_NAME} characters")
        locale = cust.get("locale")
        if locale not in LANGS:
            rep.error(where, f"locale must be one of {', '.join(LANGS)}, got {locale!r}")
        mood = cust.get("mood")
        if mood not in MOODS:
            rep.error(where, f"mood must be one of {', '.join(MOODS)}, got {mood!r}")
        if is_str(name) and locale in LANGS:
            check_script(f"{where} name", locale, name, rep)
        turns = cust.get("turns")
        if not isinstance(turns, list) or not turns:
            rep.error(where, "turns must be a non-empty array")
            continue
        for j, turn in enumerate(turns):
            tw = f"{where} turn {j}"
            if not isinstance(turn, dict):
                rep.error(tw, "must be an object")
                continue
            text = turn.get("text")
            if not is_str(text) or len(text) > MAX_TEXT:
                rep.error(tw, f"text must be a non-empty string of at most {MAX_TEXT} characters")
            elif locale in LANGS:
                check_script(tw, locale, text, rep)
                check_variables(tw, text, rep)
                if VAR_RE.search(text):
                    rep.error(tw, "customer text must not contain template variables")
            delay = turn.get("delayMs")
            if not is_int(delay) or not 0 <= delay <= MAX_DELAY_MS:
                rep.error(tw, f"delayMs must be an integer 0–{MAX_DELAY_MS}, got {delay!r}")
            extra = set(turn) - {"text", "delayMs"}
            if extra:
                rep.warn(tw, f"unknown fields: {', '.join(sorted(extra))}")
        stats["customers"] += 1
        stats["turns"] += len(turns)
        stats["multi"] += len(turns) > 1
        stats["locale"][locale] += 1
        stats["mood"][mood] += 1
        stats["grid"][(locale, mood)] += 1
    if len(customers) < MIN_CUSTOMERS:
        rep.error(path, f"only {len(customers)} customers (need at least {MIN_CUSTOMERS})")
    for lang in LANGS:
        if stats["locale"][lang] < MIN_CUSTOMERS_PER_LOCALE:
            rep.error(path, f"only {stats['locale'][lang]} {lang} customers (need at least {MIN_CUSTOMERS_PER_LOCALE})")
    return stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kb", default=DEFAULT_KB)
    ap.add_argument("--simulation", default=DEFAULT_SIM)
    args = ap.parse_args()

    rep = Report()
    kb = load(args.kb, rep)
    sim = load(args.simulation, rep)
    kstats = check_kb(kb, os.path.relpath(args.kb, ROOT), rep) if kb is not None else None
    sstats = check_sim(sim, os.path.relpath(args.simulation, ROOT), rep) if sim is not None else None

    if kstats:
        n = kstats["articles"]
        print(f"Knowledge base: {n} articles")
        print("  families:   " + ", ".join(f"{k} {v}" for k, v in sorted(kstats["families"].items())))
        print("  questions:  " + ", ".join(f"{lang} {kstats['questions'][lang]}" for lang in LANGS)
              + f" (total {sum(kstats['questions'].values())})")
        if n:
            print(f"  autoAnswer: {kstats['auto']} of {n} ({kstats['auto'] / n:.0%})")
        if kstats["dates"]:
            print(f"  reviewed:   {min(kstats['dates'])} … {max(kstats['dates'])}"
                  f" ({len(kstats['dates'])} distinct dates)")
    if sstats:
        print(f"Simulation: {sstats['customers']} customers, {sstats['turns']} turns,"
              f" {sstats['multi']} with more than one turn")
        print("  locale:     " + ", ".join(f"{lang} {sstats['locale'][lang]}" for lang in LANGS))
        print("  mood:       " + ", ".join(f"{m} {sstats['mood'][m]}" for m in MOODS))
        print("  " + "locale\\mood".ljust(12) + "".join(m.rjust(10) for m in MOODS))
        for lang in LANGS:
            print("  " + lang.ljust(12) + "".join(str(sstats["grid"][(lang, m)]).rjust(10) for m in MOODS))

    for w in rep.warnings:
        print(f"warning: {w}")
    for e in rep.errors:
        print(f"error: {e}", file=sys.stderr)
    if rep.errors:
        print(f"FAILED: {len(rep.errors)} problem(s)", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
