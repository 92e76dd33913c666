import Foundation
import Testing
@testable import AnthologyKit

/// `anthology build` keeps its cache on disk (`.anthology-cache/`) between runs. Whatever
/// state the cache is in, a build through it must write exactly the bytes a clean build
/// writes; and a cache that cannot be trusted is ignored, never an error.
@Suite("Persistent build cache")
final class PersistentCacheTests {
    /// A small anthology of its own: Markdown with and without front matter, a plain-text
    /// story, a story opening with a heading, a draft, and characters and cities shared
    /// between stories.
    static let stories: [String: String] = [
        "01-tide.md": """
        ---
        title: The Turning Tide
        date: 2022-03-04
        author: R. Hale
        ---

        Elena Sousa kept the tide tables for the harbour of Porto. Every morning Elena walked the quay \
        and wrote the heights in a green ledger.

        Her brother, Rui Sousa, laughed at the ledger. "The sea does not read," Rui said.

        In the spring Elena took the train to Lisbon, and the ledger went with her.
        """,
        "02-salt.md": """
        # Salt and Iron

        Rui Sousa worked the night shift at the shipyard in Lisbon. Rui liked the noise of the cranes.

        When Elena Sousa came to visit, she brought a green ledger and a loaf of bread from Porto.
        """,
        "03-postcards.txt": """
        Dear Aunt Inês,

        Tomas Berg met me at the station in Oslo. Tomas says the fjord freezes *every* winter.
        I do not believe him. Tomas also says #1 rule: never argue with a fisherman.

        Love,
        Kari
        """,
        "04-unfinished.md": """
        ---
        title: Unfinished
        draft: true
        ---

        Magnus Lund walked through Bergen in the rain and thought about nothing at all.
        """,
        "sub/05-lanterns.md": """
        ---
        title: Paper Lanterns
        characters:
          - name: Ana Ruiz
            aliases: [Ana]
        ---

        ## Before the festival

        Ana Ruiz folded paper lanterns in a back room in Seville. Ana had folded four hundred by dawn.

        Elena Sousa bought two of them for her ledger's shelf.
        """,
    ]

    let site: FixtureAnthology

    init() throws {
        site = try FixtureAnthology(stories: Self.stories)
    }

    deinit {
        site.remove()
    }

    var cacheFolder: URL { site.root.appendingPathComponent(".anthology-cache") }
    var cacheFile: URL { cacheFolder.appendingPathComponent("build-cache") }

    /// The fixture's options, with the cache on disk in the fixture's folder.
    var options: BuildOptions {
        var options = site.options
        options.cacheFolder = cacheFolder
        return options
    }

    /// Builds `options` through the cache, then a clean build of the same options without one
    /// into another folder, and expects both outputs to be equal file by file.
    @discardableResult
    func buildMatchesCleanBuild(_ options: BuildOptions, sourceLocation: SourceLocation = #_sourceLocation) throws -> BuildReport {
        let report = try Builder(options: options).build()
        try expectCleanBuildEqualsOutput(of: options, sourceLocation: sourceLocation)
        return report
    }

    /// Builds `options` without a cache into another folder, and expects the output of
    /// `options` to be equal to it file by file.
    func expectCleanBuildEqualsOutput(of options: BuildOptions, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var clean = options
        clean.cacheFolder = nil
        clean.output = site.root.appendingPathComponent("clean-\(UUID().uuidString)")
        _ = try Builder(options: clean).build()
        defer { try? FileManager.default.removeItem(at: clean.output) }
        FixtureAnthology.expectSameFiles(options.output, asCleanBuild: clean.output, sourceLocation: sourceLocation)
    }

    /// The cache as the next build reads it from disk.
    func cacheOnDisk() -> BuildCache {
        CacheFile(folder: cacheFolder).load(key: CacheFile.key(for: options, detector: HeuristicDetector()), logger: .init(label: "test"))
    }

