import Foundation

/// Stage 6, write: puts the rendered site in the output folder without ever losing anything.
///
/// - A manifest (`.anthology-manifest`) records every file Anthology wrote, with a hash of
///   its contents. Anthology only touches a folder that carries its manifest (or is empty),
///   so `--output ~` cannot clear a home folder, and it only ever deletes files its manifest
///   lists: files someone added by hand (a `CNAME`, say) stay where they are.
/// - A first build goes to a staging folder beside the output and is moved into place when
///   complete. Later builds update the site in place: a file whose contents did not change
///   is not rewritten (so deploy syncs and the preview stay quiet), and each changed file is
///   replaced atomically by a rename, so a reader never sees half a page.
/// - Files are written one by one as they are rendered, through a `Session`
///   (SiteWriter+Session.swift), so the whole site is never held in memory.
/// - Build errors are found before this stage runs, so a failed build leaves the site as it was.
public struct SiteWriter: Sendable {
    public static let manifestName = ".anthology-manifest"
    static let manifestHeader = "# Written by Anthology; the files below are regenerated on every build."

    /// What a write changed.
    public struct Result: Sendable, Equatable {
        /// Files whose contents were written, sorted.
        public var written: [String] = []
        /// Files of the previous site that the new one no longer has, sorted.
        public var removed: [String] = []
        /// Every file of the site, the manifest included.
        public var files = 0
        /// Hash of the manifest as written, to tell later whether the folder is still as left.
        public var manifestHash: UInt64?
        /// The manifest as written: each file's path and content hash; nil after a write
        /// that changed a few hashes of the previous one in place (`beginPatch`).
        var manifest: [String: UInt64]?
        /// The paths of `manifest` in the order written, which is sorted.
        var order: [String] = []

        public var changed: [String] { (written + removed).sorted() }
    }

    public var output: URL
    public var displayOutput: String

    public init(output: URL, displayOutput: String? = nil) {
        self.output = output.standardizedFileURL
        self.displayOutput = displayOutput ?? output.path
    }

    /// Folders emptied by removing a page (a story that was renamed) go too, up to the output folder.
    func removeEmptyFolders(above file: URL) {
        var folder = file.deletingLastPathComponent().standardizedFileURL
        let fm = FileManager.default
        while folder.path.count > output.path.count, folder.path.hasPrefix(output.path + "/"),
              (try? fm.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? fm.removeItem(at: folder)
            folder = folder.deletingLastPathComponent()
        }
    }

    /// The manifest of the site in the output folder (hashes are nil in manifests from older
    /// versions); nil when there is no output folder or it is empty. Throws when the folder
    /// holds anything Anthology did not make.
    func previousManifest(known: Result?) throws(BuildFailure) -> Manifest? {
        let fm = FileManager.default
        // `readlink` rather than `attributesOfItem`, which also reads the user and group databases.
        if (try? fm.destinationOfSymbolicLink(atPath: output.path)) != nil {
            throw BuildFailure([.error(displayOutput, "the output folder is a symbolic link",
                                       fix: "pass the real folder with --output")])
        }
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else {
            throw BuildFailure([.error(displayOutput, "the output path exists and is not a folder",
                                       fix: "pass another path with --output")])
        }
        let contents = (try? fm.contentsOfDirectory(atPath: output.path)) ?? []
        if contents.isEmpty { return nil }
        guard let manifest = Self.readManifest(in: output, known: known) else {
            throw BuildFailure([.error(displayOutput, "the output folder is not empty and was not made by Anthology; refusing to replace it",
                                       fix: "pass an empty or new folder with --output (nothing was changed)")])
        }
        return manifest
    }

    /// A manifest as read: each file's hash (nil in manifests from older versions, or on a
    /// line without a readable one), and, when the file lists the paths sorted as
    /// `manifestText` writes them, that order, which a build that keeps every file writes
    /// again without sorting 14,000 paths.
    struct Manifest: Sendable {
        var hashes: [String: UInt64?]
        var order: [String]?
    }

