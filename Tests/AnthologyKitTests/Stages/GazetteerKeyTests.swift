import Foundation
import Testing
@testable import AnthologyKit

/// `Gazetteer.key` lower-cases ASCII names itself and folds the others with Foundation; both
/// must give what a reader expects, and the ASCII shortcut must never disagree with Foundation.
@Suite("Detect: gazetteer keys")
struct GazetteerKeyTests {
    @Test func asciiShortcutAgreesWithFoundationFolding() {
        let everyASCII = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }
        let names = everyASCII + [
            "", "London", "SAO PAULO", "new york", "Ho Chi Minh City", "St. John's", "Winston-Salem",
            "O'Fallon", "Hawai'i", "N'Djamena", "ZURICH 8001", "tab\there", "line\nbreak", "A\r\nB",
        ]
        for name in names {
            #expect(Array(Gazetteer.key(name).utf8) == Array(Gazetteer.foldedKey(name).utf8), "\(name.debugDescription)")
        }
    }

    @Test func accentsCaseAndApostrophesMeet() {
        #expect(Gazetteer.key("São Paulo") == Gazetteer.key("SAO PAULO"))
        #expect(Gazetteer.key("Kraków") == "krakow")
        #expect(Gazetteer.key("ZÜRICH") == Gazetteer.key("Zurich"))
        // A curly apostrophe, a left quote used as one and the ʻokina all read as "'".
        for written in ["Hawai\u{2019}i", "Hawai\u{2018}i", "Hawai\u{02BB}i", "HAWAI'I"] {
            #expect(Gazetteer.key(written) == "hawai'i", "\(written)")
        }
        // A decomposed accent folds like a precomposed one.
        #expect(Gazetteer.key("Sa\u{0303}o Paulo") == Gazetteer.key("São Paulo"))
    }
}

/// Reading the gazetteer's file format, which loading now splits as bytes.
@Suite("Detect: gazetteer file")
struct GazetteerFileTests {
    @Test func readsCitiesColumnsAndAlternateNames() {
        let tsv = """
        # comment line\twith\ta\ttab
        1\tMumbai\tMumbai\tIN\tIndia\t16\t19.07\t72.88\t12691836\tBombay,,Bom Bahia,Mumbaï,

        2\tSão Tomé\tSao Tome\tST\tSao Tome and Principe\t01\t0.34\t6.73\t71868\t
        3\ttoo\tfew\tcolumns
        """
        let gazetteer = Gazetteer(tsv: tsv)
        #expect(gazetteer.city(named: "Bombay")?.name == "Mumbai")
        #expect(gazetteer.city(named: "Bom Bahia")?.latitude == 19.07)
        #expect(gazetteer.city(named: "mumbai")?.population == 12691836)
        #expect(gazetteer.city(named: "SAO TOME")?.name == "São Tomé")
        #expect(gazetteer.isCountry("India") && gazetteer.isCountry("Sao Tome and Principe"))
        #expect(gazetteer.city(named: "too") == nil && gazetteer.city(named: "comment line") == nil)
    }

    /// Names that differ only in accents or case are one key: the city is listed once under
    /// it, and two cities sharing a name are both listed, the more populous first.
    @Test func aCityIsListedOnceUnderEachOfItsKeys() {
        let tsv = "1\tSão Paulo\tSao Paulo\tBR\tBrazil\t27\t-23.5\t-46.6\t10021295\tSAO PAULO,São Paulo,Sampa\n"
            + "2\tSao Paulo\tSao Paulo\tXX\tNowhere\t01\t0\t0\t100\t\n"
        let gazetteer = Gazetteer(tsv: tsv)
        #expect(gazetteer.cities(named: "sao paulo").map(\.id) == ["1", "2"])
        #expect(gazetteer.cities(named: "Sampa").map(\.id) == ["1"])
    }

    @Test func readsAFileWithWindowsLineEnds() {
        let tsv = "# comment\r\n1\tMumbai\tMumbai\tIN\tIndia\t16\t19.07\t72.88\t12691836\tBombay\r\n\r\n"
            + "2\tOldtown\tOldtown\tXX\tNowhere\t01\t0\t0\t20000\t\r\n"
        let gazetteer = Gazetteer(tsv: tsv)
        #expect(gazetteer.city(named: "Bombay")?.name == "Mumbai")
        #expect(gazetteer.city(named: "Oldtown")?.population == 20000)
    }
}