    /// A first build (which writes the cache), `change`, and a rebuild through the cache.
    @discardableResult
    func rebuildMatchesCleanBuild(_ change: (FixtureAnthology) throws -> Void,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws -> BuildReport {
        _ = try Builder(options: options).build()
        #expect(FileManager.default.fileExists(atPath: cacheFile.path), sourceLocation: sourceLocation)
        try change(site)
        return try buildMatchesCleanBuild(options, sourceLocation: sourceLocation)
    }

    func append(_ text: String, to story: String) throws {
        try site.edit("seeds/" + story) { $0 + text }
    }

    // MARK: - Changes between two runs

    @Test func editingOneStory() throws {
        let report = try rebuildMatchesCleanBuild { _ in
            try append("\nElena closed the ledger.\n", to: "02-salt.md")
        }
        #expect(report.changed.contains("stories/salt-and-iron/index.html"))
        // The cache was used: most pages were not rendered again.
        #expect(report.rendered < report.pages)
        #expect(report.stages.first?.name == "cache" && report.stages.last?.name == "save")
    }

    @Test func editsInARow() throws {
        _ = try Builder(options: options).build()
        for (round, story) in ["02-salt.md", "01-tide.md", "02-salt.md", "03-postcards.txt"].enumerated() {
            try append("\n\nThe tide turned \(round + 2) times that night.\n", to: story)
            let report = try buildMatchesCleanBuild(options)
            #expect(report.rendered < report.pages, "round \(round): \(report.changed)")
            // Prose alone: the link is kept, so only the pages the story reaches are looked at.
            #expect(report.planned < report.pages, "round \(round)")
        }
    }

    @Test func addingAStory() throws {
        let report = try rebuildMatchesCleanBuild { site in
            try site.write("# Fog Horn\n\nIngrid Dahl climbed the lighthouse stairs in Bergen. Ingrid counted them aloud.\n",
                           to: "seeds/06-fog-horn.md")
        }
        #expect(report.changed.contains("stories/fog-horn/index.html"))
    }

    @Test func deletingAStory() throws {
        let report = try rebuildMatchesCleanBuild { site in
            try FileManager.default.removeItem(at: site.seeds.appendingPathComponent("02-salt.md"))
        }
        #expect(report.changed.contains("stories/salt-and-iron/index.html"))
    }

    @Test func renamingAStory() throws {
        try rebuildMatchesCleanBuild { site in
            try FileManager.default.moveItem(at: site.seeds.appendingPathComponent("03-postcards.txt"),
                                             to: site.seeds.appendingPathComponent("00-postcards.txt"))
        }
    }

    @Test func changingATemplate() throws {
        let report = try rebuildMatchesCleanBuild { site in
            try site.edit("templates/layout.mustache") {
                $0.replacingOccurrences(of: "</body>", with: "<footer>Edited</footer>\n</body>")
            }
        }
        #expect(report.rendered == report.pages)
    }

    @Test func changingTheSiteTitle() throws {
        _ = try Builder(options: options).build()
        var retitled = options
        retitled.metadata.title = "Tides and Lanterns"
        let report = try buildMatchesCleanBuild(retitled)
        #expect(report.rendered == report.pages)
        // And back: the cache now belongs to the new title, so the old one misses it too.
        let back = try buildMatchesCleanBuild(options)
        #expect(back.rendered == back.pages)
    }

    @Test func includingDrafts() throws {
        _ = try Builder(options: options).build()
        var drafts = options
        drafts.includeDrafts = true
        let report = try buildMatchesCleanBuild(drafts)
        #expect(report.stories == 5)
    }

    @Test func aSecondRunWithNoChangeWritesNothing() throws {
        let report = try rebuildMatchesCleanBuild { _ in }
        #expect(report.changed.isEmpty)
        #expect(report.rendered == 0)
    }

    // MARK: - Caches that must not be used

    @Test(arguments: ["truncated", "flipped byte", "garbage", "empty", "header only"])
    func aDamagedCacheIsIgnored(_ damage: String) throws {
        let report = try rebuildMatchesCleanBuild { _ in
            var data = try Data(contentsOf: cacheFile)
            switch damage {
            case "truncated": data = data.prefix(data.count / 2)
            case "flipped byte": data[data.count - 10] ^= 0x20
            case "garbage": data = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            case "empty": data = Data()
            default: data = data.prefix(while: { $0 != 0 }).prefix(60)
            }
            try data.write(to: cacheFile)
            try append("\nRui slept.\n", to: "02-salt.md")
        }
        #expect(report.rendered == report.pages)
        // The damaged file was replaced by a good one.
        let key = CacheFile.key(for: options, detector: HeuristicDetector())
        guard case .success(let cache) = CacheFile.decode(try Data(contentsOf: cacheFile), key: key) else {
            Issue.record("the cache was not rewritten")
            return
        }
        #expect(cache.stories.count == 5)
    }

    @Test func theChecksumSeesEveryByte() {
        // Two lanes' worth and a tail: each of the four lanes and the tail must count.
        let payload = Data((0..<75).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        let checksum = ContentHash.checksum(of: payload)
        for index in payload.indices {
            var damaged = payload
            damaged[index] ^= 0x01
            #expect(ContentHash.checksum(of: damaged) != checksum, "byte \(index)")
        }
        #expect(ContentHash.checksum(of: payload + [0]) != checksum)
        #expect(ContentHash.checksum(of: payload.prefix(64)) != ContentHash.checksum(of: payload.prefix(64) + Data(count: 32)))
    }

    @Test func theChecksumOfPartsIsTheChecksumOfTheWhole() {
        // Parts shorter than a block, across blocks, and empty ones: a save hashes the records
        // as they lie, loading hashes the file's payload as one buffer.
        let whole = Data((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 91 &+ 7) })
        let expected = ContentHash.checksum(of: whole)
        for cuts in [[0, 1, 2, 33, 64, 65, 299], [31, 32, 100, 100, 250], [5, 17, 29, 41, 53, 65, 77, 89]] {
            var checksum = ContentHash.Checksum()
            var start = 0
            for cut in cuts + [whole.count] {
                whole[start..<cut].withUnsafeBytes { checksum.combine($0) }
                start = cut
            }
            #expect(checksum.value == expected, "cut at \(cuts)")
        }
        var payload = CachePayload()
        payload.append("render", whole.prefix(40))
        payload.append("stories/a.md", Data())
        payload.append("stories/b.md", whole.suffix(170))
        #expect(payload.checksum == ContentHash.checksum(of: payload.joined))
        #expect(payload.count == payload.joined.count)
    }

    @Test func aCacheFromAnotherBuildOfTheToolIsIgnored() throws {
        let report = try rebuildMatchesCleanBuild { _ in
            let key = CacheFile.key(for: options, detector: HeuristicDetector())
            let cache = CacheFile(folder: cacheFolder).load(key: key, logger: .init(label: "test"))
            #expect(cache.stories.count == 5)
            // The same contents, as another executable would have written them, with
            // detection results that are wrong for this one.
            var other = cache
            for path in other.stories.keys { other.stories[path]?.detection = (StoryEntities(), []) }
            try CacheFile.encode(other, key: .init(tool: key.tool + " other", options: key.options)).write(to: cacheFile)
        }
        #expect(report.rendered == report.pages)
        #expect(report.characters > 0)
    }

    @Test func theToolStampNamesTheExecutableAndTheWordLists() {
        let parts = CacheFile.toolStamp.split(separator: " ")
        // The format version, the executable, the gazetteer and its index, the given names and the common words.
        #expect(parts.count == 6)
        #expect(!CacheFile.toolStamp.contains("?"), "\(CacheFile.toolStamp)")
        // Size, modification time (to the microsecond) and inode of each file.
        #expect(parts.dropFirst().allSatisfy { $0.split(separator: "/").count == 3 })
    }

    @Test func aCacheForAnotherOutputFolderIsIgnored() throws {
        _ = try Builder(options: options).build()
        var elsewhere = options
        elsewhere.output = site.root.appendingPathComponent("elsewhere")
        elsewhere.outputDisplay = "elsewhere"
        let report = try buildMatchesCleanBuild(elsewhere)
        #expect(report.rendered == report.pages)
        // Back to the first folder: its manifest no longer matches the cache's, so nothing is skipped.
        try append("\nAna slept.\n", to: "sub/05-lanterns.md")
        let back = try buildMatchesCleanBuild(options)
        #expect(back.rendered == back.pages)
    }

    @Test func anOutputFolderDeletedBehindTheCache() throws {
        let report = try rebuildMatchesCleanBuild { site in
            try FileManager.default.removeItem(at: site.output)
        }
        #expect(report.rendered == report.pages)
    }

    @Test func anOutputManifestEditedByHand() throws {
        let report = try rebuildMatchesCleanBuild { site in
            let manifest = site.output.appendingPathComponent(SiteWriter.manifestName)
            try site.write(try Data(contentsOf: manifest) + Data("\n".utf8), to: "public/" + SiteWriter.manifestName)
        }
        #expect(report.rendered == report.pages)
    }

    // MARK: - Files left unread

    /// A story file is left unread only when its stamp was taken two seconds after its last
    /// change (`FileStamp.settlingTime`); the fixture's files were just written.
    func waitForTheFilesToSettle() {
        Thread.sleep(forTimeInterval: Double(FileStamp.settlingTime) / 1e9 + 0.2)
    }

    @Test func unchangedStoriesAreNotReadAgainButTheirPagesStillRender() throws {
        waitForTheFilesToSettle()
        _ = try Builder(options: options).build()
        try append("\nRui slept.\n", to: "02-salt.md")
        let key = CacheFile.key(for: options, detector: HeuristicDetector())
        let cache = CacheFile(folder: cacheFolder).load(key: key, logger: .init(label: "test"))
        let files = SourceLoader(seedsFolder: site.seeds, displayFolder: options.seedsDisplay)
            .scan { [stories = cache.stories] in BuildCache.unreadFile($0, in: stories) }.files
        // Every published story but the edited one; the draft was never detected, so it is read.
        #expect(files.filter { !$0.isRead }.map(\.relativePath) == ["01-tide.md", "03-postcards.txt", "sub/05-lanterns.md"])

        // A changed template renders every page again, and so needs every story's Markdown.
        try site.edit("templates/story.mustache") { $0 + "\n{{! edited }}\n" }
        let report = try buildMatchesCleanBuild(options)
        #expect(report.rendered == report.pages)
    }

    @Test func aStoryThatNoLongerMatchesTheCacheFailsTheBuildAndChangesNothing() throws {
        waitForTheFilesToSettle()
        _ = try Builder(options: options).build()
        // As if "01-tide.md" had been saved between the load stage and the rendering of its
        // page: the text its page would be rendered from is not the text the build used.
        let key = CacheFile.key(for: options, detector: HeuristicDetector())
        var cache = CacheFile(folder: cacheFolder).load(key: key, logger: .init(label: "test"))
        cache.stories["01-tide.md"]?.parsed?.markdownHash ^= 1
        try CacheFile.encode(cache, key: key).write(to: cacheFile)
        try site.edit("templates/story.mustache") { $0 + "\n{{! edited }}\n" }
        let before = FixtureAnthology.contents(of: site.output)

        var failure: [Diagnostic] = []
        do { _ = try Builder(options: options).build() } catch { failure = error.diagnostics }
        #expect(failure.map(\.description).contains { $0.contains("seeds/01-tide.md") && $0.contains("changed while the site was being built") },
                "\(failure)")
        #expect(FixtureAnthology.contents(of: site.output) == before)
    }

