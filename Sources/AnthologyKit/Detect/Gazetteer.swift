import Foundation

/// The cities Anthology knows, derived from GeoNames (see NOTICE and Scripts/make-gazetteer.py).
///
/// Lookups ignore accents and case, so "Sao Paulo" finds São Paulo and a shouted "TOKYO" finds
/// Tokyo; where several cities share a name the most populous wins, which is what a reader
/// assumes when a story gives no country.
public struct Gazetteer: Sendable {
    /// One city a line, in the format Scripts/make-gazetteer.py writes (`gazetteer.tsv`).
    private let table: ByteLines
    /// The keys, sorted by their bytes, each with the line numbers of its cities in `table`
    /// (`gazetteer-index.tsv`; see `index(of:)` for its format). A lookup is a binary search
    /// in it: nothing is folded, hashed or made into a string when the gazetteer loads.
    private let index: ByteLines
    /// Lower-case words that join the capitalised words of a city's name: "es" in
    /// "Dar es Salaam", "upon" in "Newcastle upon Tyne". A name run may go on through them.
    public let joiningWords: Set<String>

    /// Reads the format written by Scripts/make-gazetteer.py, and indexes it.
    public init(tsv: String) {
        let table = ByteLines(Array(tsv.utf8))
        self.init(table: table, index: Self.index(of: table))
    }

    /// `index` must be `index(of: table)`, as `bundled`'s is (a test checks it).
    init(table: ByteLines, index: ByteLines) {
        // Line numbers from an index of another table would name the wrong cities, silently.
        precondition(index.firstLine(withPrefix: Kind.lines.prefix(String(table.count))) != nil,
                     "the gazetteer's index was not made for its table: run Scripts/make-gazetteer-index.py")
        self.table = table
        self.index = index
        var joiningWords: Set<String> = []
        if var line = index.firstLine(withPrefix: Kind.joining.prefix) {
            while line < index.count, index.bytes[index.range(of: line).lowerBound] == Kind.joining.rawValue {
                joiningWords.insert(index.string(index.columns(of: line)[1]))
                line += 1
            }
        }
        self.joiningWords = joiningWords
    }

    /// The bundled gazetteer and its index, read once per process.
    public static let bundled = Gazetteer(table: .bundled("gazetteer", withExtension: "tsv"),
                                          index: .bundled("gazetteer-index", withExtension: "tsv"))

    /// Whether `name` is a country ("Poland", "Venezuela"), which is never a city.
    public func isCountry(_ name: String) -> Bool {
        index.firstLine(withPrefix: Kind.country.prefix(Self.key(name))) != nil
    }

    /// All cities called `name`, most populous first; by alternate name only when none has it as its name.
    public func cities(named name: String) -> [City] {
        let key = Self.key(name)
        let primary = cities(under: Kind.primary.prefix(key))
        return primary.isEmpty ? cities(under: Kind.alternate.prefix(key)) : primary
    }

    /// Cities whose name (or, with `alternates`, only an alternate name) is `name`.
    public func cities(named name: String, alternates: Bool) -> [City] {
        cities(under: (alternates ? Kind.alternate : Kind.primary).prefix(Self.key(name)))
    }

    public func city(named name: String) -> City? {
        cities(named: name).first
    }

    /// The cities listed on the index line that starts with `prefix`.
    private func cities(under prefix: [UInt8]) -> [City] {
        guard let line = index.firstLine(withPrefix: prefix) else { return [] }
        var cities: [City] = []
        var number = 0
        for byte in index.bytes[index.columns(of: line)[2]] {
            if byte == UInt8(ascii: ",") {
                cities.append(city(onLine: number))
                number = 0
            } else {
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
            }
        }
        cities.append(city(onLine: number))
        return cities
    }

    private func city(onLine line: Int) -> City {
        let columns = table.columns(of: line)
        let text = { (column: Int) in table.string(columns[column]) }
        return City(id: text(0), name: text(1), countryCode: text(3), countryName: text(4), admin1: text(5),
                    population: Int(text(8)) ?? 0, latitude: Double(text(6)), longitude: Double(text(7)))
    }

    /// Among same-named cities, the one whose region or country the text names nearest to the
    /// city's own name ("Valencia, in Spain, not Venezuela"), else the most populous.
    /// `textIsPlain`: `TextMatch.isPlain(text)`, if the caller knows it.
    public func pick(_ candidates: [City], context text: String, near position: String.Index? = nil,
                     textIsPlain: Bool? = nil) -> City? {
        guard candidates.count > 1 else { return candidates.first }
        let anchor = position ?? text.startIndex
        func distance(_ place: String) -> Int? {
            guard !place.isEmpty else { return nil }
            let ranges = TextMatch.allWholeWords(place, in: text, textIsPlain: textIsPlain)
            return ranges.map { abs(text.distance(from: anchor, to: $0.lowerBound)) }.min()
        }
        var best: (city: City, distance: Int)?
        for city in candidates {
            let regionNames = Regions.names(country: city.countryCode, admin1: city.admin1)
            let nearest = (regionNames.compactMap(distance) + [distance(city.countryName)].compactMap { $0 }).min()
            if let nearest, best == nil || nearest < best!.distance { best = (city, nearest) }
        }
        return best?.city ?? candidates.first
    }

    /// Case- and accent-insensitive key: "São Paulo", "Sao Paulo" and "SAO PAULO" meet.
    ///
    /// Nearly every lookup, and most of the 50,000 names read when the gazetteer loads, is
    /// ASCII. For ASCII, Foundation's folding is exactly lower-casing (ASCII has no diacritics,
    /// and the apostrophes replaced below are not ASCII), which the standard library does
    /// without bridging to NSString; that bridging made this the detector's most expensive call.
    /// Other names are folded by Foundation. `GazetteerKeyTests` checks that the two agree.
    static func key(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return name.lowercased() }
        return foldedKey(name)
    }

    /// The key by Foundation's folding, for names of any script.
    static func foldedKey(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        // Few names have an apostrophe to unify (and nothing else is equivalent to one): most skip the replacements.
        guard folded.unicodeScalars.contains(where: { $0 == "\u{2019}" || $0 == "\u{2018}" || $0 == "\u{02BB}" }) else {
            return folded
        }
        var unified = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            unified.append(scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "\u{02BB}" ? "'" : scalar)
        }
        return String(unified)
    }
}
