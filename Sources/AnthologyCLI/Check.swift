import AnthologyKit
import ArgumentParser
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a built site: links, fragments, HTML, reachability, feed and sitemap.",
        discussion: "Every internal link and #fragment must resolve inside the site, every page must be well-formed HTML, every character and city page must be at most two clicks from index.html, and feed.xml and sitemap.xml (when present) must parse and list only pages that exist. External links are not fetched. Exits non-zero when there is any problem."
    )

    @Argument(help: "The built site.")
    var dir = "public"

    @Option(help: "Where the site is published (https://example.org/anthology/); absolute URLs in feed.xml and sitemap.xml must start with it. Default: the canonical link of index.html.")
    var baseURL: String?

    func validate() throws {
        try Self.validate(baseURL: baseURL)
    }

    func run() throws {
        let folder = URL(fileURLWithPath: (dir as NSString).expandingTildeInPath,
                         relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        try Self.run(on: folder.standardizedFileURL, display: dir, baseURL: baseURL)
    }

    static func validate(baseURL: String?) throws {
        if let baseURL, SiteChecker.normalizedBase(baseURL) == nil {
            throw ValidationError("--base-url must be an absolute URL such as https://example.org/anthology/")
        }
    }

    /// Checks `dir` and prints every problem and a summary; fails when there is a problem.
    /// Shared with `build --check`.
    static func run(on folder: URL, display: String, baseURL: String?) throws {
        let report = SiteChecker(folder: folder, display: display, baseURL: baseURL).check()
        for diagnostic in report.diagnostics { printError(diagnostic.description) }
        print(report.summary)
        if !report.diagnostics.isEmpty { throw ExitCode.failure }
    }
}