    // MARK: - When the cache is written

    @Test func aFailedBuildKeepsThePreviousCache() throws {
        try rebuildMatchesCleanBuild { site in
            let saved = try Data(contentsOf: cacheFile)
            let original = try Data(contentsOf: site.seeds.appendingPathComponent("01-tide.md"))
            try site.write("---\ntitle: [unclosed\n---\nText.\n", to: "seeds/01-tide.md")
            #expect(throws: BuildFailure.self) { try Builder(options: options).build() }
            #expect(try Data(contentsOf: cacheFile) == saved)
            #expect(try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path).sorted() == [".gitignore", "CACHEDIR.TAG", "build-cache"])
            try site.write(original + Data("\nElena slept.\n".utf8), to: "seeds/01-tide.md")
        }
    }

    @Test func aFailedWriteKeepsThePreviousCache() throws {
        _ = try Builder(options: options).build()
        let saved = try Data(contentsOf: cacheFile)
        var blocked = options
        blocked.output = site.root.appendingPathComponent("notes")
        try site.write("mine", to: "notes/notes.txt")
        #expect(throws: BuildFailure.self) { try Builder(options: blocked).build() }
        #expect(try Data(contentsOf: cacheFile) == saved)
        #expect(try String(contentsOf: site.root.appendingPathComponent("notes/notes.txt"), encoding: .utf8) == "mine")
    }

