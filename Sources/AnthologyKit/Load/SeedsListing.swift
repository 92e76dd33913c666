/// The story files a load found, kept by `serve` so that a rebuild after its watcher
/// reported a save needs neither a listing of the seeds folder nor a `stat` of every story:
/// at 10,000 stories those were half of what a save cost.
struct SeedsListing: Sendable, Equatable {
    /// Relative paths of the story files, sorted as the load stage sorts them.
    var paths: [String]
    /// Files whose changes a watcher of the seeds folder may not see, checked with `stat` at
    /// every load: links (an edit of the file linked to happens elsewhere), files with a
    /// second name (a hard link edited under the other one), and files of file systems that
    /// do not say what their entries are.
    var unwatched: Set<String> = []
    /// Folders below the seeds folder that are links (or of a file system that does not say),
    /// whose files are checked like `unwatched` ones.
    var linkedFolders: [String] = []
    /// Files that could not be read, tried again by every load so that their problem is
    /// reported until it is fixed.
    var unreadable: Set<String> = []

    /// Whether the watcher reports every change to the file at `relative`.
    func isWatched(_ relative: String) -> Bool {
        !unwatched.contains(relative) && !linkedFolders.contains { relative.hasPrefix($0 + "/") }
    }

    /// The files a load after the watcher reported `changed` looks at: those and the ones
    /// the watcher cannot vouch for, sorted.
    func toLookAt(after changed: Set<String>) -> [String] {
        var looked = changed.union(unwatched).union(unreadable)
        if !linkedFolders.isEmpty { looked.formUnion(paths.filter { !isWatched($0) }) }
        return looked.sorted()
    }

    func contains(_ relative: String) -> Bool {
        paths.sortedElement(relative, by: { $0 }) != nil
    }

    /// Adds `relative` in its sorted place, unless present.
    mutating func insert(_ relative: String) {
        let index = paths.sortedIndex(of: relative, by: { $0 })
        if index == paths.endIndex || paths[index] != relative { paths.insert(relative, at: index) }
    }

    /// Removes `relative`, if present.
    mutating func remove(_ relative: String) {
        let index = paths.sortedIndex(of: relative, by: { $0 })
        if index < paths.endIndex, paths[index] == relative { paths.remove(at: index) }
        unwatched.remove(relative)
        unreadable.remove(relative)
    }
}
