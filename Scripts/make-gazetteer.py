#!/usr/bin/env python3
"""Derive Anthology's compact city gazetteer from the GeoNames dumps.

Usage: python3 Scripts/make-gazetteer.py ../shared/data/geonames > Sources/AnthologyKit/Resources/gazetteer.tsv

Keeps populated places that are cities in their own right and drops sections of
cities (feature code PPLX: neighbourhoods, districts), which a reader would call
places inside a city, not cities.  Output is sorted by geonameid so that it is
stable, one city a line, tab-separated:

  geonameid  name  asciiname  country-code  country-name  admin1  latitude  longitude  population  alternates

`alternates` holds the Latin-script alternate names (comma-separated) of cities
with at least 1,000,000 inhabitants, so that exonyms such as "Peking" or
"Bombay" are found without pulling in the thousands of obscure spellings that
collide with ordinary words and given names.

Contains data from GeoNames (geonames.org), licensed under CC BY 4.0.
"""
import sys
import unicodedata

KEPT_CODES = {"PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC", "PPLG", "PPLS", "PPLR", "PPLF", "PPLL"}
ALTERNATE_MIN_POPULATION = 1_000_000


def is_latin(text):
    for ch in text:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def main(folder):
    countries = {}
    with open(f"{folder}/countryInfo.txt", encoding="utf-8-sig") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            countries[cols[0]] = cols[4]
    rows = []
    with open(f"{folder}/cities15000.txt", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if c[7] not in KEPT_CODES:
                continue
            population = int(c[14] or 0)
            alternates = []
            if population >= ALTERNATE_MIN_POPULATION:
                seen = {c[1], c[2]}
                for alt in c[3].split(","):
                    alt = alt.strip()
                    if (alt and alt not in seen and is_latin(alt) and alt[0].isupper() and len(alt) > 2
                            and not alt.isupper() and " - " not in alt and not any(ch.isdigit() for ch in alt)):
                        seen.add(alt)
                        alternates.append(alt)
            clean = lambda s: s.replace("\t", " ")
            rows.append((int(c[0]), [c[0], clean(c[1]), clean(c[2]), c[8], countries.get(c[8], c[8]), c[10],
                                     c[4], c[5], str(population), ",".join(alternates)]))
    rows.sort()
    out = sys.stdout
    out.write("# Derived from GeoNames cities15000 by Scripts/make-gazetteer.py. Contains data from GeoNames (geonames.org), licensed under CC BY 4.0.\n")
    for _, cols in rows:
        out.write("\t".join(cols) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/geonames")
