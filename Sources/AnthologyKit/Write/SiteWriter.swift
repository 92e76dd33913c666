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
        /// The manifest as written: each file's path and content hash.
        public var manifest: [String: UInt64] = [:]

        public var changed: [String] { (written + removed).sorted() }
    }

    public var output: URL
    public var displayOutput: String

    public init(output: URL, displayOutput: String? = nil) {
        self.output = output.standardizedFileURL
        self.displayOutput = displayOutput ?? output.path
    }

    /// Writes `files`. `unchanged` names files of the previous build that the renderer knows
    /// to be current; they are kept as they are. `known` is the `Result` of the previous
    /// write to this folder, if at hand: when the manifest on disk is still the one it wrote,
    /// it is taken from there rather than parsed again.
    public func write(_ files: [OutputFile], unchanged: [String] = [], known: Result? = nil) throws(BuildFailure) -> Result {
        let hashes = files.concurrentMap { ContentHash.of($0.contents) }
        let result: Result
        do {
            if let previous = try previousManifest(known: known) {
                result = try update(files, hashes: hashes, unchanged: unchanged, previous: previous)
            } else {
                result = try writeFresh(files, hashes: hashes)
            }
        } catch let failure as BuildFailure {
            throw failure
        } catch {
            throw BuildFailure([.error(displayOutput, "could not write the site: \(error.localizedDescription)",
                                       fix: "check that the folder and its parent are writable, then build again")])
        }
        return result
    }

    /// The first build: everything goes to a staging folder that is then moved into place.
    private func writeFresh(_ files: [OutputFile], hashes: [UInt64]) throws -> Result {
        let fm = FileManager.default
        var manifestHash: UInt64?
        var manifest: [String: UInt64] = [:]
        let parent = output.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).anthology-staging")
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        if fm.fileExists(atPath: staging.path) {
            // Left by an interrupted build: ours only if it carries our manifest.
            guard Self.isOurs(staging) else {
                throw BuildFailure([.error(staging.path, "a folder with this name is in the way and was not made by Anthology",
                                           fix: "move it elsewhere, then build again")])
            }
            try fm.removeItem(at: staging)
        }
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            // Folders first, one after another; then the files, which the kernel can create
            // side by side: a first build of an archive is mostly file creation.
            var folders: Set<String> = [staging.path]
            for file in files {
                try FileOutput.makeFolder((staging.path + "/" + file.path as NSString).deletingLastPathComponent, known: &folders)
            }
            let stagingPath = staging.path
            let failures = files.concurrentMap { file -> String? in
                do {
                    try FileOutput.write(file.contents, to: stagingPath + "/" + file.path)
                    return nil
                } catch {
                    return error.localizedDescription
                }
            }
            if let failure = failures.lazy.compactMap({ $0 }).first {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure])
            }
            manifest = Dictionary(zip(files.map(\.path), hashes), uniquingKeysWith: { a, _ in a })
            let text = Self.manifestText(manifest)
            try FileOutput.write(text, to: staging.path + "/" + Self.manifestName)
            manifestHash = ContentHash.of(text)
            if fm.fileExists(atPath: output.path) { try fm.removeItem(at: output) }  // an empty folder
            try fm.moveItem(at: staging, to: output)
        } catch {
            // The staging folder is this run's own, so it goes even before its manifest is written.
            try? fm.removeItem(at: staging)
            throw error
        }
        return Result(written: files.map(\.path).sorted(), removed: [], files: files.count + 1,
                      manifestHash: manifestHash, manifest: manifest)
    }

    /// Later builds: only what changed is written, and only what Anthology wrote is removed.
    private func update(_ files: [OutputFile], hashes: [UInt64], unchanged: [String], previous: [String: UInt64?]) throws -> Result {
        let fm = FileManager.default
        // A new page where someone put a file of their own: stop before changing anything.
        for file in files where previous[file.path] == nil && fm.fileExists(atPath: output.appendingPathComponent(file.path).path) {
            throw BuildFailure([.error(displayOutput + "/" + file.path,
                                       "this file was not made by Anthology, and the new site has a page at the same path",
                                       fix: "move or rename the file, then build again (nothing was changed)")])
        }
        var manifest: [String: UInt64] = [:]
        manifest.reserveCapacity(unchanged.count + files.count)
        var result = Result()
        for path in unchanged {
            if let hash = previous[path] ?? nil { manifest[path] = hash }
        }
        var folders: Set<String> = [output.path]
        for (file, hash) in zip(files, hashes) {
            manifest[file.path] = hash
            let url = output.appendingPathComponent(file.path)
            if previous[file.path] == hash, fm.fileExists(atPath: url.path) { continue }
            try FileOutput.makeFolder(url.deletingLastPathComponent().path, known: &folders)
            try FileOutput.replace(url.path, with: file.contents)
            result.written.append(file.path)
        }
        for path in previous.keys.filter({ manifest[$0] == nil }).sorted() {
            let url = output.appendingPathComponent(path)
            if fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
            removeEmptyFolders(above: url)
            result.removed.append(path)
        }
        let manifestText = Self.manifestText(manifest)
        try FileOutput.replace(output.appendingPathComponent(Self.manifestName).path, with: manifestText)
        result.manifestHash = ContentHash.of(manifestText)
        result.manifest = manifest
        result.written.sort()
        result.files = manifest.count + 1
        return result
    }

    /// Folders emptied by removing a page (a story that was renamed) go too, up to the output folder.
    private func removeEmptyFolders(above file: URL) {
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
    private func previousManifest(known: Result?) throws(BuildFailure) -> [String: UInt64?]? {
        let fm = FileManager.default
        if let attributes = try? fm.attributesOfItem(atPath: output.path), attributes[.type] as? FileAttributeType == .typeSymbolicLink {
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
        guard let manifest = Self.manifest(in: output, known: known) else {
            throw BuildFailure([.error(displayOutput, "the output folder is not empty and was not made by Anthology; refusing to replace it",
                                       fix: "pass an empty or new folder with --output (nothing was changed)")])
        }
        return manifest
    }

    /// One line per file: its path, a tab, and the hash of its contents.
    static func manifestText(_ hashes: [String: UInt64]) -> Data {
        var text = manifestHeader + "\n"
        for (path, hash) in hashes.sorted(by: { $0.key < $1.key }) {
            text += path
            text += "\t"
            text += hash.hex
            text += "\n"
        }
        return Data(text.utf8)
    }

    /// The files a manifest lists, with their hashes.
    static func manifest(in folder: URL, known: Result? = nil) -> [String: UInt64?]? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(manifestName)) else { return nil }
        if let known, let hash = known.manifestHash, ContentHash.of(data) == hash { return known.manifest }
        guard let text = String(data: data, encoding: .utf8), text.hasPrefix(manifestHeader) else { return nil }
        var files: [String: UInt64?] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            if let tab = line.lastIndex(of: "\t") {
                files[String(line[..<tab])] = UInt64(line[line.index(after: tab)...], radix: 16)
            } else {
                files[String(line)] = .some(nil)
            }
        }
        return files
    }

    /// Hash of the manifest on disk, or nil without one: tells whether the output folder is
    /// still exactly as the last build left it.
    public func manifestFingerprint() -> UInt64? {
        (try? Data(contentsOf: output.appendingPathComponent(Self.manifestName))).map(ContentHash.of)
    }

    static func isOurs(_ folder: URL) -> Bool {
        manifest(in: folder) != nil || ((try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty ?? false)
    }
}