    @Test func withoutACacheFolderNothingIsWritten() throws {
        var options = options
        options.cacheFolder = nil
        let report = try Builder(options: options).build()
        #expect(!FileManager.default.fileExists(atPath: cacheFolder.path))
        #expect(!report.stages.contains { $0.name == "cache" || $0.name == "save" })
    }

    @Test func aFileInTheCachesPlaceIsLeftAlone() throws {
        try site.write("my notes", to: ".anthology-cache")
        try buildMatchesCleanBuild(options)
        try buildMatchesCleanBuild(options)
        #expect(try String(contentsOf: cacheFolder, encoding: .utf8) == "my notes")
    }

    @Test func theCacheLivesBesideTheConfiguration() throws {
        let (plain, _) = try BuildOptions.resolving(config: nil, overrides: SiteConfig(), in: site.root)
        #expect(plain.cacheFolder == site.root.appendingPathComponent(".anthology-cache"))
        try site.write("title: Elsewhere\n", to: "project/anthology.yml")
        let (configured, _) = try BuildOptions.resolving(config: "project/anthology.yml", overrides: SiteConfig(), in: site.root)
        #expect(configured.cacheFolder?.standardizedFileURL == site.root.appendingPathComponent("project/.anthology-cache").standardizedFileURL)
    }

