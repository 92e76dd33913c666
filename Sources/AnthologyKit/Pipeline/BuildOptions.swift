import Foundation

/// Where a build reads from and writes to, and what it includes.
public struct BuildOptions: Sendable {
    public var seeds: URL
    public var templates: URL
    public var output: URL
    /// Paths as the user typed them, for messages.
    public var seedsDisplay: String
    public var templatesDisplay: String
    public var outputDisplay: String
    public var includeDrafts: Bool
    public var siteTitle: String

    public init(seeds: String = "seeds", templates: String = "templates", output: String = "public",
                includeDrafts: Bool = false, siteTitle: String = "Anthology",
                relativeTo base: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        func resolve(_ path: String) -> URL {
            let expanded = (path as NSString).expandingTildeInPath
            return expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : base.appendingPathComponent(expanded)
        }
        self.seeds = resolve(seeds)
        self.templates = resolve(templates)
        self.output = resolve(output)
        self.seedsDisplay = seeds
        self.templatesDisplay = templates
        self.outputDisplay = output
        self.includeDrafts = includeDrafts
        self.siteTitle = siteTitle
    }
}