    /// One line per file: its path, a tab, and the hash of its contents, sorted by path.
    /// `order`, the sorted paths of the previous manifest, is used when it lists exactly
    /// the paths of `hashes`. Returns the text and the order it wrote.
    static func manifestText(_ hashes: [String: UInt64], order: [String]? = nil) -> (text: Data, order: [String]) {
        // As bytes, into a buffer sized once: a string grown line by line, with a hex string
        // made for each of 14,000 hashes, was two fifths of making the manifest.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(manifestHeader.utf8.count + 1 + hashes.count * 64)
        bytes += manifestHeader.utf8
        bytes.append(UInt8(ascii: "\n"))
        let start = bytes.count
        if let order, order.count == hashes.count {
            // As many distinct paths, each of them in `hashes`: the same paths.
            var complete = true
            for path in order {
                guard let hash = hashes[path] else { complete = false; break }
                append(path, hash, to: &bytes)
            }
            if complete { return (Data(bytes), order) }
            bytes.removeSubrange(start...)
        }
        let sorted = hashes.keys.sorted()
        for path in sorted { append(path, hashes[path]!, to: &bytes) }
        return (Data(bytes), sorted)
    }

    private static func append(_ path: String, _ hash: UInt64, to bytes: inout [UInt8]) {
        bytes += path.utf8
        bytes.append(UInt8(ascii: "\t"))
        hash.appendHex(digits: 16, to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// The files a manifest lists, with their hashes.
    static func manifest(in folder: URL, known: Result? = nil) -> [String: UInt64?]? {
        readManifest(in: folder, known: known)?.hashes
    }

    static func readManifest(in folder: URL, known: Result? = nil) -> Manifest? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(manifestName)) else { return nil }
        if let known, let hash = known.manifestHash, let hashes = known.manifest, ContentHash.of(data) == hash {
            return Manifest(hashes: hashes, order: known.order)
        }
        return parseManifest([UInt8](data))
    }

    static func parseManifest(_ bytes: [UInt8]) -> Manifest? {
        // By bytes: at 10,000 stories the manifest has 14,000 lines, and splitting it as
        // characters was a tenth of a one-story rebuild.
        guard bytes.starts(with: manifestHeader.utf8), String(validating: bytes, as: UTF8.self) != nil else { return nil }
        var files: [String: UInt64?] = [:]
        files.reserveCapacity(bytes.count / 48)
        var order: [String]? = []
        order?.reserveCapacity(bytes.count / 48)
        for line in bytes.split(separator: UInt8(ascii: "\n")).dropFirst() {
            let tab = line.lastIndex(of: UInt8(ascii: "\t"))
            let path = String(decoding: line[..<(tab ?? line.endIndex)], as: UTF8.self)
            files[path] = tab.flatMap { UInt64(String(decoding: line[($0 + 1)...], as: UTF8.self), radix: 16) }
            // Strictly sorted, as written, or the order is not kept.
            if let last = order?.last, !(last < path) { order = nil }
            order?.append(path)
        }
        return Manifest(hashes: files, order: order)
    }

    /// The manifest on disk, as read, and its hash.
    struct ManifestFile: Sendable {
        var data: Data
        var hash: UInt64
    }

    /// The manifest on disk, or nil without one. Its hash tells whether the output folder is
    /// still exactly as the last build left it; a write that patches it starts from it
    /// (`beginPatch`), so that it is read once per build.
    func manifestOnDisk() -> ManifestFile? {
        (try? Data(contentsOf: output.appendingPathComponent(Self.manifestName)))
            .map { ManifestFile(data: $0, hash: ContentHash.of($0)) }
    }

    static func isOurs(_ folder: URL) -> Bool {
        manifest(in: folder) != nil || ((try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty ?? false)
    }
}
