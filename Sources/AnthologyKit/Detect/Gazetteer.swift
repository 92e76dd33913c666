import Foundation

/// The cities Anthology knows, derived from GeoNames (see NOTICE and Scripts/make-gazetteer.py).
///
/// Lookups ignore accents and case, so "Sao Paulo" finds São Paulo and a shouted "TOKYO" finds
/// Tokyo; where several cities share a name the most populous wins, which is what a reader
/// assumes when a story gives no country.
public struct Gazetteer: Sendable {
    private var byKey: [String: [City]] = [:]
    /// The longest city name in words, to bound how far a lookup looks ahead.
    public private(set) var longestNameWords = 1

    public init(cities: [(city: City, names: [String])]) {
        for (city, names) in cities {
            for name in Set(names) where !name.isEmpty {
                byKey[Self.key(name), default: []].append(city)
                longestNameWords = max(longestNameWords, name.split(separator: " ").count)
            }
        }
        for key in byKey.keys {
            byKey[key]!.sort { ($0.population, $1.id) > ($1.population, $0.id) }
        }
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
        var entries: [(City, [String])] = []
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 10 else { continue }
            let city = City(id: columns[0], name: columns[1], countryCode: columns[3], countryName: columns[4],
                            admin1: columns[5], population: Int(columns[8]) ?? 0, latitude: Double(columns[6]), longitude: Double(columns[7]))
            var names = [columns[1], columns[2]]
            names += columns[9].split(separator: ",").map(String.init)
            entries.append((city, names))
        }
        self.init(cities: entries)
    }

    /// All cities called `name`, most populous first.
    public func cities(named name: String) -> [City] {
        byKey[Self.key(name)] ?? []
    }

    public func city(named name: String) -> City? {
        cities(named: name).first
    }

    /// The city called `name` that the text points at by naming its country or region
    /// ("Perth in Scotland", "London, Ontario", "Valencia, Venezuela"); else the most populous.
    public func city(named name: String, context text: String) -> City? {
        let candidates = cities(named: name)
        guard candidates.count > 1 else { return candidates.first }
        let named = { (place: String) in !place.isEmpty && TextMatch.firstWholeWord(place, in: text) != nil }
        let regions = Set(Regions.byName.filter { named($0.key) }.map { "\($0.value.country)/\($0.value.admin1)" })
        if let city = candidates.first(where: { regions.contains("\($0.countryCode)/\($0.admin1)") }) { return city }
        if let city = candidates.first(where: { named($0.countryName) }) { return city }
        return candidates.first
    }

    /// Case- and accent-insensitive key: "São Paulo", "Sao Paulo" and "SAO PAULO" meet.
    static func key(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "\u{2019}", with: "'")
    }
}
