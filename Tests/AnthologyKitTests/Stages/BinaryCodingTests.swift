import Foundation
import Testing
@testable import AnthologyKit

/// The build cache's binary form (`BinaryCoding.swift`) is written by hand, type by type, so
/// these tests fill every field the cache stores and read it back: a field that a type
/// forgets to write, or reads out of order, comes back different.
@Suite("Binary cache records")
struct BinaryCodingTests {
    /// A story analysis with every field set to something other than its default.
    static let analysis: StoryAnalysis = {
        var frontMatter = FrontMatter()
        frontMatter.title = "Ná Trang — “quoted”"
        frontMatter.date = StoryDate(year: 1999, month: 12, day: 31)
        frontMatter.author = "R. Hale"
        frontMatter.summary = "A summary\nover two lines."
        frontMatter.characters = [.init(name: "Sophie Kentaro", aliases: ["Sophie", "Dr. Kentaro"])]
        frontMatter.cities = ["Tokyo", "São Paulo"]
        frontMatter.not = ["Mercy"]
        frontMatter.draft = true
        frontMatter.order = -3
        var story = ParsedStory(relativePath: "sub/01-tide.md", displayPath: "seeds/sub/01-tide.md", frontMatter: frontMatter,
                                markdown: "not stored", headingTitle: "The Tide", opensWithHeading: true,
                                prose: "Sophie Kentaro left Tokyo.", wordCount: 1234)
        story.opening = "Sophie Kentaro left Tokyo…"
        story.leadWords = "Sophie Kentaro left Tokyo"
        let city = City(id: "1850147", name: "Tokyo", countryCode: "JP", countryName: "Japan", admin1: "40",
                        population: 8_336_599, latitude: 35.6895, longitude: -139.69171)
        let entities = StoryEntities(
            characters: [.init(name: "Sophie Kentaro", aliases: ["Sophie"], mentions: 7, firstOffset: 42, sentence: "Sophie Kentaro left.")],
            cities: [.init(city: city, forms: ["Tokyo", "Tōkyō"], mentions: 2, firstOffset: 20, sentence: "She left Tokyo.")],
            places: [.init(name: "Shibuya", cityID: "1850147", mentions: 1, sentence: "Shibuya was loud.")])
        let problem = Diagnostic.warning("seeds/sub/01-tide.md", line: 3, column: 9, "a warning", fix: "do this")
        var analysis = StoryAnalysis(source: .max - 1, parsed: story, parseProblems: [problem, .note("f", line: 4, column: 2, "a note", fix: "x")],
                                     detection: (entities, [.error("f", line: 1, column: 1, "an error", fix: "y")]))
        analysis.file = StoredFile(textHash: 0xFEED, stamp: FileStamp(device: 1, inode: 2, size: 3, modified: -4, changed: 5, readAt: 6))
        return analysis
    }()

    static func roundTrip<T: BinaryCodable>(_ value: T) throws -> T {
        try CacheFile.record(value).withUnsafeBytes { bytes in try BinaryReader.decode(T.self, from: bytes) }
    }

    @Test func everyFieldOfAStoryAnalysisReadsBack() throws {
        let analysis = Self.analysis
        let stored = try #require(analysis.parsed.map(StoredStory.init))
        let detection = try #require(analysis.detection)
        // The fixture leaves nothing at its default, so a field added to the model shows up
        // here until it is given a value, and then below if the cache does not store it.
        for (name, value) in [("story", stored as Any), ("entities", detection.entities), ("problems", analysis.parseProblems),
                              ("file", analysis.file as Any)] {
            #expect(Self.unsetFields(of: value) == [], "\(name)")
        }

        let read = try Self.roundTrip(analysis)
        #expect(read.source == analysis.source)
        #expect(read.parsed.map(StoredStory.init) == stored)
        #expect(read.parsed?.markdown == "", "the text is derived again from the file")
        #expect(read.parsed?.markdownIsRead == false)
        #expect(read.parsed?.markdownHash == analysis.parsed?.markdownHash)
        #expect(read.needsText)
        #expect(read.file == analysis.file)
        #expect(read.parseProblems == analysis.parseProblems)
        #expect(read.detection?.entities == detection.entities)
        #expect(read.detection?.problems == detection.problems)
    }

