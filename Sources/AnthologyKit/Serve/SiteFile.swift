import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file of the output folder, found without ever leaving it.
struct SiteFile: Sendable {
    enum Resolution: Sendable {
        case file(SiteFile)
        case folder
        case missing
    }

    /// The real path, symlinks resolved.
    var path: String
    /// Seconds since 1970.
    var modified: Int
    var isHTML: Bool { path.hasSuffix(".html") }

    /// Looks up `segments` below `root`. The path is resolved with `realpath`, so a symlink
    /// counts as missing unless where it points is inside the real root too.
    static func resolve(_ segments: [String], in root: URL) -> Resolution {
        guard let realRoot = realPath(root.path) else { return .missing }
        let candidate = ([root.path] + segments).joined(separator: "/")
        guard let real = realPath(candidate), real == realRoot || real.hasPrefix(realRoot + "/") else { return .missing }
        // Hidden files (the manifest, editors' swap files) are not part of the site.
        if real.dropFirst(realRoot.count).split(separator: "/").contains(where: { $0.hasPrefix(".") }) { return .missing }
        var info = stat()
        guard stat(real, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file(SiteFile(path: real, modified: Int(info.st_mtim.tv_sec)))
        default: return .missing
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
