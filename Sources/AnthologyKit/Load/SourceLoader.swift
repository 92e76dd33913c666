import Foundation
import Glibc

/// Stage 1, load: finds every story file under the seeds folder and reads it as UTF-8.
///
/// Reading is separate from parsing so that a file that cannot be read (permissions,
/// a dangling link, bytes that are not UTF-8) is reported once, precisely, and the
/// remaining files still get checked.
public struct SourceLoader: Sendable {
    /// Extensions a story may have; anything else in the folder (images, notes) is left alone.
    public static let storyExtensions: Set<String> = ["md", "markdown", "txt"]

    public var seedsFolder: URL
    /// How the user named the folder, so messages show paths they recognise.
    public var displayFolder: String

    public init(seedsFolder: URL, displayFolder: String? = nil) {
        self.seedsFolder = seedsFolder
        self.displayFolder = displayFolder ?? seedsFolder.path
    }

    /// What a load found: the files it could read, the problems of the others, and the
    /// listing a later load may start from (`rescan`), nil when a folder could not be listed.
    struct Loaded {
        var files: [SourceFile]
        var diagnostics: [Diagnostic]
        var listing: SeedsListing?
        /// After a `rescan`, the relative paths it looked at, sorted: every other file is the
        /// one the previous load gave. Nil after a full `scan`.
        var looked: [String]?
    }