    // MARK: - What is stored

    @Test(arguments: [
        "---\ntitle: A\n---\nBody.\n", "---\ntitle: A\n...\nBody\n\nmore", "---\ntitle: A\n---", "---\ntitle: A\n---\n",
        "No front matter.\n---\nx\n---\n", "---\r\ntitle: A\r\n---\r\nBody.\r\n", "---\ntitle: A\r\n---\r\nBody\n",
        "---\n---\nEmpty front matter.", "---\ntitle: never closed\nBody", "---", "", "\n---\ntitle: A\n---\nB",
        "---\ntitle: É\u{301}\n---\n\u{301}Body ü\n",
    ])
    func theBodyBelowTheFrontMatterIsCutAsParseCutsIt(_ text: String) {
        let parsed = FrontMatterParser().parse(text, file: "a.md")
        // A story whose front matter does not parse is never cached (nor is its body used).
        guard !parsed.diagnostics.hasErrors else { return }
        #expect(FrontMatterParser().body(of: text) == parsed.body)
    }

    @Test func aStoryIsEncodedAgainOnlyWhenItChanged() throws {
        _ = try Builder(options: options).build()
        let key = CacheFile.key(for: options, detector: HeuristicDetector())
        var cache = CacheFile(folder: cacheFolder).load(key: key, logger: .init(label: "test"))
        #expect(cache.stories.values.allSatisfy { $0.encoded != nil })
        let path = "02-salt.md"
        var story = try #require(cache.stories[path])
        story.parsed?.prose = "not stored"
        #expect(story.encoded != nil)
        story.parsed?.opening = "Changed."
        #expect(story.encoded == nil)
        cache.stories[path] = story
        cache.stories["01-tide.md"]?.detection = (StoryEntities(), [])
        guard case .success(let read) = CacheFile.decode(CacheFile.encode(cache, key: key), key: key) else {
            Issue.record("the cache did not read back")
            return
        }
        #expect(read.stories[path]?.parsed?.opening == "Changed.")
        #expect(read.stories["01-tide.md"]?.detection?.entities == StoryEntities())
        #expect(read.stories["sub/05-lanterns.md"]?.encoded == cache.stories["sub/05-lanterns.md"]?.encoded)
    }

    // MARK: - The last link

    /// Two more stories: a title another story shares (a slug note) and a bare first name.
    func addStoriesThatShareNames() throws {
        try site.write("# Salt and Iron\n\nTove counted the cranes in Lisbon. Tove said there were nine.\n",
                       to: "seeds/07-salt-again.md")
        try site.write("At dawn Tove sold bread by the harbour in Porto. Elena Sousa bought a loaf, and Tove said thanks.\n",
                       to: "seeds/08-bread.txt")
    }

    @Test func theLastLinkReadBackFromDiskIsTheLinkItWas() throws {
        try addStoriesThatShareNames()
        _ = try Builder(options: options).build()
        let stored = try #require(cacheOnDisk().storedLink)
        var report = BuildReport()
        var clean = BuildCache()
        _ = try Builder(options: options).analyse(report: &report, cache: &clean)
        let linked = try #require(clean.linked)
        #expect(linked.notes.contains { $0.message.contains("salt-and-iron-2") })
        #expect(linked.site.characters.filter { $0.name == "Tove" }.count == 2)
        let rebuilt = try #require(stored.linked(with: linked.inputs, sources: clean.linkSources, previous: [:]))
        #expect(rebuilt.site == linked.site)
        #expect(rebuilt.notes == linked.notes)
        #expect(rebuilt.storyIndexes == linked.storyIndexes)
        #expect(rebuilt.pages == linked.pages)
    }

