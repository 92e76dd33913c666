import Foundation

/// Tells the preview what changed on disk, in batches: one batch per save, however many
/// events the editor's way of saving produces (write, rename, chmod, swap files).
protocol FileWatcher: Sendable {
    /// Batches of changes; the stream ends when the consumer stops iterating. The watcher
    /// watches from the moment this returns: a build started after it misses no change.
    func changes() throws -> AsyncStream<ChangeBatch>
}

/// The paths that changed since the last batch.
struct ChangeBatch: Sendable, Equatable {
    /// Sorted.
    var paths: [String]
    /// Whether the watcher vouches that nothing else changed: false when it may have missed
    /// changes (lost events, a folder it could not watch, or a watcher that only polls),
    /// after which the preview looks at every file again.
    var isComplete: Bool
}

/// What to watch, shared by both watchers.
struct WatchList: Sendable {
    /// Watched with everything below them.
    var folders: [URL]
    /// Single files (the configuration); their folder is watched, other names in it ignored.
    var files: [URL]
    /// Paths whose changes do not count: the output folder and the writer's working folders.
    var ignored: [String]

    /// Whether a change at `path` matters for the site.
    func matters(_ path: String) -> Bool {
        if ignored.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) { return false }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        // Editors' swap and backup files (`.story.md.swp`, `story.md~`, vim's `4913` probe).
        if name.hasPrefix(".") || name.hasSuffix("~") || name == "4913" { return false }
        if files.contains(where: { $0.path == path }) { return true }
        return folders.contains { path == $0.path || path.hasPrefix($0.path + "/") }
    }
}
