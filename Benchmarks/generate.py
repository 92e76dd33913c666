#!/usr/bin/env python3
"""Writes a synthetic anthology of N short stories for benchmarking Anthology.

    Benchmarks/generate.py --stories N --seed S [--no-front-matter] [--truth FILE] OUT_DIR

Deterministic: the same arguments (and the same reference data) give byte-identical files.
Every random choice comes from `random.Random` objects seeded from `--seed` (one for the
shared pools, one per story), never from the global generator or the clock. Story i is the
same whatever N is, and the same with or without front matter (only the YAML block differs).

Each story (`s00001-title-slug.md`) has 400 to 600 words of story-like prose:
- 2 to 4 characters from a pool of a few hundred full names that recurs across stories
  (first names from the nickname table in the reference data, surnames listed below), chosen
  with a skewed (Zipf-like) weight so that character pages gather many stories. A character
  is introduced by full name ("Mara Okafor pushed the door open."), then called by first
  name, now and then by a nickname from the table or by full name again, in narration and
  dialogue ("said Mara").
- about a third of the stories also have a walk-on named once by first name only ("a waiter
  named Kofi"), as real fiction does; those become one-story characters.
- 1 to 3 real cities, among the largest in GeoNames, each time with a natural cue ("the
  night train to Lisbon", "in Osaka", "Lagos's harbour").
- Markdown: a `# Title` heading in about a third of the stories, `## section` headings,
  `*emphasis*`, `> quoted` letters, `- lists`, and "quoted" dialogue.
- front matter (unless --no-front-matter): title, date, author, and summary in about 40% of
  the stories. With --front-matter-entities it also lists the story's characters and cities
  (front matter that replaces detection).

--truth FILE writes, one JSON line per story, the characters and cities the story was written
with, for checking what the detector finds.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import random
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SURNAMES = """
Okafor Moreau Lindqvist Tanaka Haddad Kowalski Castillo Nakamura Abernathy Brennan Chaudhry
Delacroix Eriksen Fontaine Gallagher Halloran Ibarra Jovanovic Lachance Mbeki Novak Oyelaran
Petrakis Quintero Rasmussen Sato Takahashi Umarov Varga Whitlock Yilmaz Zielinski Achterberg
Baptiste Carvalho Dimitrov Esposito Ferreira Gunawardena Horvath Jankowski Kariuki Lindgren
Mwangi Nilsson Ortega Pellegrini Quiroga Rahman Szabo Toivonen Urquhart Vasquez Wojcik
Adeyemi Bjornsson Cavanagh Demir Ekwueme Falconer Grünewald Hashemi Iwasaki Jaramillo Kaminski
Larsen Maguire Nwosu O'Donnell Pham Rinaldi Sørensen Thorne Ueda Valdivia Weatherby Yamada
Zapata Aldridge Bellamy Cordeiro Dunmore Etxeberria Fairweather Gorecki Hollis Ilunga Janssen
Kovacs Lombardi Marchetti Nakashima Ogunleye Pavlenko Rourke Salazar Trevisan Vuong Wexley
Abrahamsen Balogun Chatterjee Drummond Engström Fitzgerald Gutiérrez Hendricks Ivanova Kimura
Laurent Mendel Nordahl Okonkwo Petersen Radcliffe Schreiber Tamura Villanueva Winslow Zhou
""".split()

WALK_ON_NAMES = """
Kofi Yusuf Anil Mehmet Oluwaseun Teodor Ravi Bongani Sipho Dariusz Akosua Thandiwe Nkechi
Farida Suleiman Haruto Yuki Jun Soo-ah Minh Thanh Arjun Priya Lakshmi Vikram Ngozi Chidi
Emeka Zainab Nasrin Reza Omid Parisa Bilal Tariq Amara Ayodele Babajide Kwame Efua Nana
Oksana Bogdan Mirela Dragan Goran Ilse Jurgen Soren Annika Maren Pilar Ximena Joaquin
Matias Valentina Camila Santino Thiago Renata Joao Lucia Tenzin Pema Dorji Aroha Tane
""".split()

OBJECTS = [
    "the brass key", "a letter with no stamp", "the blue suitcase", "a tin of sardines",
    "the unfinished map", "a photograph curled at the edges", "the ledger", "a box of matches",
    "the violin case", "a paper crane", "the old radio", "a jar of plum jam", "the spare keys",
    "a torn train ticket", "the sewing tin", "a bag of oranges", "the typewriter ribbon",
    "a chipped blue cup", "the good umbrella", "a roll of film", "the bicycle pump",
    "a handful of foreign coins", "the folded telegram", "a seed catalogue", "the silver lighter",
    "a shoebox of receipts", "the wooden chess set", "a pair of borrowed gloves",
    "the landlord's envelope", "a notebook with a cracked spine",
]
PLACES = [
    "the station café", "the ferry terminal", "the back room of the bookshop", "the roof",
    "the laundrette", "the old observatory", "the covered market", "the harbour wall",
    "the hospital car park", "the night bus stop", "the bakery on the corner", "the empty pool",
    "the bottom of the stairs", "the allotments", "the bridge", "the cinema foyer",
    "the fish market", "the bus depot", "the botanical gardens", "the post office",
]
TIMES = [
    "At dawn", "By noon", "That evening", "Later", "Near midnight", "In the morning",
    "Two days later", "Before the storm broke", "After the funeral", "On the last day of the fair",
    "When the lights went out", "Just before the ferry left",
]
LINES = [
    "You kept it all this time", "I never meant to stay this long", "Tell me what the letter said",
    "We should go before the tide turns", "It isn't yours to sell", "Some doors are better left shut",
    "I can't remember the last time it snowed", "You sound like your mother", "Leave the light on",
    "Nobody is coming back for it", "I said I was sorry, and I meant it", "Eat something first",
    "It was never about the money", "We'll miss the last train", "Give it one more week",
    "That isn't how I remember it", "You should have written", "I kept your chair by the window",
    "The roof leaks again", "Don't tell anyone I was here", "I counted every single step",
    "It's colder than it looks", "Let the kettle boil first", "We were younger then",
]
QUESTIONS = [
    "Where did you find it", "Are you staying for supper", "Did you lock the gate",
    "What happened to the dog", "Who told you that", "Can you still play",
    "How long has it been", "Why did you come back", "Is it still raining",
]
HEADINGS = [
    "The Crossing", "Winter", "After", "The Letter", "Morning", "II", "III", "Low Tide",
    "The Long Way Home", "What Was Left", "Departures", "The Second Summer", "Night Shift",
    "Inventory", "The Flood", "Salt", "Return",
]
TITLE_NOUNS = [
    "Salt", "Glass", "Rain", "Orchard", "Lantern", "Harbour", "Ledger", "Winter", "Crossing",
    "Ferry", "Letter", "Ashes", "Kite", "Silence", "Tide", "Copper", "Thread", "Signal",
    "Garden", "Staircase", "Compass", "Almanac", "Lighthouse", "Quarry", "Ribbon",
]
TITLE_ADJS = [
    "Small", "Last", "Quiet", "Borrowed", "Second", "Long", "Broken", "Late", "Blue", "Paper",
    "Northern", "Hidden", "Slow", "Burning", "Empty",
]
WALK_ON_ROLES = [
    "a waiter named {W}", "a driver called {W}", "the night porter, a man named {W}",
    "a girl called {W}", "the landlady, a woman named {W}", "a ferryman named {W}",
    "an old friend called {W}", "a clerk named {W}",
]
LIST_INTROS = [
    "{X} made a list on the back of an envelope:", "In the suitcase there were only a few things:",
    "The note on the fridge said, in {X}'s careful hand:", "Afterwards, {X} wrote down what was missing:",
]
LIST_ITEMS = OBJECTS + [
    "call the landlord", "a ticket to {city}", "bread, if there is any", "the address in {city}",
    "ask about the boat", "water the plants", "return the library books",
]
QUOTE_INTROS = [
    "{X} read the note aloud:", "The letter from {city} was short:", "On the back of the photograph, someone had written:",
    "{X} still knew the telegram by heart:",
]
QUOTES = [
    "If you are reading this, the boat has already left. Do not wait for me at {place}.",
    "Everything is fine here. The river is high and the bread is expensive. Write soon.",
    "I am keeping {obj} until you come to collect it yourself.",
    "Come in spring, when the almond trees are out. Bring nothing but yourself.",
    "The house is sold. I took only what would fit in one bag.",
]
SUMMARIES = [
    "Two old friends, one borrowed suitcase and the last ferry of the year.",
    "A letter arrives thirty years late, and nobody wants to open it.",
    "A night shift, a broken radio and a confession nobody asked for.",
    "The map was never finished, and that was the point.",
    "Three strangers wait out a storm in a station café.",
    "Somebody has been leaving oranges on the doorstep every morning.",
    "A city in the rain, a promise in the post, and a key that fits nothing.",
]

# Sentences. X, Y: characters as called at that point (first name, nickname or full name);
# city: a city; obj, place, time, line: from the lists above.
ONE = [
    "{X} folded the map twice and slid it under the door.",
    "{X} counted the coins again, as if they might have changed.",
    "{X} stood at the window until the streetlights came on.",
    "{X} wrote three lines of a letter and crossed out two of them.",
    "{X} had not slept properly in a week.",
    "For a long time {X} said nothing at all.",
    "{X}'s hands were cold, so the tea went down too fast.",
    "Nobody in the building knew where {X} went on Sundays.",
    "{X} found {obj} in the bottom drawer, under the tablecloths.",
    "{X} carried {obj} all the way across town without once looking at it.",
    "{time}, {X} walked down to {place} and waited.",
    "It was {X} who noticed the light under the door first.",
    "{X} kept {obj} wrapped in newspaper on the top shelf.",
    "{X} had *always* been the one who remembered birthdays.",
    "{X} hummed something tuneless and kept working.",
    "{time}, {X} went back for {obj}, and did not explain why.",
    "{X} laughed, and the sound surprised everyone.",
    "{X} opened the window, and the noise of the street came in like weather.",
    "{X} was good at waiting; it was the only thing anyone had ever praised.",
    "{X} pretended not to hear the telephone.",
    "{X}'s coat was still on the hook by the door.",
    "{time}, {X} sat at {place} with {obj} and a cup of coffee gone cold.",
    "{X} decided, *not for the first time*, to leave it until tomorrow.",
    "{X} thought of the sea, and then made a point of thinking of something else.",
]
TWO = [
    "{X} and {Y} walked as far as {place} before either of them spoke.",
    "{Y} waited while {X} paid for the coffee.",
    "{X} handed {Y} {obj} without a word.",
    "When {Y} finally arrived, {X} was already asleep in the chair.",
    "{X} told {Y} about the flood, and the house, and the dog that never came back.",
    "{Y} watched {X} cross the square and did not call out.",
    "Years later, {Y} would still argue with {X} about who had lost the keys.",
    "{X} met {Y} at {place}, exactly where they had agreed not to meet.",
    "{Y} asked {X} to stay, and {X} almost did.",
    "{X} and {Y} shared the last of the bread and said nothing about the money.",
    "It was {Y} who found {obj}, and {X} who decided what to do with it.",
    "{X} had known {Y} for twenty years and still could not tell when {Y} was joking.",
    "{time}, {Y} knocked twice on {X}'s door and then, *very quietly*, a third time.",
    "{X} gave {Y} the window seat, which was a kind of apology.",
]
CITY = [
    "{X} had lived in {city} for eleven years before the letters started.",
    "The night train to {city} was late again.",
    "{X} took the night train to {city} with nothing but {obj}.",
    "Back in {city}, the rain would be starting.",
    "{X} remembered the streets of {city} better than the faces in them.",
    "There was a postcard from {city} pinned above the sink.",
    "The flight to {city} left at six, and {X} was not on it.",
    "In {city}, nobody asked questions after midnight.",
    "{city}'s harbour was full of cranes and gulls that summer.",
    "{X} had grown up in {city}, three streets from the sea.",
    "The last time they were in {city}, it had snowed for a week.",
    "{X} sent a telegram from {city}: *arrived, more soon*.",
    "Every summer {X} swore it would be the last one in {city}.",
    "The bus from {city} came in just after four.",
    "{X} still had a key to a flat in {city} that belonged to nobody now.",
    "{time}, the whole of {city} seemed to be holding its breath.",
]
GENERIC = [
    "The rain had not stopped since the morning.",
    "Somewhere below, a dog barked twice and went quiet.",
    "The kettle clicked off.",
    "It was the kind of evening that made promises it did not keep.",
    "The radio was playing something old and slow.",
    "Nobody had swept the stairs in weeks.",
    "Outside, the trams went by half empty.",
    "The clock above the door had stopped at a quarter past four.",
    "The wind came off the water smelling of diesel and salt.",
    "A moth kept throwing itself at the lamp.",
    "Nothing about the room had changed, which was somehow worse.",
    "The streetlights flickered and held.",
    "It was *not* the first time, and it would not be the last.",
    "The bread was stale, but there was butter, and that was something.",
    "Across the courtyard, someone was practising scales on an out-of-tune piano.",
    "By then the snow had turned to slush in the gutters.",
]
OPENERS = [
    "{Xf} pushed the door open and let the cold in.",
    "On the morning the river froze, {Xf} missed the first tram.",
    "{Xf} had lived in {city} for eleven years before the letters started.",
    "The night train to {city} was late again, and {Xf} was the only one who minded.",
    "{Xf} arrived in {city} with {obj} and no plan at all.",
    "Nobody in {city} remembered {Xf}, which suited everyone.",
    "{Xf} kept {obj} in the same drawer for thirty years.",
    "It was raining in {city} the day {Xf} decided to leave.",
]
INTRODUCTIONS = [
    "That was the winter {X} met {Yf}.",
    "{Yf} was already at the corner table, reading yesterday's paper.",
    "{X} had not seen {Yf} since the wedding.",
    "The knock at the door was {Yf}, soaked to the skin.",
    "{Yf} came in from the rain and took the chair nearest the stove.",
    "Across the platform, {Yf} was trying to fold an umbrella that would not fold.",
    "{Yf} ran the bakery on the corner and knew everyone's business.",
    "It was {Yf} who answered the telephone.",
]
DIALOGUE = [
    '"{line}," said {X}.',
    '"{line}," {X} said, not looking up.',
    '"{question}?" {X} asked.',
    '"{Y}," said {X}, "{line_lc}."',
    '"{line}." {X} turned back to the window.',
    '"{question}?"\n\n"{line}," said {X}.',
]
CLOSINGS = [
    "In the morning, {X} left {obj} on the step and did not look back.",
    "{X} turned off the light, and for once the dark was only dark.",
    "Much later, {X} would say it had been the best year, and mean it.",
    "The train pulled out, and {X} let it go.",
    "{X} and {Y} stayed until the café closed, and then a little longer.",
    "Nobody ever asked {X} about {city} again.",
]


def words(text: str) -> int:
    """Words of prose in a block, not counting Markdown markers."""
    tokens = text.split()
    return len(tokens) - sum(tokens.count(marker) for marker in ("#", "##", ">", "-"))


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "story"


def yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------------------------------------
# Pools from the reference data


def find_data_dir(explicit: str | None) -> Path:
    candidates = [Path(explicit)] if explicit else [
        Path(os.environ["ANTHOLOGY_DATA"]) if os.environ.get("ANTHOLOGY_DATA") else None,
        REPO.parent / "shared" / "data",
        Path("/work/shared/data"),
    ]
    for c in candidates:
        if c and (c / "geonames" / "cities15000.txt").is_file() and (c / "nicknames.tsv").is_file():
            return c
    sys.exit("generate.py: reference data not found (geonames/cities15000.txt and nicknames.tsv); pass --data DIR")


def common_words() -> set[str]:
    path = REPO / "Sources" / "AnthologyKit" / "Resources" / "common-words.txt"
    if not path.is_file():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}


# Spellings an English writer uses for some GeoNames names.
CITY_SPELLINGS = {"Milano": "Milan", "Napoli": "Naples", "Köln": "Cologne", "Kiev": "Kyiv",
                  "Den Haag": "The Hague", "Lisboa": "Lisbon", "Roma": "Rome", "Praha": "Prague",
                  "München": "Munich", "Wien": "Vienna", "Torino": "Turin", "Firenze": "Florence"}
# Boroughs and sections of bigger cities, names a story would spell otherwise, and names that are
# also given names or shared by several well-known cities: real, but they would test the
# detector's judgement rather than its speed.
CITY_SKIP = {"Brooklyn", "Manhattan", "Kowloon", "Grand Dakar", "Camayenne", "Budta", "Malingao", "Guankou",
             "Tongshan", "Nowrangapur", "Al Jizah", "Al Basrah", "Soweto", "Iztapalapa", "Ecatepec", "Pimpri",
             "Dombivli", "Kalyan", "South Tangerang", "Ciudad Nezahualcoyotl", "Santiago", "Salvador", "Medina",
             "Perth", "Valencia", "Córdoba", "Sofia", "Samara", "Ordos", "Santiago de los Caballeros", "Quezon City"}
LATIN_OK = set("áàâãäåçéèêëíìîïñóòôõöúùûüýÁÉÍÓÚÜÇ")


def load_cities(data: Path, count: int, avoid: set[str], common: set[str]) -> list[str]:
    """The `count` most populous cities, each under the name an English-language story would use
    (a spelling GeoNames lists for it: "Osaka", "Milan", "Tehran"), leaving out sections of cities,
    names that are also given names or ordinary words, and names already taken by a bigger city."""
    rows = []
    with open(data / "geonames" / "cities15000.txt", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if c[7] not in ("PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC"):
                continue
            rows.append((int(c[14] or 0), int(c[0]), c[1], c[2], c[3].split(",") if c[3] else []))
    rows.sort(key=lambda r: (-r[0], r[1]))
    cities: list[str] = []
    for _population, _gid, name, ascii_name, alternates in rows:
        spellings = {name, ascii_name, *alternates}
        options = [CITY_SPELLINGS.get(name), re.sub(r"-(shi|si)$", "", name), re.sub(r"-(shi|si)$", "", ascii_name)]
        chosen = next((o for o in options if o and o in spellings
                       and all(ord(ch) < 128 or ch in LATIN_OK for ch in o)), None)
        if (not chosen or not re.fullmatch(r"[^\W\d_]+(?:[ -][^\W\d_]+)*", chosen)
                or chosen.startswith(("City of ", "Borough of ", "The ")) or chosen in cities
                or chosen in avoid or chosen in CITY_SKIP or chosen.lower() in common):
            continue
        cities.append(chosen)
        if len(cities) == count:
            break
    return cities


class Pools:
    def __init__(self, seed: int, data: Path, characters: int, cities: int):
        rng = random.Random(f"anthology-bench-pools:{seed}")
        common = common_words()
        nick_rows = [line.rstrip("\n").split("\t") for line in open(data / "nicknames.tsv", encoding="utf-8") if line.strip()]
        given = {w for row in nick_rows for w in row}
        self.cities = load_cities(data, cities, avoid=given, common=common)
        city_words = {w for c in self.cities for w in c.split()}

        def usable(name: str) -> bool:
            return name.isalpha() and name.lower() not in common and name not in city_words
        firsts = sorted({row[0] for row in nick_rows if usable(row[0])})
        # Short forms only ("Theo" for Theodora), not other spellings ("Allen" for Alan).
        nicknames = {row[0]: [n for n in row[1:] if usable(n) and n not in firsts and len(n) < len(row[0])] for row in nick_rows}
        surnames = [s for s in SURNAMES if s.replace("'", "").isalpha() and s.lower() not in common and s not in city_words]
        rng.shuffle(firsts)
        if characters > len(firsts):
            sys.exit(f"generate.py: at most {len(firsts)} characters (one per first name)")
        self.characters = []  # (first, surname, [nicknames])
        for first in firsts[:characters]:
            self.characters.append((first, rng.choice(surnames), nicknames.get(first, [])))
        self.character_weights = list(itertools.accumulate(1.0 / (rank + 1) ** 0.5 for rank in range(len(self.characters))))
        self.city_weights = list(itertools.accumulate(1.0 / (rank + 1) ** 0.7 for rank in range(len(self.cities))))
        pool_firsts = {c[0] for c in self.characters} | {n for c in self.characters for n in c[2]}
        self.walk_ons = [w for w in WALK_ON_NAMES if w not in given and w not in pool_firsts and w.lower() not in common]
        self.authors = [f"{rng.choice(firsts[characters:] or firsts)} {rng.choice(surnames)}" for _ in range(60)]


# ---------------------------------------------------------------------------------------------
# One story


class Character:
    def __init__(self, first: str, surname: str, nickname: str | None):
        self.first, self.surname, self.nickname = first, surname, nickname
        self.full = f"{first} {surname}"

    def called(self, rng: random.Random) -> str:
        r = rng.random()
        if r < 0.08:
            return self.full
        if self.nickname and r < 0.25:
            return self.nickname
        return self.first


def make_story(pools: Pools, seed: int, index: int, entities_in_front_matter: bool) -> tuple[str, str, str, dict]:
    """Returns (file name, front matter, body, truth)."""
    rng = random.Random(f"anthology-bench-story:{seed}:{index}")
    # Characters: distinct first names and surnames within a story.
    cast: list[Character] = []
    want = rng.choice((2, 2, 3, 3, 3, 4))
    while len(cast) < want:
        first, surname, nicks = rng.choices(pools.characters, cum_weights=pools.character_weights)[0]
        if any(c.first == first or c.surname == surname for c in cast):
            continue
        nickname = rng.choice(nicks) if nicks and rng.random() < 0.25 else None
        cast.append(Character(first, surname, nickname))
    cities: list[str] = []
    want_cities = rng.choice((1, 1, 1, 2, 2, 3))
    while len(cities) < want_cities:
        city = rng.choices(pools.cities, cum_weights=pools.city_weights)[0]
        if city not in cities:
            cities.append(city)
    walk_on = rng.choice(pools.walk_ons) if pools.walk_ons and rng.random() < 0.33 else None

    A = cast[0]
    introduced = {A.first}

    used: set[str] = set()

    def pick(options: list[str]) -> str:
        """A random template this story has not used yet, if one is left after a few tries."""
        for _ in range(4):
            choice = rng.choice(options)
            if choice not in used:
                break
        used.add(choice)
        return choice

    class Slots(dict):
        """Template values, drawn only when the template asks for them."""
        def __init__(self, x: Character, y: Character | None, city: str | None):
            super().__init__()
            self.x, self.y, self.city = x, y, city

        def __missing__(self, key: str) -> str:
            if key in ("Y", "Yf") and self.y is None:
                self.y = rng.choice([c for c in cast if c is not self.x])
            value = {
                "X": lambda: self.x.called(rng), "Xf": lambda: self.x.full,
                "Y": lambda: self.y.called(rng), "Yf": lambda: self.y.full,
                "city": lambda: self.city or rng.choice(cities), "obj": lambda: rng.choice(OBJECTS),
                "place": lambda: rng.choice(PLACES), "time": lambda: rng.choice(TIMES),
                "line": lambda: rng.choice(LINES), "question": lambda: rng.choice(QUESTIONS),
                "line_lc": lambda: (lambda line: line[0].lower() + line[1:])(rng.choice(LINES)),
            }[key]()
            self[key] = value
            return value

    def fill(template: str, x: Character | None = None, y: Character | None = None, city: str | None = None) -> str:
        return template.format_map(Slots(x or rng.choice(cast), y, city))

    # Title
    kind = rng.randrange(7)
    noun, adj, noun2 = rng.choice(TITLE_NOUNS), rng.choice(TITLE_ADJS), rng.choice(TITLE_NOUNS)
    title = [f"The {adj} {noun}", f"{noun} and {noun2}", f"What {A.first} Kept", f"The Night Train to {cities[0]}",
             f"Letters from {cities[0]}", f"{'An' if adj[0] in 'AEIOU' else 'A'} {adj} {noun} in {cities[-1]}", f"The {noun} Season"][kind]

    blocks: list[str] = []
    count = 0

    def add(block: str) -> None:
        nonlocal count
        blocks.append(block)
        count += words(block)

    if rng.random() < 0.33:
        blocks.append(f"# {title}")
    target = rng.randint(400, 515)
    # Opening paragraph: the first character by full name, and the first city with a cue.
    opening = [fill(pick(OPENERS), x=A, city=cities[0])]
    if "{city}" not in opening[0] and cities[0] not in opening[0]:
        opening.append(fill(pick(CITY), x=A, city=cities[0]))
    opening += [fill(pick(ONE), x=A), fill(pick(GENERIC))]
    add(" ".join(opening))

    pending = cast[1:]
    pending_cities = cities[1:]
    sections = rng.choice((0, 0, 1, 1, 2))
    section_at = [rng.choice((3, 4)), rng.choice((6, 7, 8))][:sections]
    quote_at = rng.randrange(2, 8) if rng.random() < 0.3 else -1
    list_at = rng.randrange(2, 8) if rng.random() < 0.2 else -1
    walk_on_at = rng.randrange(1, 6) if walk_on else -1
    paragraph = 1
    while count < target:
        if paragraph in section_at:
            blocks.append(f"## {pick(HEADINGS)}")
        known = [c for c in cast if c.first in introduced]
        sentences: list[str] = []
        if pending:
            newcomer = pending.pop(0)
            sentences.append(fill(pick(INTRODUCTIONS), x=rng.choice(known), y=newcomer))
            introduced.add(newcomer.first)
            known.append(newcomer)
        if pending_cities:
            sentences.append(fill(pick(CITY), x=rng.choice(known), city=pending_cities.pop(0)))
        if paragraph == walk_on_at:
            role = rng.choice(WALK_ON_ROLES).format(W=walk_on)
            host = rng.choice(known)
            sentences.append(f"At {rng.choice(PLACES)}, {host.called(rng)} asked {role} for directions.")
            sentences.append(f"{walk_on} shrugged and pointed towards the water.")
        if paragraph == quote_at:
            add(" ".join(sentences + [fill(pick(QUOTE_INTROS), x=rng.choice(known))]))
            add("> " + fill(pick(QUOTES), x=rng.choice(known)))
            paragraph += 1
            continue
        if paragraph == list_at:
            add(" ".join(sentences + [fill(pick(LIST_INTROS), x=rng.choice(known))]))
            items = rng.sample(LIST_ITEMS, rng.randint(3, 4))
            add("\n".join("- " + fill(item) for item in items))
            paragraph += 1
            continue
        if rng.random() < 0.3 and len(known) >= 2:
            x, y = rng.sample(known, 2)
            if sentences:
                add(" ".join(sentences))
            add(fill(pick(DIALOGUE), x=x, y=y))
            paragraph += 1
            continue
        for _ in range(rng.randint(3, 5)):
            r = rng.random()
            if r < 0.35:
                sentences.append(fill(pick(ONE), x=rng.choice(known)))
            elif r < 0.55 and len(known) >= 2:
                x, y = rng.sample(known, 2)
                sentences.append(fill(pick(TWO), x=x, y=y))
            elif r < 0.7:
                sentences.append(fill(pick(CITY), x=rng.choice(known)))
            else:
                sentences.append(fill(pick(GENERIC)))
        add(" ".join(sentences))
        paragraph += 1
    x, y = rng.sample(cast, 2)
    add(fill(pick(CLOSINGS), x=x, y=y))
    body = "\n\n".join(blocks) + "\n"

    date = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(0, 9 * 365))
    author = rng.choice(pools.authors)
    summary = rng.choice(SUMMARIES) if rng.random() < 0.4 else None
    fm = ["---", f"title: {yaml_quote(title)}", f"date: {date.isoformat()}", f"author: {author}"]
    if summary:
        fm.append(f"summary: {yaml_quote(summary)}")
    if entities_in_front_matter:
        fm.append("characters:")
        for c in cast:
            aliases = [a for a in (c.first, c.nickname) if a]
            fm.append(f"  - {{name: {c.full}, aliases: [{', '.join(aliases)}]}}")
        if walk_on:
            fm.append(f"  - {walk_on}")
        fm.append("cities: [" + ", ".join(yaml_quote(c) for c in cities) + "]")
    fm.append("---")
    name = f"s{index:05d}-{slugify(title)}.md"
    truth = {"file": name, "characters": [c.full for c in cast] + ([walk_on] if walk_on else []), "cities": cities, "words": count}
    return name, "\n".join(fm) + "\n", body, truth


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic, deterministic anthology of N stories.")
    parser.add_argument("out", metavar="OUT_DIR", help="folder to write the stories to (created; must be empty or hold only s*.md files)")
    parser.add_argument("--stories", type=int, required=True, metavar="N")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument("--no-front-matter", action="store_true", help="write the same stories without their YAML block")
    parser.add_argument("--front-matter-entities", action="store_true", help="also list characters and cities in front matter")
    parser.add_argument("--characters", type=int, default=300, help="size of the recurring character pool (default 300)")
    parser.add_argument("--cities", type=int, default=300, help="how many of the largest cities to use (default 300)")
    parser.add_argument("--data", help="reference data folder (default: ../shared/data beside the repository, or /work/shared/data)")
    parser.add_argument("--truth", metavar="FILE", help="write the intended characters and cities, one JSON line per story")
    args = parser.parse_args()
    if args.stories < 1:
        parser.error("--stories must be at least 1")
    if args.no_front_matter and args.front_matter_entities:
        parser.error("--front-matter-entities needs front matter")

    pools = Pools(args.seed, find_data_dir(args.data), args.characters, args.cities)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    leftovers = [p for p in out.iterdir()]
    if any(not (p.is_file() and re.fullmatch(r"s\d+-.*\.md", p.name)) for p in leftovers):
        sys.exit(f"generate.py: {out} holds files this script did not write; use an empty folder")
    for p in leftovers:
        p.unlink()
    truth = open(args.truth, "w", encoding="utf-8") if args.truth else None
    width = max(5, len(str(args.stories)))
    for i in range(1, args.stories + 1):
        name, front, body, facts = make_story(pools, args.seed, i, args.front_matter_entities)
        name = f"s{i:0{width}d}" + name[name.index("-"):]
        with open(out / name, "w", encoding="utf-8", newline="\n") as f:
            f.write(body if args.no_front_matter else front + body)
        if truth:
            facts["file"] = name
            truth.write(json.dumps(facts, ensure_ascii=False, sort_keys=True) + "\n")
    if truth:
        truth.close()


if __name__ == "__main__":
    main()
