import Glibc

/// What a watcher of the seeds folder vouches for: the story files changed since the last
/// load, so that the next one need not look at the others (`SourceLoader.rescan`).
struct SeedsWatch: Sendable {
    /// Relative paths of the story files changed since the last load; nil when the watcher
    /// cannot say (before the first load, after it lost events, after a folder changed,
    /// which may hide any number of files), and the next load must look at every file.
    private(set) var changed: Set<String>?

    /// The seeds folder's path as the watcher reports paths below it.
    let seeds: String

    init(seeds: String) {
        self.seeds = seeds
    }

    /// Takes in a watcher's report of changed `paths`; `complete` false when the watcher
    /// may have missed some.
    mutating func record(_ paths: [String], complete: Bool) {
        guard complete, var changed else { return changed = nil }
        for path in paths {
            if path == seeds { return self.changed = nil }
            guard path.hasPrefix(seeds + "/") else { continue }  // a template, the configuration
            let relative = String(path.dropFirst(seeds.count + 1))
            let names = relative.split(separator: "/")
            // Hidden files and folders are no stories (the watcher leaves out hidden names, not
            // paths below hidden folders).
            if names.contains(where: { $0.hasPrefix(".") }) { continue }
            if SourceLoader.isStoryName(String(names.last ?? "")) {
                changed.insert(relative)
                continue
            }
            // Any other file is no story; anything else may be a folder that came or went.
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return self.changed = nil }
        }
        self.changed = changed
    }

    /// A load looked at what changed: from now on only what the watcher reports next counts.
    mutating func loaded() {
        changed = []
    }
}
