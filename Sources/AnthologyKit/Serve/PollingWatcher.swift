import Foundation

/// Watches by scanning the watched folders every `interval`: slower than inotify, but works
/// on every file system (network shares, some containers) where inotify stays silent.
struct PollingWatcher: FileWatcher {
    var list: WatchList
    var interval: Duration = .milliseconds(250)

    /// Enough to tell that a file was replaced or rewritten.
    private struct Stamp: Equatable {
        var modified: Date?
        var size: Int?
        var inode: Int?
    }

    func changes() throws -> AsyncStream<ChangeBatch> {
        let (stream, continuation) = AsyncStream<ChangeBatch>.makeStream()
        let initial = Self.snapshot(list)
        let task = Task { [list, interval] in
            var previous = initial
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                let current = Self.snapshot(list)
                let changed = Set(previous.keys).union(current.keys).filter { previous[$0] != current[$0] }
                previous = current
                // Scans see contents only as finely as file times tell them apart.
                if !changed.isEmpty { continuation.yield(ChangeBatch(paths: changed.sorted(), isComplete: false)) }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private static func snapshot(_ list: WatchList) -> [String: Stamp] {
        let fm = FileManager.default
        var stamps: [String: Stamp] = [:]
        func record(_ path: String) {
            guard list.matters(path), let attributes = try? fm.attributesOfItem(atPath: path) else { return }
            stamps[path] = Stamp(modified: attributes[.modificationDate] as? Date,
                                 size: (attributes[.size] as? NSNumber)?.intValue,
                                 inode: (attributes[.systemFileNumber] as? NSNumber)?.intValue)
        }
        for folder in list.folders {
            guard let enumerator = fm.enumerator(atPath: folder.path) else { continue }
            while let relative = enumerator.nextObject() as? String { record(folder.path + "/" + relative) }
        }
        for file in list.files { record(file.path) }
        return stamps
    }
}
