import Foundation
import Testing
@testable import AnthologyKit

/// `serve`'s loads after its watcher reported a save: only the files it names are looked at,
/// unless the watcher cannot see every change to a file.
@Suite("Load after a watcher's report")
struct WatchedLoadTests {
    /// A full load, with its files as a build long ago read them (their stamps settled) and
    /// marked "as cached", so that a file the next load takes without reading says so.
    private func scanned(_ loader: SourceLoader) throws -> (files: [SourceFile], listing: SeedsListing) {
        let loaded = loader.scan { _ in nil }
        let files = loaded.files.map { file in
            var file = file
            file.text += ", as cached"
            file.stamp?.readAt = .max
            return file
        }
        return (files, try #require(loaded.listing))
    }

    /// `rescan`, as `serve` calls it: the files it returns, its problems and listing.
    private func rescan(_ loader: SourceLoader, changed: Set<String>, listing: SeedsListing,
                        files: [SourceFile]) throws -> (files: [SourceFile], diagnostics: [Diagnostic], listing: SeedsListing) {
        var files = files
        let (diagnostics, listing, _) = try #require(loader.rescan(changed: changed, listing: listing, files: &files))
        return (files, diagnostics, listing)
    }

    /// Writes `text` into the existing file at `path`, keeping its inode (and so its other names).
    private func overwrite(_ path: String, with text: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    @Test("Only the files named are looked at; new ones take their sorted place and deleted ones go")
    func onlyNamedFilesAreLookedAt() throws {
        let site = try FixtureAnthology(stories: ["a.md": "Alpha", "b.md": "Bravo", "c/c.md": "Charlie"])
        defer { site.remove() }
        let loader = SourceLoader(seedsFolder: site.seeds, displayFolder: "seeds")
        let (files, listing) = try scanned(loader)
        #expect(listing.unwatched.isEmpty)
        try site.write("Bravo!", to: "seeds/b.md")
        try site.write("Charles", to: "seeds/c/c.md")  // changed, but not reported
        try site.write("Bee", to: "seeds/bb.md")
        try FileManager.default.removeItem(at: site.seeds.appendingPathComponent("a.md"))

        let loaded = try rescan(loader, changed: ["a.md", "b.md", "bb.md"], listing: listing, files: files)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.files.map(\.relativePath) == ["b.md", "bb.md", "c/c.md"])
        #expect(loaded.files.map(\.text) == ["Bravo!", "Bee", "Charlie, as cached"])
        #expect(loaded.listing.paths == ["b.md", "bb.md", "c/c.md"])
        // What a full load finds now, the trusted one found too, but for the file not reported.
        #expect(loader.scan { _ in nil }.files.map(\.relativePath) == loaded.files.map(\.relativePath))
    }

    @Test("Links, files with a second name and files below linked folders are looked at on every load")
    func filesAWatcherCannotSeeAreLookedAt() throws {
        let site = try FixtureAnthology(stories: ["plain.md": "Plain"])
        defer { site.remove() }
        let fm = FileManager.default
        let elsewhere = site.root.appendingPathComponent("elsewhere")
        try site.write("Linked", to: "elsewhere/linked.md")
        try site.write("Twin", to: "elsewhere/twin.md")
        try site.write("Below", to: "elsewhere/folder/below.md")
        try fm.createSymbolicLink(atPath: site.seeds.path + "/linked.md", withDestinationPath: elsewhere.path + "/linked.md")
        try fm.linkItem(atPath: elsewhere.path + "/twin.md", toPath: site.seeds.path + "/twin.md")
        try fm.createSymbolicLink(atPath: site.seeds.path + "/folder", withDestinationPath: elsewhere.path + "/folder")
        let loader = SourceLoader(seedsFolder: site.seeds, displayFolder: "seeds")
        let (files, listing) = try scanned(loader)
        #expect(listing.unwatched == ["linked.md", "twin.md"])
        #expect(listing.linkedFolders == ["folder"])

        // Edited where a watcher of the seeds folder hears nothing.
        try overwrite(elsewhere.path + "/linked.md", with: "Linked, edited")
        try overwrite(elsewhere.path + "/twin.md", with: "Twin, edited")
        try overwrite(elsewhere.path + "/folder/below.md", with: "Below, edited")
        try site.write("Plain, edited", to: "seeds/plain.md")
        let loaded = try rescan(loader, changed: [], listing: listing, files: files)
        #expect(loaded.files.map(\.relativePath) == ["folder/below.md", "linked.md", "plain.md", "twin.md"])
        #expect(loaded.files.map(\.text) == ["Below, edited", "Linked, edited", "Plain, as cached", "Twin, edited"])
    }

    @Test("A file that cannot be read is reported by every load until it can be")
    func unreadableFilesStayReported() throws {
        let site = try FixtureAnthology(stories: ["a.md": "Alpha"])
        defer { site.remove() }
        try site.write(Data([0x43, 0x61, 0x66, 0xE9]), to: "seeds/latin1.md")  // "Café" in Latin-1
        let loader = SourceLoader(seedsFolder: site.seeds, displayFolder: "seeds")
        let (files, listing) = try scanned(loader)
        #expect(listing.unreadable == ["latin1.md"])
        let again = try rescan(loader, changed: [], listing: listing, files: files)
        #expect(again.diagnostics.map(\.file) == ["seeds/latin1.md"])
        #expect(again.files.map(\.relativePath) == ["a.md"])

        try site.write("Café", to: "seeds/latin1.md")
        let fixed = try rescan(loader, changed: [], listing: again.listing, files: again.files)
        #expect(fixed.diagnostics.isEmpty)
        #expect(fixed.files.map(\.text) == ["Alpha, as cached", "Café"])
        #expect(fixed.listing.unreadable.isEmpty)
    }

    @Test("A new file is a story only where a full load finds one: not in a story-named folder or a built site")
    func newFilesFollowTheListingRules() throws {
        let site = try FixtureAnthology(stories: [
            "a.md": "Alpha", "site/.anthology-manifest": "# Written by Anthology", "odd.md/inner.md": "Inner",
        ])
        defer { site.remove() }
        let loader = SourceLoader(seedsFolder: site.seeds, displayFolder: "seeds")
        let (files, listing) = try scanned(loader)
        try site.write("User-agent: *", to: "seeds/site/robots.txt")
        try site.write("Inner, again", to: "seeds/odd.md/inner.md")
        let loaded = try rescan(loader, changed: ["odd.md/inner.md", "site/robots.txt"], listing: listing, files: files)
        #expect(loaded.files.map(\.relativePath) == ["a.md"])
        // The story-named folder is reported as it would be by a full load.
        #expect(loaded.diagnostics.map(\.file) == ["seeds/odd.md"])
        #expect(loader.scan { _ in nil }.diagnostics.map(\.file) == ["seeds/odd.md"])
    }
}

@Suite("What the preview's watcher vouches for")
struct SeedsWatchTests {
    let seeds = "/anthology/seeds"

