import Foundation
import Logging

/// Rebuilds the site after changes, one build at a time, keeping the cache between builds
/// so that a save costs only what it changed; tells the open pages what happened.
actor PreviewSession {
    private var builder: Builder
    let events: BuildEvents
    let logger: Logger
    let configFile: URL?
    let reloadOptions: (@Sendable () throws(BuildFailure) -> BuildOptions)?
    /// Kept from save to save, with the story files, which are read again only when the
    /// watcher reports them changed (or, when it cannot vouch for that, `stat` shows it).
    private var cache = BuildCache(keepsFiles: true)
    /// What the previous build reported, sorted, so that each rebuild logs only what is new.
    private var reported: [Diagnostic] = []
    private let clock = ContinuousClock()

    /// `watched`: whether a watcher reports every change of the seeds folder from now on,
    /// its batches passed to `rebuild(after:)`.
    init(builder: Builder, events: BuildEvents, logger: Logger, configFile: URL? = nil,
         reloadOptions: (@Sendable () throws(BuildFailure) -> BuildOptions)? = nil, watched: Bool = false) {
        self.builder = builder
        if watched { cache.watch = SeedsWatch(seeds: builder.options.seeds.standardizedFileURL.path) }
        self.events = events
        self.logger = logger
        self.configFile = configFile
        self.reloadOptions = reloadOptions
    }

    /// The configuration changed: read it again. The folders stay those the preview
    /// watches and serves; changing them needs a restart.
    private func reloadConfiguration() throws(BuildFailure) {
        guard let reloadOptions else { return }
        var options = try reloadOptions()
        let current = builder.options
        if (options.seeds, options.templates, options.output) != (current.seeds, current.templates, current.output) {
            logger.warning("the configuration names other folders; restart `anthology serve` to use them")
            (options.seeds, options.templates, options.output) = (current.seeds, current.templates, current.output)
            (options.seedsDisplay, options.templatesDisplay, options.outputDisplay) =
                (current.seedsDisplay, current.templatesDisplay, current.outputDisplay)
        }
        builder.options = options
    }

    /// Builds, logs one line, and publishes the result. `batch` holds the changes that
    /// triggered the build (nil for the first one).
    func rebuild(after batch: ChangeBatch? = nil) async {
        let changes = batch?.paths ?? []
        if let batch { cache.watch?.record(batch.paths, complete: batch.isComplete) }
        let start = clock.now
        let cause = Self.describe(changes, relativeTo: builder.options)
        do {
            if let configFile, changes.contains(configFile.path) { try reloadConfiguration() }
            let report = try builder.build(cache: &cache)
            let elapsed = start.duration(to: clock.now)
            await events.publish(.init(ok: true, changed: report.changed, pages: report.pages,
                                       milliseconds: Self.milliseconds(elapsed)))
            cache.releaseRetired()
            let new = report.diagnostics.added(since: reported)
            reported = report.diagnostics
            let verbose = logger.logLevel <= .debug
            for line in DiagnosticList(new, noteLimit: verbose ? nil : DiagnosticList.defaultNoteLimit).lines {
                logger.warning("\(line)")
            }
            logger.info("\(cause)\(report.rendered) of \(report.pages) pages rendered, \(report.changed.count) files changed, in \(elapsed.milliseconds)")
        } catch {
            let elapsed = start.duration(to: clock.now)
            logger.error("\(cause)build failed in \(elapsed.milliseconds):\n\(error.description)")
            await events.publish(.init(ok: false, changed: [], pages: 0, milliseconds: Self.milliseconds(elapsed),
                                       errors: error.description))
            cache.releaseRetired()
        }
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// "seeds/a.md changed: " — paths as the user knows them.
    static func describe(_ changes: [String], relativeTo options: BuildOptions) -> String {
        guard !changes.isEmpty else { return "Built: " }
        let roots = [(options.seeds.standardizedFileURL.path, options.seedsDisplay),
                     (options.templates.standardizedFileURL.path, options.templatesDisplay)]
        let shown = changes.prefix(3).map { path -> String in
            for (root, display) in roots where path.hasPrefix(root + "/") {
                return (display.hasSuffix("/") ? display : display + "/") + path.dropFirst(root.count + 1)
            }
            return path
        }
        let more = changes.count > 3 ? " and \(changes.count - 3) more" : ""
        return shown.joined(separator: ", ") + more + " changed: "
    }
}