    /// Reads every story. A file of `previous` (by relative path) whose stamp shows it
    /// unchanged is taken from there instead of being read again; it may be one left unread
    /// (`SourceFile.unread`), known only by its hash.
    public func load(reusing previous: [String: SourceFile] = [:]) -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        let loaded = scan { previous[$0] }
        return (loaded.files, loaded.diagnostics)
    }

    /// `load(reusing:)`, with each file of the previous build looked up by its relative path
    /// when needed, on whichever thread reads it: the build cache makes them from its
    /// analyses (`BuildCache.unreadFile`) rather than gathering all of them first.
    func scan(reusing previous: @Sendable (String) -> SourceFile?) -> Loaded {
        var diagnostics: [Diagnostic] = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: seedsFolder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return Loaded(files: [], diagnostics: [.error(displayFolder, "the seeds folder does not exist",
                                                          fix: "create it and put your stories in it, or pass --seeds DIR")])
        }
        var listing = storyPaths(diagnostics: &diagnostics)
        let listed = diagnostics.isEmpty
        let (files, problems) = read(&listing, previous: previous)
        return Loaded(files: files, diagnostics: finish(diagnostics + problems, listing: listing), listing: listed ? listing : nil)
    }

    /// Loads again after a watcher reported that of the files `listing` was made from, only
    /// those at the relative paths `changed` may have changed, been added or removed: the
    /// others stay in `files` (the previous load's, sorted by path) as they are, without a
    /// `stat`, unless the watcher cannot vouch for them (`SeedsListing.toLookAt`). `files`
    /// is updated in place. Nil, with `files` untouched, when a changed path cannot be
    /// looked at, which only a full `scan` can sort out.
    func rescan(changed: Set<String>, listing: SeedsListing,
                files: inout [SourceFile]) -> (diagnostics: [Diagnostic], listing: SeedsListing, looked: [String])? {
        guard var listing = updated(listing, after: changed) else { return nil }
        let looked = listing.toLookAt(after: changed)
        listing.unreadable = []
        let outcomes: [(Result<SourceFile, Diagnostic>, soleName: Bool)?]
        do {
            // A second reference to `files`, gone before `files` changes: else the change copies it.
            let (previous, listed) = (files, listing)
            outcomes = withSeedsFolder { folder in
                looked.concurrentMap { relative in
                    guard listed.contains(relative) else { return nil }
                    return look(at: relative, in: folder, previous: previous.sortedElement(relative, by: \.relativePath))
                }
            }
        }
        var diagnostics: [Diagnostic] = []
        for (relative, outcome) in zip(looked, outcomes) {
            let index = files.sortedIndex(of: relative, by: \.relativePath)
            let present = index < files.count && files[index].relativePath == relative
            switch outcome?.0 {
            case .success(let file):
                if present { files[index] = file } else { files.insert(file, at: index) }
            case .failure(let diagnostic):
                if present { files.remove(at: index) }
                listing.unreadable.insert(relative)
                diagnostics.append(diagnostic)
            case nil:
                if present { files.remove(at: index) }
            }
            if outcome?.soleName == false { listing.unwatched.insert(relative) }
        }
        return (finish(diagnostics, listing: listing), listing, looked)
    }

    /// `listing` with the files at the relative paths `changed` added or removed as they now
    /// are on disk; nil when one cannot be looked at.
    private func updated(_ listing: SeedsListing, after changed: Set<String>) -> SeedsListing? {
        var listing = listing
        for relative in changed.sorted() {
            var info = stat()
            if lstat(seedsFolder.path + "/" + relative, &info) == 0 {
                // A new file is a story only where a full listing would have found it.
                var folder = "", listed = true
                for name in relative.split(separator: "/").dropLast() where listed {
                    folder = folder.isEmpty ? String(name) : folder + "/" + name
                    listed = listsStories(inFolder: folder)
                }
                guard listed else {
                    listing.remove(relative)
                    continue
                }
                listing.insert(relative)
                if info.st_mode & S_IFMT == S_IFLNK { listing.unwatched.insert(relative) }
            } else if errno == ENOENT || errno == ENOTDIR {
                listing.remove(relative)
            } else {
                return nil
            }
        }
        return listing
    }

    /// Reads the files of `listing` on every core (see `look(at:in:previous:)`), and notes
    /// in it those that have a second name or could not be read.
    private func read(_ listing: inout SeedsListing, previous: @Sendable (String) -> SourceFile?) -> ([SourceFile], [Diagnostic]) {
        let paths = listing.paths
        let results = withSeedsFolder { folder in
            paths.concurrentMap { look(at: $0, in: folder, previous: previous($0)) }
        }
        var files: [SourceFile] = []
        files.reserveCapacity(results.count)
        var diagnostics: [Diagnostic] = []
        for (relative, (result, soleName)) in zip(paths, results) {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                listing.unreadable.insert(relative)
            }
            if !soleName { listing.unwatched.insert(relative) }
        }
        return (files, diagnostics)
    }

    /// Runs `body` with the seeds folder open, for `look(at:in:previous:)`: files are looked
    /// up from the open folder rather than by whole paths.
    private func withSeedsFolder<T>(_ body: (Int32) -> T) -> T {
        let opened = open(seedsFolder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if opened >= 0 { close(opened) } }
        return body(opened >= 0 ? opened : AT_FDCWD)
    }

    /// The story at `relative`: a `stat`, then `previous` if that is the same file unchanged,
    /// else a read, a UTF-8 check and a hash. Also whether the file has no other name.
    private func look(at relative: String, in folder: Int32, previous: SourceFile?) -> (Result<SourceFile, Diagnostic>, soleName: Bool) {
        let display = displayPath(relative)
        let probed = FileStamp.probe(path(relative, from: folder), in: folder)
        if let previous, previous.displayPath == display, let stamp = previous.stamp, let probed,
           stamp.stillDescribes(probed.stamp) {
            return (.success(previous), probed.soleName)
        }
        let result = read(relative, in: folder).map { text in
            var file = SourceFile(relativePath: relative, displayPath: display, text: text)
            file.stamp = probed?.stamp
            return file
        }
        return (result, probed?.soleName ?? false)
    }

    /// `diagnostics`, with the complaint about an empty seeds folder, which every kind of load makes.
    private func finish(_ diagnostics: [Diagnostic], listing: SeedsListing) -> [Diagnostic] {
        guard listing.paths.isEmpty else { return diagnostics }
        return diagnostics + [.error(displayFolder, "no stories found (looked for *.md, *.markdown and *.txt)",
                                     fix: "add a story file to the folder, or pass --seeds DIR")]
    }

    /// Whether a file name ends in one of `storyExtensions`, in any case. Byte by byte, as
    /// `NSString.pathExtension` costs more than the rest of listing the seeds folder.
    static func isStoryName(_ name: String) -> Bool {
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
        return storyExtensions.contains(String(name[name.utf8.index(after: dot)...]).lowercased())
    }

    func displayPath(_ relative: String) -> String {
        displayFolder.hasSuffix("/") ? displayFolder + relative : displayFolder + "/" + relative
    }

    /// Relative paths of story files, sorted so every later stage sees the same order, with
    /// the files and folders a watcher may not see changes in. Hidden files and folders
    /// (editor swap files, `.git`) are skipped.
    private func storyPaths(diagnostics: inout [Diagnostic]) -> SeedsListing {
        var listing = SeedsListing(paths: [])
        var pending: [String] = [""]
        while let folder = pending.popLast() {
            let url = folder.isEmpty ? seedsFolder : seedsFolder.appendingPathComponent(folder)
            let entries: [FolderListing.Entry]
            do {
                entries = try FolderListing.entries(of: url.path)
            } catch {
                diagnostics.append(.error(displayPath(folder), "cannot list this folder: \(error.localizedDescription)",
                                          fix: "make the folder readable"))
                continue
            }
            for entry in entries where !entry.name.hasPrefix(".") {
                let relative = folder.isEmpty ? entry.name : folder + "/" + entry.name
                // Anything named like a story is one, so that a folder or a dangling link with
                // that name is reported when it is read rather than silently skipped.
                if Self.isStoryName(entry.name) {
                    listing.paths.append(relative)
                    if !entry.isReportedKind { listing.unwatched.insert(relative) }
                } else if entry.isFolder(in: url.path), listsStories(inFolder: relative) {
                    pending.append(relative)
                    if !entry.isReportedKind { listing.linkedFolders.append(relative) }
                }
            }
        }
        listing.paths.sort()
        listing.linkedFolders.sort()
        return listing
    }

    /// Whether the listing looks into the folder at `relative`: not into one named like a
    /// story (which is a story, reported when it is read), nor into a site Anthology built
    /// (say `--output seeds/site`).
    private func listsStories(inFolder relative: String) -> Bool {
        !Self.isStoryName(String(relative.split(separator: "/").last ?? ""))
            && !FileManager.default.fileExists(atPath: seedsFolder.path + "/" + relative + "/" + SiteWriter.manifestName)
    }

    /// The story file at `relative`, read now: for a file the load stage left unread.
    func readFile(_ relative: String) -> Result<SourceFile, Diagnostic> {
        read(relative).map { SourceFile(relativePath: relative, displayPath: displayPath(relative), text: $0) }
    }

    /// `relative` as the `*at` calls take it from `folder`: as it is from the open seeds
    /// folder, the whole path from `AT_FDCWD`.
    private func path(_ relative: String, from folder: Int32) -> String {
        folder == AT_FDCWD ? seedsFolder.path + "/" + relative : relative
    }

    /// Reads the story at `relative`, from the open seeds folder `folder` if the caller has it.
    private func read(_ relative: String, in folder: Int32 = AT_FDCWD) -> Result<String, Diagnostic> {
        let display = displayPath(relative)
        guard let bytes = FileBytes.read(path(relative, from: folder), in: folder) else {
            let url = seedsFolder.appendingPathComponent(relative)
            return .failure(.error(display, "cannot read this file (\(Self.reason(for: url)))",
                                   fix: "check that it exists and is readable, or remove it from the seeds folder"))
        }
        return Self.decode(bytes, displayPath: display)
    }

    /// Decodes UTF-8 strictly; on failure names the line and column of the first bad byte,
    /// because a silently replaced character in a story is a typo nobody finds.
    static func decode(_ data: Data, displayPath: String) -> Result<String, Diagnostic> {
        decode([UInt8](data), displayPath: displayPath)
    }

    static func decode(_ bytes: [UInt8], displayPath: String) -> Result<String, Diagnostic> {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return .success(text)
        }
        let (line, column, offset) = firstInvalidUTF8(bytes)
        return .failure(.error(displayPath, line: line, column: column,
                               "this file is not valid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at offset \(offset))",
                               fix: "save the file as UTF-8 in your editor (for example: iconv -f WINDOWS-1252 -t UTF-8)"))
    }

    /// Line, column (counted in characters) and byte offset of the first byte that breaks UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int, offset: Int) {
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, column, i)
            }
            if i + length > bytes.count { return (line, column, i) }
            if length > 1, String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil {
                return (line, column, i)
            }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += length
        }
        return (line, column, max(0, bytes.count - 1))
    }

    private static func reason(for url: URL) -> String {
        let fm = FileManager.default
        if (try? fm.destinationOfSymbolicLink(atPath: url.path)) != nil, !fm.fileExists(atPath: url.path) {
            return "it is a link to a file that does not exist"
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "it is a folder"
        }
        if !fm.isReadableFile(atPath: url.path) { return "permission denied" }
        return "read error"
    }
}
