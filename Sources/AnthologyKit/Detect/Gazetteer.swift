import Foundation

/// The cities Anthology knows, derived from GeoNames (see NOTICE and Scripts/make-gazetteer.py).
///
/// Lookups ignore accents and case, so "Sao Paulo" finds São Paulo and a shouted "TOKYO" finds
/// Tokyo; where several cities share a name the most populous wins, which is what a reader
/// assumes when a story gives no country.
public struct Gazetteer: Sendable {
    private var byKey: [String: [City]] = [:]
    /// The same, for names found only among a city's alternate names ("Bombay", "Peking").
    private var byAlternateKey: [String: [City]] = [:]
    private var countries: Set<String> = []
    /// Lower-case words that join the capitalised words of a city's name: "es" in
    /// "Dar es Salaam", "upon" in "Newcastle upon Tyne". A name run may go on through them.
    public private(set) var joiningWords: Set<String> = []

    /// - Parameter cities: each city with its names; the first two (name and ASCII name) are
    ///   primary, the rest alternates.
    public init(cities: [(city: City, names: [String])]) {
        byKey.reserveCapacity(cities.count * 2)
        byAlternateKey.reserveCapacity(cities.count * 2)
        var countryNames = Set<String>()
        for (city, names) in cities {
            let primaryKeys = names.prefix(2).map(Self.key)
            for (index, name) in names.enumerated() where !name.isEmpty {
                // The name and ASCII name were just folded; folding a non-ASCII name is the costly part of loading.
                let key = index < primaryKeys.count ? primaryKeys[index] : Self.key(name)
                // A city is listed once under each key: its names are added together, so a
                // key it already has ends the list the city was last added to.
                if primaryKeys.contains(key) {
                    if byKey[key]?.last?.id != city.id { byKey[key, default: []].append(city) }
                } else if byAlternateKey[key]?.last?.id != city.id {
                    byAlternateKey[key, default: []].append(city)
                }
            }
            // Some 250 countries among 23,000 cities: each is folded once.
            if !city.countryName.isEmpty, countryNames.insert(city.countryName).inserted {
                countries.insert(Self.key(city.countryName))
            }
            // Only a name of three words or more has one between its first and last.
            guard city.name.utf8.contains(UInt8(ascii: " ")) else { continue }
            let words = city.name.split(separator: " ")
            for word in words.dropFirst().dropLast() where word.first?.isLowercase == true {
                joiningWords.insert(String(word))
            }
        }
        let byPopulation = { (a: City, b: City) in (a.population, b.id) > (b.population, a.id) }
        // In place, through the values' indexes, taken out first: changing the dictionary
        // while iterating its keys, or its `indices` (which hold the table too), made it copy
        // itself, 50,000 entries, once per table.
        for index in Array(byKey.indices) where byKey.values[index].count > 1 { byKey.values[index].sort(by: byPopulation) }
        for index in Array(byAlternateKey.indices) where byAlternateKey.values[index].count > 1 {
            byAlternateKey.values[index].sort(by: byPopulation)
        }
    }

    /// Whether `name` is a country ("Poland", "Venezuela"), which is never a city.
    public func isCountry(_ name: String) -> Bool {
        countries.contains(Self.key(name))
    }

    /// The bundled gazetteer, read once per process.
    public static let bundled: Gazetteer = {
        guard let url = Bundle.module.url(forResource: "gazetteer", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("the gazetteer resource is missing from the AnthologyKit bundle")
        }
        return Gazetteer(tsv: text)
    }()

    /// Reads the format written by Scripts/make-gazetteer.py.
    public init(tsv: String) {
        var tsv = tsv
        self.init(cities: tsv.withUTF8(Self.entries))
    }

    /// The cities of a TSV text, read by bytes: lines end at line feeds (a carriage return
    /// before one is dropped, so a file saved with Windows line ends reads like any other),
    /// columns at tabs and alternate names at commas, all single bytes that no other
    /// character contains. Splitting the 1.6 MB into arrays of substrings first, then
    /// copying each into a string, was most of the time it took to read.
    private static func entries(_ bytes: UnsafeBufferPointer<UInt8>) -> [(city: City, names: [String])] {
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        var entries: [(city: City, names: [String])] = []
        entries.reserveCapacity(bytes.count / 64)
        var columns: [Range<Int>] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            let end = lineEnd > lineStart && bytes[lineEnd - 1] == UInt8(ascii: "\r") ? lineEnd - 1 : lineEnd
            guard end > lineStart, bytes[lineStart] != UInt8(ascii: "#") else { continue }
            columns.removeAll(keepingCapacity: true)
            var columnStart = lineStart
            for index in lineStart..<end where bytes[index] == UInt8(ascii: "\t") {
                columns.append(columnStart..<index)
                columnStart = index + 1
            }
            columns.append(columnStart..<end)
            guard columns.count >= 10 else { continue }
            let name = text(columns[1])
            let city = City(id: text(columns[0]), name: name, countryCode: text(columns[3]), countryName: text(columns[4]),
                            admin1: text(columns[5]), population: Int(text(columns[8])) ?? 0,
                            latitude: Double(text(columns[6])), longitude: Double(text(columns[7])))
            var names = [name, text(columns[2])]
            var alternateStart = columns[9].lowerBound
            for index in columns[9].lowerBound...columns[9].upperBound
            where index == columns[9].upperBound || bytes[index] == UInt8(ascii: ",") {
                if index > alternateStart { names.append(text(alternateStart..<index)) }
                alternateStart = index + 1
            }
            entries.append((city, names))
        }
        return entries
    }

    /// All cities called `name`, most populous first; by alternate name only when none has it as its name.
    public func cities(named name: String) -> [City] {
        let key = Self.key(name)
        return byKey[key] ?? byAlternateKey[key] ?? []
    }

    /// Cities whose name (or, with `alternates`, only an alternate name) is `name`.
    public func cities(named name: String, alternates: Bool) -> [City] {
        (alternates ? byAlternateKey : byKey)[Self.key(name)] ?? []
    }

    public func city(named name: String) -> City? {
        cities(named: name).first
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
