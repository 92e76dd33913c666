#!/usr/bin/env python3
"""Derive Anthology's given-name list from the nickname table.

Usage: python3 Scripts/make-given-names.py ../shared/data/nicknames.tsv > Sources/AnthologyKit/Resources/given-names.tsv

Each line of the output is a formal given name followed by its nicknames, tab-separated,
sorted and deduplicated. The detector uses the formal names as evidence that a capitalised
word at the start of a sentence is a person, and the nicknames to merge "Bill" into
"William Hart" within a story.

From the BookNLP project's nickname table, MIT License, Copyright (c) 2021 David Bamman.
"""
import sys


def main(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = [c.strip() for c in line.rstrip("\n").split("\t") if c.strip()]
            if not cols:
                continue
            rows.setdefault(cols[0], set()).update(c for c in cols[1:] if c != cols[0])
    print("# Derived from BookNLP's nickname table (MIT License, Copyright (c) 2021 David Bamman) by Scripts/make-given-names.py.")
    for name in sorted(rows):
        print("\t".join([name] + sorted(rows[name])))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/nicknames.tsv")