    /// A watch that a load has just caught up with.
    private var loadedWatch: SeedsWatch {
        var watch = SeedsWatch(seeds: seeds)
        watch.loaded()
        return watch
    }

    @Test("Before the first load nothing is vouched for; after it, the story files reported")
    func storiesReportedAfterALoad() {
        var watch = SeedsWatch(seeds: seeds)
        watch.record([seeds + "/a.md"], complete: true)
        #expect(watch.changed == nil)
        watch.loaded()
        watch.record([seeds + "/a.md", seeds + "/sub/b.TXT", "/anthology/templates/story.html", seeds + "/.git/x.md"], complete: true)
        watch.record([seeds + "/c.markdown"], complete: true)
        #expect(watch.changed == ["a.md", "sub/b.TXT", "c.markdown"])
    }

    @Test("A watcher that may have missed changes, the seeds folder itself, or a folder that came or went vouches for nothing",
          arguments: [
              ChangeBatch(paths: ["/anthology/seeds/a.md"], isComplete: false),
              ChangeBatch(paths: ["/anthology/seeds"], isComplete: true),
              ChangeBatch(paths: ["/anthology/seeds/gone-folder"], isComplete: true),
          ])
    func nothingIsVouchedFor(batch: ChangeBatch) {
        var watch = loadedWatch
        watch.record(batch.paths, complete: batch.isComplete)
        #expect(watch.changed == nil)
        // Until a load has looked at everything again.
        watch.record([seeds + "/a.md"], complete: true)
        #expect(watch.changed == nil)
        watch.loaded()
        #expect(watch.changed == [])
    }