/// The bundled index is written ahead by a Python script (Scripts/make-gazetteer-index.py), so
/// that loading folds nothing; it must be exactly what Swift's own folding makes of the cities.
@Suite("Detect: gazetteer index")
struct GazetteerIndexTests {
    @Test func bundledIndexIsTheIndexOfTheCities() {
        let shipped = ByteLines.bundled("gazetteer-index", withExtension: "tsv")
        let computed = Gazetteer.index(of: ByteLines.bundled("gazetteer", withExtension: "tsv"))
        #expect(shipped.count == computed.count)
        // The first difference, with its line, rather than thousands of them.
        let different = (0..<min(shipped.count, computed.count)).first {
            shipped.string(shipped.range(of: $0)) != computed.string(computed.range(of: $0))
        }
        let line = { (lines: ByteLines) in different.map { lines.string(lines.range(of: $0)) } ?? "" }
        #expect(different == nil, """
            line \(line(shipped).debugDescription) should be \(line(computed).debugDescription): run \
            Scripts/make-gazetteer-index.py again, or make it fold names as Gazetteer.key does
            """)
        #expect(computed.count > 20_000)
    }

    @Test func findsEveryCityByEachOfItsNames() {
        let table = ByteLines.bundled("gazetteer", withExtension: "tsv")
        var unfound: [String] = []
        for line in 0..<table.count {
            let columns = table.columns(of: line)
            let id = table.string(columns[0])
            for column in [1, 2] where !Gazetteer.bundled.cities(named: table.string(columns[column])).contains(where: { $0.id == id }) {
                unfound.append(table.string(columns[column]))
            }
        }
        #expect(unfound.isEmpty, "\(unfound.prefix(5))")
        #expect(Gazetteer.bundled.isCountry("Japan") && Gazetteer.bundled.isCountry("IVORY COAST") && !Gazetteer.bundled.isCountry("Tokyo"))
        #expect(Gazetteer.bundled.joiningWords.isSuperset(of: ["es", "upon", "de"]) && !Gazetteer.bundled.joiningWords.contains("City"))
    }
}

@Suite("Support: byte lines")
struct ByteLinesTests {
    @Test func numbersLinesWithoutCommentsEmptyLinesOrLineEnds() {
        let lines = ByteLines(Array("# note\nb\tone\r\n\r\n\na\nc\tthree".utf8))
        #expect((0..<lines.count).map { lines.string(lines.range(of: $0)) } == ["b\tone", "a", "c\tthree"])
        #expect(lines.columns(of: 0).map(lines.string) == ["b", "one"])
        #expect(lines.columns(of: 1).map(lines.string) == ["a"])
    }

    @Test func findsTheFirstLineWithAPrefixInSortedLines() {
        let lines = ByteLines(Array("a\tx\np\tab\t1\np\tab c\t2\np\tabc\t3\np\tb\t4\n".utf8))
        let find = { (prefix: String) in lines.firstLine(withPrefix: Array(prefix.utf8)) }
        #expect(find("p\tab\t") == 1)
        #expect(find("p\tab c\t") == 2)
        #expect(find("p\tabc\t") == 3)
        #expect(find("p\t") == 1)
        #expect(find("p\ta\t") == nil)
        #expect(find("p\tc\t") == nil)
        #expect(find("a\tx") == 0)
        #expect(find("") == 0)
        #expect(ByteLines([]).firstLine(withPrefix: Array("a".utf8)) == nil)
    }
}

/// The common words are looked up by binary search in their file, which must then be sorted.
@Suite("Detect: common words")
struct CommonWordsTests {
    @Test func findsWordsOfAnUnsortedListAndEveryPartOfAHyphenatedOne() {
        let words = CommonWords(lines: ByteLines(Array("# a comment\r\nzebra\r\nbright\nsky\n\napple\n".utf8)))
        for word in ["zebra", "Bright", "APPLE", "sky-bright", "apple-zebra-sky"] { #expect(words.contains(word), "\(word)") }
        for word in ["# a comment", "zebr", "zebras", "oskar", "sky-oskar", "-", "sky-", ""] { #expect(!words.contains(word), "\(word)") }
        #expect(CommonWords(["sky", "apple"]).contains("Sky"))
    }

    /// Sorted by Scripts/make-common-words.sh, so that loading need not sort it.
    @Test func theBundledListIsSortedAlready() {
        let file = ByteLines.bundled("common-words", withExtension: "txt")
        #expect(file.isSorted && file.count > 60_000)
        #expect(CommonWords.bundled.contains("despite") && CommonWords.bundled.contains("Together"))
        #expect(!CommonWords.bundled.contains("Oskar") && !CommonWords.bundled.contains("Tokyo"))
    }
}
