import Foundation
import Testing

/// The `anthology` executable as a user runs it: output, messages and exit codes.
@Suite("Command line")
struct CommandLineTests {
    /// `swift test` builds the executable next to the test bundle.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0])
        .deletingLastPathComponent().appendingPathComponent("anthology")

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String], in folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func buildPrintsWhatItBuiltAndEachStage() throws {
        let site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
        defer { site.remove() }
        let result = try run(["build"], in: site.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Built 3 stories, 5 characters, 3 cities: 15 pages (21 files) in public, 20 changed"))
        for stage in ["load", "parse", "detect", "link", "render", "write", "total"] {
            #expect(result.stdout.contains("  \(stage) "), "missing stage \(stage)")
        }
        #expect(site.exists("index.html"))
    }

    @Test func buildKeepsItsCacheInTheProjectFolderUnlessToldNot() throws {
        let site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
        defer { site.remove() }
        let cache = site.root.appendingPathComponent(".anthology-cache/build-cache")
        let uncached = try run(["build", "--no-cache"], in: site.root)
        #expect(uncached.status == 0, "\(uncached.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".anthology-cache").path))
        #expect(!uncached.stdout.contains("  cache "))

        let first = try run(["build", "-v"], in: site.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("cache: none"), "\(first.stderr)")
        #expect(first.stdout.contains("  cache ") && first.stdout.contains("  save "))
        #expect(FileManager.default.fileExists(atPath: cache.path))

        try site.edit("seeds/02-night-market.md") { $0 + "\nThe lanterns went out one by one.\n" }
        let second = try run(["build", "-v"], in: site.root)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("cache: loaded 3 stories"), "\(second.stderr)")
        let clean = try run(["build", "--no-cache", "--output", "clean"], in: site.root)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(FixtureAnthology.contents(of: site.output) == FixtureAnthology.contents(of: site.root.appendingPathComponent("clean")))
    }

    @Test func aBrokenStoryFailsWithItsLocationAndExitCode() throws {
        let site = try FixtureAnthology(stories: ["bad.md": "---\ntitle: [unclosed\n---\nText of the story."])
        defer { site.remove() }
        let result = try run(["build", "--seeds", "seeds", "--output", "out"], in: site.root)
        #expect(result.status != 0)
        #expect(result.stderr.contains("seeds/bad.md:2:"))
        #expect(result.stderr.contains("build failed: 1 error; nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("out").path))
    }

    @Test func refusesToReplaceAFolderItDidNotMake() throws {
        let site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
        defer { site.remove() }
        try site.write("my notes", to: "home/notes.txt")
        let result = try run(["build", "--output", "home"], in: site.root)
        #expect(result.status != 0)
        #expect(result.stderr.contains("not made by Anthology; refusing to replace it"))
        #expect(try String(contentsOf: site.root.appendingPathComponent("home/notes.txt"), encoding: .utf8) == "my notes")
        #expect(site.files(in: site.root.appendingPathComponent("home")) == ["notes.txt"])
    }

    @Test func buildCheckNamesTheBrokenLinkAndFails() throws {
        let site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("broken-link"))
        defer { site.remove() }
        let build = try run(["build", "--check"], in: site.root)
        #expect(build.status == 1)
        #expect(build.stdout.contains("Built 1 story"))
        let page = try site.page("stories/the-wrong-door/index.html")
        let line = try #require(CheckBuiltSiteTests.line(of: "characters/nobody/", in: page))
        #expect(build.stderr.contains("public/stories/the-wrong-door/index.html:\(line):"), "\(build.stderr)")
        #expect(build.stderr.contains(#"error: broken link "../../characters/nobody/index.html""#))
        #expect(build.stdout.contains(": 1 problem"))

        let check = try run(["check"], in: site.root)
        #expect(check.status == 1)
        #expect(check.stderr == build.stderr)
        #expect(check.stdout.hasPrefix("Checked ") && check.stdout.hasSuffix(" links: 1 problem\n"))
    }

    @Test func checkPassesABuiltSiteAndRefusesAMissingOne() throws {
        let site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
        defer { site.remove() }
        #expect(try run(["build"], in: site.root).status == 0)
        let check = try run(["check", "public", "--base-url", "https://example.org/harbour/"], in: site.root)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr == "")
        #expect(check.stdout.hasPrefix("Checked 15 pages, ") && check.stdout.hasSuffix(" links: no problems\n"))

        let missing = try run(["check", "nowhere"], in: site.root)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nowhere: error: no such folder"))

        let badBase = try run(["check", "--base-url", "example.org"], in: site.root)
        #expect(badBase.status != 0)
        #expect(badBase.stderr.contains("--base-url must be an absolute URL"))
    }
}
