/// The story files a load found, kept by `serve` so that a rebuild after its watcher
/// reported a save needs neither a listing of the seeds folder nor a `stat` of every story:
/// at 10,000 stories those were half of what a save cost.
struct SeedsListing: Sendable, Equatable {
    /// Relative paths of the story files, sorted as the load stage sorts them.
    var paths: [String]
    /// Files whose changes a watcher of the seeds folder may not see, checked with `stat` at
    /// every load: links (an edit of the file linked to happens elsewhere), files with a
    /// second name (a hard link edited under the other one), files below a linked folder,
    /// and files of file systems that do not say what their entries are.
    var unwatched: Set<String> = []
    /// Linked folders below the seeds folder, whose files go to `unwatched`.
    var linkedFolders: [String] = []

    /// Whether the watcher reports every change to the file at `relative`.
    func isWatched(_ relative: String) -> Bool {
        !unwatched.contains(relative) && !linkedFolders.contains { relative.hasPrefix($0 + "/") }
    }

    /// Adds `relative` in its sorted place, unless present.
    mutating func insert(_ relative: String) {
        let index = position(of: relative)
        if index == paths.endIndex || paths[index] != relative { paths.insert(relative, at: index) }
    }

    /// Removes `relative`, if present.
    mutating func remove(_ relative: String) {
        let index = position(of: relative)
        if index < paths.endIndex, paths[index] == relative { paths.remove(at: index) }
        unwatched.remove(relative)
    }

    /// The first index whose path is not less than `relative` (binary search of `paths`).
    private func position(of relative: String) -> Int {
        var low = 0, high = paths.count
        while low < high {
            let middle = (low + high) / 2
            if paths[middle] < relative { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
