import Glibc

/// What `stat` says about a file: enough to tell that it has not changed since it was last
/// read, without reading it again. A rebuild after one save then reads one file, not all.
///
/// Inode and change time catch editors that save by renaming a new file into place and any
/// write at all (the change time cannot be set by hand, unlike the modification time).
/// A file changed within `settlingTime` of being read is read again next time: timestamps
/// are coarse, so a second write in the same tick could otherwise go unnoticed (the rule Git
/// follows for its index).
struct FileStamp: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64
    var changed: Int64
    /// When the file was read, from the same clock as the file times.
    var readAt: Int64

    static let settlingTime: Int64 = 2_000_000_000

    /// The stamp of the file at `path` now, or nil if it cannot be stat'ed.
    init?(path: String) {
        guard let (stamp, _) = Self.probe(path, in: AT_FDCWD) else { return nil }
        self = stamp
    }

    /// The stamp of the file at `path`, relative to the open folder `folder` (as `fstatat`
    /// takes them: the kernel then looks up the path's own components, not every folder
    /// from the root down again for each of ten thousand stories), and whether the file has
    /// no other name: a regular file with one link, whose every change a watcher of its
    /// folder sees (`SeedsListing.unwatched`).
    static func probe(_ path: String, in folder: Int32) -> (stamp: FileStamp, soleName: Bool)? {
        var info = stat()
        guard fstatat(folder, path, &info, 0) == 0 else { return nil }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let stamp = FileStamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                              modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                              changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
                              readAt: Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec))
        return (stamp, info.st_mode & S_IFMT == S_IFREG && info.st_nlink == 1)
    }

    init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64, readAt: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
        self.readAt = readAt
    }

    /// Whether a file read with stamp `self` is still the same file with the same contents.
    func stillDescribes(_ current: FileStamp) -> Bool {
        device == current.device && inode == current.inode && size == current.size
            && modified == current.modified && changed == current.changed
            && max(modified, changed) < readAt - Self.settlingTime
    }
}
