import Foundation
import Testing
@testable import AnthologyKit

/// A throwaway anthology in a temporary folder: stories, the repository's templates, and an
/// output folder, so a test can build a real site and read what a visitor would see.
struct FixtureAnthology {
    let root: URL
    var seeds: URL { root.appendingPathComponent("seeds") }
    var templates: URL { root.appendingPathComponent("templates") }
    var output: URL { root.appendingPathComponent("public") }

    /// The repository (the folder holding Package.swift), found from this file's path.
    static let repository: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static func fixturesFolder(_ name: String) -> URL {
        repository.appendingPathComponent("Tests/AnthologyKitTests/Fixtures").appendingPathComponent(name)
    }

    /// - Parameters:
    ///   - stories: file name → contents, written into `seeds/`.
    ///   - copying: a folder of stories to copy into `seeds/` first (for example `Fixtures/harbour-lights`).
    init(stories: [String: String] = [:], copying folder: URL? = nil) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("anthology-test-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        if let folder {
            try fm.copyItem(at: folder, to: seeds)
        } else {
            try fm.createDirectory(at: seeds, withIntermediateDirectories: true)
        }
        try fm.copyItem(at: Self.repository.appendingPathComponent("templates"), to: templates)
        for (name, text) in stories {
            try write(text, to: "seeds/" + name)
        }
    }

    func write(_ text: String, to relative: String) throws {
        try write(Data(text.utf8), to: relative)
    }

    /// Rewrites a file of the fixture (`relative` to its root) as `change` makes it.
    func edit(_ relative: String, _ change: (String) -> String) throws {
        try write(change(try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)), to: relative)
    }

    func write(_ data: Data, to relative: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    var options: BuildOptions {
        BuildOptions(seeds: seeds.path, templates: templates.path, output: output.path)
    }

    /// Builds the site; throws `BuildFailure` like the command does.
    @discardableResult
    func build(drafts: Bool = false, output: URL? = nil, metadata: SiteMetadata? = nil) throws(BuildFailure) -> BuildReport {
        var options = self.options
        options.includeDrafts = drafts
        if let metadata { options.metadata = metadata }
        if let output {
            options.output = output
            options.outputDisplay = output.path
        }
        return try Builder(options: options).build()
    }

    /// The diagnostics of a build that is expected to fail (empty if it succeeded).
    func failure(output: URL? = nil) -> [Diagnostic] {
        do {
            try build(output: output)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// A page of the built site as text.
    func page(_ relative: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(relative), encoding: .utf8)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(relative).path)
    }

    /// Every file below `folder`, the manifest included, with its contents, by relative path.
    static func contents(of folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = try? Data(contentsOf: url)
            }
        }
        return files
    }

    /// Records an issue for every file that `built` and the clean build in `clean` do not
    /// hold alike, byte for byte.
    static func expectSameFiles(_ built: URL, asCleanBuild clean: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = contents(of: built)
        let expected = contents(of: clean)
        #expect(actual.keys.sorted() == expected.keys.sorted(), sourceLocation: sourceLocation)
        for (path, data) in expected where actual[path] != data {
            Issue.record("\(path) differs from a clean build", sourceLocation: sourceLocation)
        }
    }

    /// Every file below `folder` (default: the output), as sorted relative paths.
    func files(in folder: URL? = nil) -> [String] {
        let base = folder ?? output
        let all = FileManager.default.enumerator(atPath: base.path)?.allObjects as? [String] ?? []
        return all.filter { path in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: base.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return exists && !isDirectory.boolValue
        }.sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// Reads a page the way a visitor sees it.
enum PageText {
    /// Text with tags removed and entities decoded, whitespace collapsed.
    static func visible(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The page's `<title>`, as a visitor's tab shows it.
    static func title(_ html: String) -> String {
        guard let start = html.range(of: "<title>"), let end = html.range(of: "</title>", range: start.upperBound..<html.endIndex)
        else { return "" }
        return visible(String(html[start.upperBound..<end.lowerBound]))
    }

    /// The bodies of the page's `<script type="application/ld+json">` elements.
    static func jsonLD(_ html: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"<script type="application/ld\+json">(.*?)</script>"#,
                                             options: .dotMatchesLineSeparators)
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            Range(match.range(at: 1), in: html).map { String(html[$0]) }
        }
    }

    /// The page without its JSON-LD elements, for checks that no other script got in.
    static func withoutJSONLD(_ html: String) -> String {
        html.replacingOccurrences(of: #"<script type="application/ld\+json">.*?</script>"#, with: "",
                                  options: .regularExpression)
    }

    /// Values of every `href` attribute, in order.
    static func links(_ html: String) -> [String] {
        attribute("href", in: html)
    }

    /// Values of every `name="..."` attribute, with `&amp;` decoded.
    static func attribute(_ name: String, in html: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "\\s\(name)=\"([^\"]*)\"")
        let range = NSRange(html.startIndex..., in: html)
        return regex.matches(in: html, range: range).compactMap { match in
            Range(match.range(at: 1), in: html).map { String(html[$0]).replacingOccurrences(of: "&amp;", with: "&") }
        }
    }

    /// Every internal link of a built site that does not resolve, as "page -> target".
    static func brokenLinks(in site: FixtureAnthology) throws -> [String] {
        var broken: [String] = []
        var idsByPage: [String: Set<String>] = [:]
        let pages = site.files().filter { $0.hasSuffix(".html") }
        for page in pages {
            idsByPage[page] = Set(attribute("id", in: try site.page(page)))
        }
        for page in pages {
            let html = try site.page(page)
            let base = URL(fileURLWithPath: "/site/" + page)
            for href in links(html) where !href.contains("://") && !href.hasPrefix("mailto:") {
                let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let path = parts[0]
                var target = page
                if !path.isEmpty {
                    let resolved = URL(fileURLWithPath: path, relativeTo: base.deletingLastPathComponent()).standardizedFileURL.path
                    guard resolved.hasPrefix("/site/") else {
                        broken.append("\(page) -> \(href) (leaves the site)")
                        continue
                    }
                    target = String(resolved.dropFirst("/site/".count))
                }
                guard site.exists(target), !path.hasSuffix("/") else {
                    broken.append("\(page) -> \(href)")
                    continue
                }
                if parts.count == 2, target.hasSuffix(".html"), !(idsByPage[target]?.contains(parts[1]) ?? false) {
                    broken.append("\(page) -> \(href) (no such fragment)")
                }
            }
        }
        return broken
    }
}