    @Test func anAnalysisWithoutParseOrDetectionReadsBack() throws {
        let bare = StoryAnalysis(source: 0, parsed: nil, parseProblems: [.error("a.md", line: 2, "bad YAML")], detection: nil)
        let read = try Self.roundTrip(bare)
        #expect(read.parsed == nil)
        #expect(read.detection == nil)
        #expect(!read.needsText)
        #expect(read.parseProblems == bare.parseProblems)
    }

    @Test func theRenderCacheReadsBackInTheOrderItsPagesWereRecorded() throws {
        var cache = RenderCache()
        var again = RenderCache()
        let paths = (0..<200).map { "stories/s\($0)/index.html" }.shuffled()
        for (index, path) in paths.enumerated() { cache.record(UInt64(index) * 0x9E37_79B9, for: path) }
        for path in paths { again.record(cache.fingerprint(of: path)!, for: path) }
        // Recorded again, a page keeps its place and takes the new fingerprint.
        cache.record(5, for: paths[3])
        again.record(5, for: paths[3])
        cache.anchors = [7: ["m-b", "m-a"], .max: []]
        again.anchors = [.max: [], 7: ["m-a", "m-b"]]
        cache.manifest = 12
        again.manifest = 12

        let read = try Self.roundTrip(cache)
        #expect(read.fingerprints == cache.fingerprints)
        #expect(read.fingerprint(of: paths[3]) == 5)
        #expect(read.fingerprint(of: paths[4]) == 4 * 0x9E37_79B9)
        #expect(read.order == paths)
        #expect(read.anchors == cache.anchors)
        #expect(read.anchors[7]?.ids == ["m-a", "m-b"])
        #expect(read.manifest == 12)
        // The same pages recorded in the same order are the same bytes, however the anchors
        // were added, and so is the cache read back.
        #expect(CacheFile.record(cache) == CacheFile.record(again))
        #expect(CacheFile.record(read) == CacheFile.record(cache))
        #expect(try Self.roundTrip(RenderCache()).manifest == nil)
    }

    @Test(arguments: [0, 1, -1, 63, -64, 64, 127, 128, 300, Int.max, Int.min])
    func integersReadBack(_ number: Int) throws {
        #expect(try Self.roundTrip(number) == number)
        #expect(try Self.roundTrip(UInt64(bitPattern: Int64(number))) == UInt64(bitPattern: Int64(number)))
    }

    @Test(arguments: ["", "a", "Łódź", "e\u{301}", "日本語 and 🏮", String(repeating: "x", count: 300)])
    func stringsReadBack(_ text: String) throws {
        #expect(try Self.roundTrip(text) == text)
        #expect(try Self.roundTrip([text, text]) == [text, text])
    }

    /// Cut anywhere, or followed by a stray byte, a record is refused, never misread or trapped on.
    @Test func aDamagedRecordIsRefused() throws {
        let bytes = CacheFile.record(Self.analysis)
        for length in 0..<bytes.count {
            let cut = bytes.prefix(length)
            #expect(throws: BinaryReader.Malformed.self, "cut at \(length)") {
                try cut.withUnsafeBytes { try BinaryReader.decode(StoryAnalysis.self, from: $0) }
            }
        }
        let longer = bytes + [0]
        #expect(throws: BinaryReader.Malformed.self) {
            try longer.withUnsafeBytes { try BinaryReader.decode(StoryAnalysis.self, from: $0) }
        }
        // A count larger than the bytes left is refused before anything is allocated for it.
        var huge = BinaryWriter()
        huge.write(UInt64.max >> 1)
        #expect(throws: BinaryReader.Malformed.self) {
            try Data(huge.bytes).withUnsafeBytes { try BinaryReader.decode([String].self, from: $0) }
        }
    }

    /// Paths of the fields of `value`, at any depth, left nil, empty, zero or false.
    static func unsetFields(of value: Any, path: String = "") -> [String] {
        let mirror = Mirror(reflecting: value)
        switch value {
        case let text as String: return text.isEmpty ? [path] : []
        case let number as Int: return number == 0 ? [path] : []
        case let flag as Bool: return flag ? [] : [path]
        case is Double, is UInt64: return []
        default: break
        }
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first else { return [path] }
            return unsetFields(of: wrapped.value, path: path)
        }
        if mirror.displayStyle == .collection {
            guard !mirror.children.isEmpty else { return [path] }
            return mirror.children.enumerated().flatMap { unsetFields(of: $1.value, path: "\(path)[\($0)]") }
        }
        return mirror.children.flatMap { unsetFields(of: $0.value, path: path + "." + ($0.label ?? "?")) }
    }
}
