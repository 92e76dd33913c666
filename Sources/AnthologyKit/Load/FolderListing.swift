import Foundation
import Glibc

/// The entries of one folder, read with `readdir`: the kernel says with each name whether it
/// is a folder, so listing the seeds folder after every save costs no `stat` per story
/// (FileManager makes one per entry). Only links, and entries of file systems that do not
/// report kinds, are looked up, following links as reading a story does.
struct FolderListing {
    struct Entry {
        var name: String
        /// Nil when the listing does not say (a link, or an unreporting file system).
        fileprivate var reportedFolder: Bool?

        /// Whether the listing said what the entry is: false for a link, and for any entry of
        /// a file system that does not say.
        var isReportedKind: Bool { reportedFolder != nil }

        /// Whether the entry is a folder, or a link to one; `folder` is the listed folder's path.
        func isFolder(in folder: String) -> Bool {
            if let reportedFolder { return reportedFolder }
            var info = stat()
            return stat(folder + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
        }
    }

    /// Entries of the folder at `path`, without `.` and `..`, in no particular order.
    static func entries(of path: String) throws -> [Entry] {
        guard let folder = opendir(path) else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        defer { closedir(folder) }
        var entries: [Entry] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name == "." || name == ".." { continue }
            let reported: Bool? = switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): true
            case Int32(DT_LNK), Int32(DT_UNKNOWN): nil
            default: false
            }
            entries.append(Entry(name: name, reportedFolder: reported))
        }
        return entries
    }
}
