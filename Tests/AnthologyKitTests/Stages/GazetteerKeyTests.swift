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