    @Test("A file that is no story changes nothing a load looks at")
    func otherFilesAreNoStories() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("anthology-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("x".utf8).write(to: folder.appendingPathComponent("cover.png"))
        var watch = SeedsWatch(seeds: folder.path)
        watch.loaded()
        watch.record([folder.path + "/cover.png"], complete: true)
        #expect(watch.changed == [])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("more"), withIntermediateDirectories: true)
        watch.record([folder.path + "/more"], complete: true)
        #expect(watch.changed == nil)
    }
}

@Suite("What a preview rebuild logs")
struct AddedDiagnosticsTests {
    @Test("Only diagnostics the previous build did not report, however many sort alike")
    func onlyNewDiagnostics() {
        let old = [
            Diagnostic(.note, file: "seeds/a.md", "\"Ada\" might be a character"),
            Diagnostic(.warning, file: "seeds/b.md", line: 3, column: 1, "an unknown field", fix: "remove it"),
            Diagnostic(.note, file: "seeds/c.md", "\"Rome\" is not a city here"),
        ].sorted()
        let new = [
            Diagnostic(.note, file: "seeds/a.md", "\"Ada\" might be a character"),
            // Sorts like the old one, but says another thing to do.
            Diagnostic(.warning, file: "seeds/b.md", line: 3, column: 1, "an unknown field", fix: "rename it"),
            Diagnostic(.warning, file: "seeds/b.md", line: 3, column: 1, "an unknown field", fix: "remove it"),
            Diagnostic(.note, file: "seeds/b2.md", "\"Bo\" might be a character"),
            Diagnostic(.note, file: "seeds/d.md", "\"Oslo\" is not a city here"),
        ].sorted()
        #expect(new.added(since: old).map(\.file) == ["seeds/b.md", "seeds/b2.md", "seeds/d.md"])
        #expect(new.added(since: old).first?.fix == "rename it")
        #expect(new.added(since: new).isEmpty)
        #expect(old.added(since: []) == old)
        #expect(new.added(since: old) == new.filter { !Set(old).contains($0) })
    }
}

/// Builds as `serve` does after its watcher's reports: one cache from build to build, and a
/// load that looks only at the files reported.
@Suite("Builds after a watcher's report")
struct WatchedBuildTests {
    /// Reports `paths` (relative to the seeds folder) as changed, then builds.
    private func build(_ builder: Builder, _ cache: inout BuildCache, site: FixtureAnthology,
                       after paths: [String]) throws(BuildFailure) -> BuildReport {
        cache.watch?.record(paths.map { site.seeds.standardizedFileURL.path + "/" + $0 }, complete: true)
        return try builder.build(cache: &cache)
    }

    private func watchedCache(_ site: FixtureAnthology) -> BuildCache {
        var cache = BuildCache(keepsFiles: true)
        cache.watch = SeedsWatch(seeds: site.seeds.standardizedFileURL.path)
        return cache
    }

    @Test("A story that broke a build stays broken for the next one, whichever file that one reports")
    func failedStoryIsAnalysedAgain() throws {
        let site = try FixtureAnthology(stories: [
            "a.md": "Ada Lind walked through Lisbon at dawn.", "b.md": "Bo Stein waited in Oslo.",
        ])
        defer { site.remove() }
        let builder = Builder(options: site.options)
        var cache = watchedCache(site)
        _ = try builder.build(cache: &cache)

        try site.write("---\ntitle: [unclosed\n---\nAda Lind walked on.", to: "seeds/a.md")
        #expect(throws: BuildFailure.self) { try build(builder, &cache, site: site, after: ["a.md"]) }
        try site.write("Bo Stein waited in Oslo, and then in Bergen.", to: "seeds/b.md")
        do {
            _ = try build(builder, &cache, site: site, after: ["b.md"])
            Issue.record("the build after the broken one succeeded without looking at the broken story")
        } catch {
            #expect(error.diagnostics.contains { $0.file.hasSuffix("a.md") && $0.severity == .error })
        }

        try site.write("Ada Lind walked through Lisbon at noon.", to: "seeds/a.md")
        _ = try build(builder, &cache, site: site, after: ["a.md"])
        let clean = site.root.appendingPathComponent("clean")
        try site.build(output: clean)
        FixtureAnthology.expectSameFiles(site.output, asCleanBuild: clean)
    }

    @Test("Including drafts after a save analyses the drafts no earlier build detected")
    func draftsIncludedLater() throws {
        let site = try FixtureAnthology(stories: [
            "a.md": "Ada Lind walked through Lisbon at dawn.",
            "b.md": "---\ndraft: true\ntitle: The Draft\n---\nBo Stein waited in Oslo.",
        ])
        defer { site.remove() }
        var builder = Builder(options: site.options)
        var cache = watchedCache(site)
        _ = try builder.build(cache: &cache)
        #expect(!site.exists("stories/the-draft/index.html"))

        builder.options.includeDrafts = true
        try site.write("Ada Lind walked through Lisbon at noon.", to: "seeds/a.md")
        _ = try build(builder, &cache, site: site, after: ["a.md"])
        #expect(site.exists("stories/the-draft/index.html"))
        let clean = site.root.appendingPathComponent("clean")
        try site.build(drafts: true, output: clean)
        FixtureAnthology.expectSameFiles(site.output, asCleanBuild: clean)
    }
}