    /// A first build, `change`, then a rebuild through the cache read back from disk, which
    /// must equal a clean build; returns the rebuild's link.
    func linkAfter(_ change: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) throws -> SiteLinker.Linked {
        try addStoriesThatShareNames()
        _ = try Builder(options: options).build()
        try change()
        var cache = cacheOnDisk()
        #expect(cache.storedLink != nil, sourceLocation: sourceLocation)
        _ = try Builder(options: options).build(cache: &cache)
        try expectCleanBuildEqualsOutput(of: options, sourceLocation: sourceLocation)
        return try #require(cache.linked, sourceLocation: sourceLocation)
    }

    @Test func anEditToAStorysProseOnlyPatchesTheLastLink() throws {
        let linked = try linkAfter { try append("\nThe cranes were quiet that night.\n", to: "02-salt.md") }
        #expect(linked.patched)
        #expect(linked.site.stories.contains { $0.markdown.hasSuffix("quiet that night.\n") })
    }

    @Test(arguments: ["a new character", "a new title", "a story removed"])
    func anEditThatReachesBeyondTheStoryLinksAgain(_ edit: String) throws {
        let linked = try linkAfter {
            switch edit {
            case "a new character": try append("\nMarta Vieira said the tide was late.\n", to: "02-salt.md")
            case "a new title": try site.edit("seeds/07-salt-again.md") { $0.replacingOccurrences(of: "# Salt and Iron", with: "# Iron and Salt") }
            default: try FileManager.default.removeItem(at: site.seeds.appendingPathComponent("07-salt-again.md"))
            }
        }
        #expect(!linked.patched, "\(edit)")
    }

    @Test func storedDecisionsThatDoNotFitTheStoriesAreNotUsed() throws {
        try addStoriesThatShareNames()
        var report = BuildReport()
        var clean = BuildCache()
        _ = try Builder(options: options).analyse(report: &report, cache: &clean)
        let linked = try #require(clean.linked)
        let decisions = StoredLink.Decisions(linked)
        #expect(decisions.site(of: linked.inputs) == linked.site)
        var outOfRange = decisions
        let story = try #require(outOfRange.stories.firstIndex { !$0.pages.characters.isEmpty })
        outOfRange.stories[story].pages.characters[0] = outOfRange.characters.count
        #expect(outOfRange.site(of: linked.inputs) == nil)
        var unordered = decisions
        unordered.storyIndexes[0] = unordered.storyIndexes[1]
        #expect(unordered.site(of: linked.inputs) == nil)
        #expect(decisions.site(of: Array(linked.inputs.dropLast())) == nil)
    }

    @Test func storiesReadBackFromDiskEqualTheirParse() throws {
        let (files, _) = SourceLoader(seedsFolder: site.seeds, displayFolder: "seeds").load()
        #expect(files.count == 5)
        for file in files {
            let story = try #require(StoryParser().parse(file).story)
            var analysis = StoryAnalysis(source: 1, parsed: story, parseProblems: [], detection: (HeuristicDetector().detect(in: story.prose), []))
            var stored = BuildCache()
            stored.stories[file.relativePath] = analysis
            let data = CacheFile.encode(stored, key: .init(tool: "t", options: 2))
            guard case .success(let cache) = CacheFile.decode(data, key: .init(tool: "t", options: 2)) else {
                Issue.record("\(file.relativePath) did not read back")
                continue
            }
            analysis = try #require(cache.stories[file.relativePath])
            #expect(analysis.needsText)
            #expect(analysis.detection?.entities == HeuristicDetector().detect(in: story.prose))
            let read = try #require(analysis.parsed)
            #expect(StoryParser().restoreText(of: read, from: file, prose: true) == story, "\(file.relativePath)")
            var withoutProse = story
            withoutProse.prose = ""
            #expect(StoryParser().restoreText(of: read, from: file, prose: false) == withoutProse, "\(file.relativePath)")
        }
    }
}
