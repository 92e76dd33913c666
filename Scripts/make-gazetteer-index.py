#!/usr/bin/env python3
"""Index Anthology's gazetteer by folded name, so that loading it folds and hashes nothing.

Usage: python3 Scripts/make-gazetteer-index.py Sources/AnthologyKit/Resources/gazetteer.tsv \
           > Sources/AnthologyKit/Resources/gazetteer-index.tsv

Writes what `Gazetteer.index(of:)` computes (see Gazetteer+Index.swift), one line per kind
and key, sorted by their UTF-8 bytes:

  kind  key  lines

where kind is `p` (the key is a city's name or ASCII name), `a` (only an alternate name),
`c` (a country's name), `j` (a lower-case word inside a city's name, such as "es" in
"Dar es Salaam") or `n` (the key is the number of lines of the gazetteer, which tells the
index from one made for another gazetteer), and `lines` are the numbers of the cities' lines
in the gazetteer (comment and empty lines not counted), most populous first, then by id;
empty but for `p` and `a`.

Keys fold as `Gazetteer.key` does: decomposed, without combining marks, case-folded, and
with curly apostrophes and the okina read as "'". The test `bundledIndexIsTheIndexOfTheCities`
checks that this file is exactly what Swift computes from the gazetteer, so a difference in
folding cannot go unnoticed.

Contains data from GeoNames (geonames.org), licensed under CC BY 4.0.
"""
import re
import sys
import unicodedata

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bb": "'"})


def key(name):
    if name.isascii():
        return name.lower()
    decomposed = unicodedata.normalize("NFD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().translate(APOSTROPHES)


def main(path):
    primary, alternate, countries, joining, order = {}, {}, set(), set(), []
    with open(path, "rb") as f:
        lines = [line.removesuffix(b"\r").decode("utf-8") for line in f.read().split(b"\n")]
    lines = [line for line in lines if line and not line.startswith("#")]
    for number, line in enumerate(lines):
        cols = line.split("\t")
        if len(cols) < 10:
            order.append((0, ""))
            continue
        order.append((int(cols[8]) if re.fullmatch(r"[+-]?[0-9]+", cols[8]) else 0, cols[0]))
        names = [cols[1], cols[2]] + [name for name in cols[9].split(",") if name]
        primary_keys = [key(name) for name in names[:2]]
        for name in names:
            if not name:
                continue
            k = key(name)
            listed = primary if k in primary_keys else alternate
            cities = listed.setdefault(k, [])
            if not cities or cities[-1] != number:
                cities.append(number)
        if cols[4]:
            countries.add(key(cols[4]))
        for word in [word for word in names[0].split(" ") if word][1:-1]:
            if word[0].islower():
                joining.add(word)
    out = []
    for kind, listed in (("p", primary), ("a", alternate)):
        for k, cities in listed.items():
            cities.sort(key=lambda n: (-order[n][0], order[n][1]))
            out.append(f"{kind}\t{k}\t{','.join(map(str, cities))}")
    out += [f"c\t{k}\t" for k in countries]
    out += [f"j\t{word}\t" for word in joining]
    out.append(f"n\t{len(lines)}\t")
    out.sort(key=lambda line: line.encode("utf-8"))
    sys.stdout.write("# Derived from gazetteer.tsv by Scripts/make-gazetteer-index.py. Contains data from GeoNames (geonames.org), licensed under CC BY 4.0.\n")
    sys.stdout.write("".join(line + "\n" for line in out))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Sources/AnthologyKit/Resources/gazetteer.tsv")
