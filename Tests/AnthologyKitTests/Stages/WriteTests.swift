import Foundation
import Testing
@testable import AnthologyKit

/// The writer takes files one by one, from several threads, as the renderer makes them.
@Suite("Write")
struct WriteTests {
    static func file(_ path: String, _ text: String) -> OutputFile {
        OutputFile(path: path, text: text)
    }

    static func text(_ folder: URL, _ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    @Test("Files written from many threads at once all arrive, and the manifest lists each")
    func concurrentFirstWrite() throws {
        let site = try FixtureAnthology()
        defer { site.remove() }
        let paths = (0..<200).map { "stories/story-\($0)/index.html" } + ["index.html", "assets/style.css"]
        let writer = SiteWriter(output: site.output)
        let session = try writer.begin(paths: paths)
        _ = paths.concurrentMap { session.write(Self.file($0, "page at \($0)")) }
        let result = try session.finish(unchanged: [])

        #expect(result.written == paths.sorted())
        #expect(result.files == paths.count + 1)
        for path in paths { #expect(try Self.text(site.output, path) == "page at \(path)") }
        let manifest = try #require(SiteWriter.manifest(in: site.output))
        #expect(Set(manifest.keys) == Set(paths))
        #expect(try Self.leftovers(site).isEmpty)
    }

    @Test("Every section's folders are made, each section on its own thread; a file in the way is reported")
    func foldersOfEverySection() throws {
        let site = try FixtureAnthology()
        defer { site.remove() }
        let root = site.output.path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let paths = (0..<50).map { "stories/story-\($0)/index.html" } + (0..<20).map { "characters/c\($0)/index.html" }
            + ["index.html", "page/2/index.html", "assets/style.css", "deep/a/b/c/index.html"]
        try FileOutput.makeFolders(for: paths, in: root)
        for path in paths {
            var isFolder: ObjCBool = false
            let folder = root + "/" + (path as NSString).deletingLastPathComponent
            #expect(FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue, "\(folder)")
        }

        try FileOutput.write(Data("mine".utf8), to: root + "/cities")
        #expect {
            try FileOutput.makeFolders(for: ["stories/new/index.html", "cities/lisbon/index.html"], in: root)
        } throws: { error in
            "\(error)".contains(root + "/cities")
        }
        #expect(try String(contentsOfFile: root + "/cities", encoding: .utf8) == "mine")
    }

    @Test("A file written in parts of every size holds them in order, whichever went through the buffer")
    func bufferedPartsArriveInOrder() throws {
        let site = try FixtureAnthology()
        defer { site.remove() }
        let capacity = FileOutput.Output.capacity
        // Small parts gathered, a large one after them (written at once), small ones filling the
        // buffer past its capacity, and one that just fits.
        let sizes = [10, capacity / 2, 5] + Array(repeating: 1000, count: capacity / 1000 + 3) + [capacity - 1, 7]
        let parts = sizes.enumerated().map { index, size in Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &+ index &* 31) }) }
        let path = site.root.appendingPathComponent("parts.bin").path
        try FileOutput.write(to: path) { output in
            for part in parts { try part.withUnsafeBytes { try output.write($0) } }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == parts.reduce(Data(), +))
    }

    @Test("The manifest reads back as written; a line without a readable hash names a file of unknown contents")
    func manifestReadsBack() throws {
        let site = try FixtureAnthology()
        defer { site.remove() }
        let hashes: [String: UInt64] = ["index.html": 0, "stories/é/index.html": .max, "a/b.css": 0x0123_4567_89AB_CDEF]
        var text = SiteWriter.manifestText(hashes).text
        // Sixteen lower-case hex digits, zeros included, as `hex` writes them for ETags too.
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n")
        #expect(lines.contains("a/b.css\t0123456789abcdef"))
        #expect(lines.contains("index.html\t0000000000000000"))
        #expect(UInt64(0x0123_4567_89AB_CDEF).hex == "0123456789abcdef")
        #expect(UInt64(0xA).hex == "000000000000000a")
        text.append(Data("odd/line\nbad/hash\tfffffffffffffffff\nnot/hex\t12g4\n".utf8))
        try FileManager.default.createDirectory(at: site.output, withIntermediateDirectories: true)
        try text.write(to: site.output.appendingPathComponent(SiteWriter.manifestName))
        let manifest = try #require(SiteWriter.manifest(in: site.output))
        #expect(manifest.count == 6)
        for (path, hash) in hashes { #expect(manifest[path] == .some(hash), "\(path)") }
        for path in ["odd/line", "bad/hash", "not/hex"] { #expect(manifest[path] == .some(nil), "\(path)") }

        try Data("# Some other tool's list\nindex.html\t00\n".utf8).write(to: site.output.appendingPathComponent(SiteWriter.manifestName))
        #expect(SiteWriter.manifest(in: site.output) == nil)
    }

    /// A build that keeps every file writes the manifest in the previous one's order rather
    /// than sorting its paths again; that order is only taken from a manifest sorted as written.
    @Test func theManifestKeepsThePreviousOrderOnlyForTheSamePaths() throws {
        let site = try FixtureAnthology()
        defer { site.remove() }
        let hashes: [String: UInt64] = ["b.html": 2, "a.html": 1, "c/index.html": 3]
        let (text, order) = SiteWriter.manifestText(hashes)
        #expect(order == ["a.html", "b.html", "c/index.html"])
        try FileManager.default.createDirectory(at: site.output, withIntermediateDirectories: true)
        try text.write(to: site.output.appendingPathComponent(SiteWriter.manifestName))
        #expect(SiteWriter.readManifest(in: site.output)?.order == order)

        // The order given is the one written, for the same paths (an unsorted one shows it)...
        let given = ["c/index.html", "a.html", "b.html"]
        #expect(SiteWriter.manifestText(hashes, order: given).order == given)
        // ...and not for others: one path more, one fewer, or another in its place.
        for other in [order + ["d.html"], Array(order.dropLast()), ["a.html", "b.html", "d.html"]] {
            #expect(SiteWriter.manifestText(hashes, order: other).order == order)
            #expect(SiteWriter.manifestText(hashes, order: other).text == text)
        }

        // A manifest not sorted as written (edited by hand) lends no order.
        let unsorted = "\(SiteWriter.manifestHeader)\nb.html\t0000000000000002\na.html\t0000000000000001\n"
        try Data(unsorted.utf8).write(to: site.output.appendingPathComponent(SiteWriter.manifestName))
        let read = try #require(SiteWriter.readManifest(in: site.output))
        #expect(read.order == nil && read.hashes == ["a.html": 1, "b.html": 2])
    }

    /// A build that keeps every file (a render planned from a few changed stories) changes
    /// the manifest's hashes in place; the manifest is then what a full write would make.
    @Test func aWriteThatKeepsEveryFilePatchesTheManifest() throws {
        let site = try FixtureAnthology()
        defer { site.remove() }
        let writer = SiteWriter(output: site.output)
        let paths = ["index.html", "stories/a/index.html", "stories/b/index.html"]
        let first = try writer.begin(paths: paths)
        for path in paths { first.write(Self.file(path, "first \(path)")) }
        let written = try first.finish(unchanged: [])
        let manifestHash = try #require(written.manifestHash)
        let manifestURL = site.output.appendingPathComponent(SiteWriter.manifestName)

        let onDisk = try #require(writer.manifestOnDisk())
        #expect(onDisk.hash == manifestHash)
        #expect(writer.beginPatch(onDisk, expecting: manifestHash &+ 1) == nil)
        let session = try #require(writer.beginPatch(onDisk, expecting: manifestHash))
        session.write(Self.file("stories/a/index.html", "second"))
        session.write(Self.file("index.html", "first index.html"))  // as it was: not rewritten
        let patched = try session.finish(unchanged: [])
        #expect(patched.written == ["stories/a/index.html"])
        #expect(patched.files == 4)
        let expected = SiteWriter.manifestText(["index.html": ContentHash.of(Data("first index.html".utf8)),
                                                "stories/a/index.html": ContentHash.of(Data("second".utf8)),
                                                "stories/b/index.html": ContentHash.of(Data("first stories/b/index.html".utf8))]).text
        #expect(try Data(contentsOf: manifestURL) == expected)
        #expect(patched.manifestHash == ContentHash.of(expected))
        #expect(try Self.text(site.output, "stories/a/index.html") == "second")

        // A file the manifest does not list: the manifest is made again, with it and with
        // every file the patch kept, without being told which.
        let patchedOnDisk = try #require(writer.manifestOnDisk())
        let again = try #require(writer.beginPatch(patchedOnDisk, expecting: ContentHash.of(expected)))
        again.write(Self.file("stories/c/index.html", "new"))
        let result = try again.finish(unchanged: [])
        #expect(Set(try #require(SiteWriter.manifest(in: site.output)).keys) == Set(paths + ["stories/c/index.html"]))
        #expect(result.written == ["stories/c/index.html"])

        // A manifest not sorted as written is not patched.
        let unsorted = Data("\(SiteWriter.manifestHeader)\nb.html\t0000000000000002\na.html\t0000000000000001\n".utf8)
        try unsorted.write(to: manifestURL)
        let unsortedOnDisk = try #require(writer.manifestOnDisk())
        #expect(writer.beginPatch(unsortedOnDisk, expecting: ContentHash.of(unsorted)) == nil)
    }

    @Test("A first build's staging folder is marked as Anthology's before any page is written")
    func interruptedFirstWrite() throws {
        let site = try FixtureAnthology()
        defer { site.remove() }
        let writer = SiteWriter(output: site.output)
        // A build that stops after one page (the process was killed, say) leaves its staging folder.
        let interrupted = try writer.begin(paths: ["index.html", "stories/a/index.html"])
        interrupted.write(Self.file("index.html", "half a site"))
        let staging = try #require(try Self.leftovers(site).first)
        #expect(SiteWriter.isOurs(site.root.appendingPathComponent(staging)))

        // The next build recognises it as its own, clears it, and writes the whole site.
        let session = try writer.begin(paths: ["index.html"])
        session.write(Self.file("index.html", "the whole site"))
        _ = try session.finish(unchanged: [])
        #expect(try Self.text(site.output, "index.html") == "the whole site")
        #expect(try Self.leftovers(site).isEmpty)
    }

    @Test("A later write changes only what changed, keeps the unchanged, and removes what the site lost")
    func update() throws {
        let site = try FixtureAnthology()
        defer { site.remove() }
        let writer = SiteWriter(output: site.output)
        let first = try writer.begin(paths: ["index.html", "a/index.html", "b/index.html", "c/index.html"])
        for path in ["index.html", "a/index.html", "b/index.html", "c/index.html"] { first.write(Self.file(path, "v1 \(path)")) }
        let written = try first.finish(unchanged: [])

        // `a` is current (the renderer skipped it), `b` is handed over unchanged, `c` is gone, `d` is new.
        let session = try writer.begin(paths: ["index.html", "a/index.html", "b/index.html", "d/index.html"], known: written)
        session.write(Self.file("index.html", "v2 index.html"))
        session.write(Self.file("b/index.html", "v1 b/index.html"))
        session.write(Self.file("d/index.html", "v2 d/index.html"))
        let result = try session.finish(unchanged: ["a/index.html"])

        #expect(result.written == ["d/index.html", "index.html"])
        #expect(result.removed == ["c/index.html"])
        #expect(try Self.text(site.output, "a/index.html") == "v1 a/index.html")
        #expect(try Self.text(site.output, "index.html") == "v2 index.html")
        #expect(!site.exists("c/index.html") && !FileManager.default.fileExists(atPath: site.output.appendingPathComponent("c").path))
        #expect(Set(try #require(SiteWriter.manifest(in: site.output)).keys) == ["index.html", "a/index.html", "b/index.html", "d/index.html"])
    }

    @Test("A new page where someone put a file of their own stops the write before anything changes")
    func foreignFileAtANewPath() throws {
        let site = try FixtureAnthology()
        defer { site.remove() }
        let writer = SiteWriter(output: site.output)
        let first = try writer.begin(paths: ["index.html"])
        first.write(Self.file("index.html", "v1"))
        _ = try first.finish(unchanged: [])
        try site.write("mine", to: "public/notes/index.html")

        #expect(throws: BuildFailure.self) { try writer.begin(paths: ["index.html", "notes/index.html"]) }
        #expect(try Self.text(site.output, "notes/index.html") == "mine")
        #expect(try Self.text(site.output, "index.html") == "v1")
    }

    /// Staging and temporary files left beside or inside the output folder.
    static func leftovers(_ site: FixtureAnthology) throws -> [String] {
        let beside = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("anthology-staging") }
        let inside = (FileManager.default.enumerator(atPath: site.output.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".anthology-new") }
        return beside + inside
    }
}
