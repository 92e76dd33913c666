extension Gazetteer {
    /// What an index line lists under its key.
    enum Kind: UInt8 {
        /// The cities with the key as their name or ASCII name.
        case primary = 0x70  // "p"
        /// The cities with the key only among their alternate names ("Bombay", "Peking").
        case alternate = 0x61  // "a"
        /// A country's name, which is never a city.
        case country = 0x63  // "c"
        /// A lower-case word inside a city's name (`joiningWords`), not a key.
        case joining = 0x6A  // "j"
        /// The number of lines of the table indexed, as the key: one line, which tells an
        /// index from a table it was not made for (`init(table:index:)`).
        case lines = 0x6E  // "n"

        /// The start of the index line for `key`: the kind, a tab, the key and a tab.
        func prefix(_ key: String) -> [UInt8] {
            [rawValue, UInt8(ascii: "\t")] + Array(key.utf8) + [UInt8(ascii: "\t")]
        }

        /// The start of every line of this kind.
        var prefix: [UInt8] { [rawValue, UInt8(ascii: "\t")] }
    }

    /// The index of the cities of `table`: one line per kind and key, `kind<TAB>key<TAB>lines`,
    /// and one, `n<TAB>count<TAB>`, with the number of lines of `table`;
    /// where `lines` are the numbers of the cities' lines in `table` (comma-separated, the most
    /// populous city first, then by id), sorted by their bytes. The bundled
    /// `gazetteer-index.tsv` is this for the bundled `gazetteer.tsv`, written ahead by
    /// Scripts/make-gazetteer-index.py, so that loading folds no names.
    ///
    /// A city is listed once under each key: its name and ASCII name are primary keys, and
    /// its other names are alternate keys unless they fold to a primary one. A line with
    /// fewer than ten columns is not a city.
    static func index(of table: ByteLines) -> ByteLines {
        var primary: [String: [Int]] = [:]
        var alternate: [String: [Int]] = [:]
        var countries: Set<String> = []
        var joining: Set<String> = []
        var order: [(population: Int, id: String)] = []
        for line in 0..<table.count {
            let columns = table.columns(of: line)
            guard columns.count >= 10 else {
                order.append((0, ""))
                continue
            }
            let text = { (column: Int) in table.string(columns[column]) }
            order.append((Int(text(8)) ?? 0, text(0)))
            let names = [text(1), text(2)] + text(9).split(separator: ",").map(String.init)
            let primaryKeys = names.prefix(2).map(key)
            for (position, name) in names.enumerated() where !name.isEmpty {
                let key = position < primaryKeys.count ? primaryKeys[position] : key(name)
                if primaryKeys.contains(key) {
                    if primary[key]?.last != line { primary[key, default: []].append(line) }
                } else if alternate[key]?.last != line {
                    alternate[key, default: []].append(line)
                }
            }
            if !columns[4].isEmpty { countries.insert(key(text(4))) }
            // Only a name of three words or more has one between its first and last.
            for word in names[0].split(separator: " ").dropFirst().dropLast() where word.first?.isLowercase == true {
                joining.insert(String(word))
            }
        }
        let byPopulation = { (a: Int, b: Int) in (order[a].population, order[b].id) > (order[b].population, order[a].id) }
        var lines: [[UInt8]] = []
        for (kind, listed) in [(Kind.primary, primary), (.alternate, alternate)] {
            for (key, cities) in listed {
                lines.append(kind.prefix(key) + Array(cities.sorted(by: byPopulation).map(String.init).joined(separator: ",").utf8))
            }
        }
        lines += countries.map(Kind.country.prefix)
        lines += joining.map(Kind.joining.prefix)
        lines.append(Kind.lines.prefix(String(table.count)))
        return ByteLines(sorting: lines)
    }
}
