#!/usr/bin/env python3
"""The real-corpus items, by reference, for rating and evaluation.

Every utterance of ../shared/corpora/ibm_customer_care.jsonl is named by
(conv, pos, hash): its conversation id, its 0-based position among that
conversation's lines, and the FNV-1a 64-bit hash of its UTF-8 text. Ratings
and the split store only these; the text is read from the corpus at run time.

  items.py manifest            write manifest.jsonl (every item, its role and split)
  items.py show FROM TO        print conversations FROM..TO-1 (0-based, corpus
                               order) for a rater: each line with its reference
  items.py check FILE...       validate rating files against the corpus and the
                               guideline's fields; report coverage
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "..", "..", "shared", "corpora", "ibm_customer_care.jsonl")
MANIFEST = os.path.join(HERE, "manifest.jsonl")

REPLY_FIELDS = [
    "acknowledgment", "understanding", "exploration", "ownership", "reassurance",
    "personalization", "blame", "dismissiveness", "policy_wall", "scripted",
    "curtness", "defensiveness", "deflection",
]
CUSTOMER_FIELDS = [
    "frustration", "anger", "sadness", "anxiety", "confusion", "urgency",
    "gratitude", "relief", "distress",
]
HELD_OUT_PERCENT = 30


def fnv1a64(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def text_hash(text: str) -> str:
    return "%016x" % fnv1a64(text.encode("utf-8"))


def corpus_path() -> str:
    path = os.environ.get("EMPATHY_CORPUS", CORPUS)
    if not os.path.exists(path):
        sys.exit(f"corpus not found: {path} (set EMPATHY_CORPUS)")
    return path


def conversations():
    """[(conv_id, [(pos, role, text, hash)])] in corpus order."""
    order, convs = [], {}
    with open(corpus_path(), encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            cid = row["conv_id"]
            if cid not in convs:
                convs[cid] = []
                order.append(cid)
            lines = convs[cid]
            lines.append((len(lines), row["role"], row["text"], text_hash(row["text"])))
    return [(cid, convs[cid]) for cid in order]


def split_of(conv_id: str) -> str:
    """Held out by a hash of the conversation id: whole conversations stay together."""
    return "held_out" if fnv1a64(("split:" + conv_id).encode()) % 100 < HELD_OUT_PERCENT else "train"


def manifest():
    with open(MANIFEST, "w", encoding="utf-8") as out:
        for cid, lines in conversations():
            for pos, role, _text, h in lines:
                out.write(json.dumps({"conv": cid, "pos": pos, "role": role, "hash": h,
                                      "split": split_of(cid)}) + "\n")


def show(lo: int, hi: int):
    convs = conversations()
    for n, (cid, lines) in enumerate(convs[lo:hi], start=lo):
        print(f"=== conversation {n}  conv={cid}")
        for pos, role, text, h in lines:
            print(f"--- [{role}] conv={cid} pos={pos} hash={h}")
            print(text)
        print()


def check(paths):
    expected = {}
    for cid, lines in conversations():
        for pos, role, _text, h in lines:
            expected[(cid, pos)] = (role, h)
    ok = True
    for path in paths:
        seen = {}
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    r = json.loads(line)
                except json.JSONDecodeError as e:
                    print(f"{where}: not JSON ({e.msg})"); ok = False; continue
                key = (r.get("conv"), r.get("pos"))
                if key not in expected:
                    print(f"{where}: no utterance conv={key[0]} pos={key[1]}"); ok = False; continue
                role, h = expected[key]
                if r.get("hash") != h:
                    print(f"{where}: hash {r.get('hash')} does not match the corpus ({h})"); ok = False
                fields = REPLY_FIELDS if role == "agent" else CUSTOMER_FIELDS
                for name in fields:
                    if r.get(name) not in (0, 1, 2):
                        print(f"{where}: {name} must be 0, 1 or 2 (got {r.get(name)!r})"); ok = False
                if role == "agent" and r.get("overall") not in (1, 2, 3, 4, 5):
                    print(f"{where}: overall must be 1-5 (got {r.get('overall')!r})"); ok = False
                if not isinstance(r.get("english", True), bool):
                    print(f"{where}: english must be true or false"); ok = False
                if key in seen:
                    print(f"{where}: duplicate of line {seen[key]}"); ok = False
                seen[key] = n
        agents = sum(1 for k in seen if expected.get(k, ("",))[0] == "agent")
        print(f"{path}: {len(seen)} items ({agents} replies, {len(seen) - agents} customer messages)")
    if not ok:
        sys.exit(1)


def main(argv):
    if len(argv) >= 2 and argv[1] == "manifest":
        manifest()
    elif len(argv) == 4 and argv[1] == "show":
        show(int(argv[2]), int(argv[3]))
    elif len(argv) >= 3 and argv[1] == "check":
        check(argv[2:])
    else:
        print(__doc__)
        sys.exit(0 if len(argv) >= 2 and argv[1] in ("-h", "--help") else 2)


if __name__ == "__main__":
    main(sys.argv)
