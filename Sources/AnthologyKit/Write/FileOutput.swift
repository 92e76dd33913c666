#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Plain `open`/`write`/`close`: creating thousands of small files this way takes well under
/// half the time Foundation's `Data.write` does here (see ../shared/notes/performance.md).
enum FileOutput {
    static func write(_ data: Data, to path: String) throws {
        try write(to: path) { try $0.writeUnbuffered(data) }
    }

    /// Writes what `produce` gives the file's `Output`, in order, as one file.
    static func write(to path: String, _ produce: (inout Output) throws -> Void) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("could not create \(path)") }
        defer { close(fd) }
        var output = Output(fd: fd, path: path)
        try produce(&output)
        try output.flush()
    }

    /// An open file being written. `write` gathers small parts in a buffer of `capacity`
    /// bytes, made on first use, and writes them together; large ones go as they are.
    struct Output {
        fileprivate let fd: Int32
        fileprivate let path: String
        private var buffer: [UInt8] = []
        static let capacity = 1 << 20

        fileprivate init(fd: Int32, path: String) {
            self.fd = fd
            self.path = path
        }

        mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
            let large = bytes.count >= Self.capacity / 2
            if large || buffer.count + bytes.count > Self.capacity { try flush() }
            if large {
                try writeUnbuffered(bytes)
            } else {
                if buffer.capacity < Self.capacity { buffer.reserveCapacity(Self.capacity) }
                buffer.append(contentsOf: bytes)
            }
        }

        mutating func flush() throws {
            guard !buffer.isEmpty else { return }
            try buffer.withUnsafeBytes { try writeUnbuffered($0) }
            buffer.removeAll(keepingCapacity: true)
        }

        /// Writes `data` now, as one piece (a page); call `flush` first if `write` was used.
        func writeUnbuffered(_ data: Data) throws {
            try data.withUnsafeBytes { try writeUnbuffered($0) }
        }

        func writeUnbuffered(_ bytes: UnsafeRawBufferPointer) throws {
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure("could not write \(path)")
                }
                offset += written
            }
        }
    }

    /// Writes beside the file (`temporary`, by default a hidden name in the same folder), then
    /// renames over it: readers see the old file or the new one, never half of one.
    static func replace(_ path: String, with contents: Data, temporary: String? = nil) throws {
        try replace(path, temporary: temporary) { try $0.writeUnbuffered(contents) }
    }

    static func replace(_ path: String, temporary: String? = nil, writing produce: (inout Output) throws -> Void) throws {
        let temporary = temporary ?? (path as NSString).deletingLastPathComponent + "/.\((path as NSString).lastPathComponent).anthology-new"
        try write(to: temporary, produce)
        if rename(temporary, path) != 0 {
            let error = failure("could not replace \(path)")
            unlink(temporary)
            throw error
        }
    }

    /// Creates the folders of the files at the relative `paths` in `root`, which exists.
    ///
    /// Making a folder locks its parent, so folders of one parent are made one at a time
    /// whichever thread asks; each section of the site (`stories/`, `characters/`, ...) is made
    /// by one thread, beside the others. With 10,000 stories' folders in one section, this
    /// takes about the time of that section alone: two thirds of making them all in turn.
    static func makeFolders(for paths: [String], in root: String) throws {
        var sections: [String: [String]] = [:]
        for path in paths {
            guard let slash = path.utf8.firstIndex(of: UInt8(ascii: "/")) else { continue }  // in `root`
            sections[String(path[..<slash]), default: []].append((path as NSString).deletingLastPathComponent)
        }
        // The largest first, so that it starts at once and the others share the other cores.
        let ordered = sections.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
        let failures = ordered.concurrentMap { _, folders -> Error? in
            var known: Set<String> = [root]
            do {
                for folder in folders { try makeFolder(root + "/" + folder, known: &known) }
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// Creates `path` and its missing parents; `known` remembers folders already made.
    static func makeFolder(_ path: String, known: inout Set<String>) throws {
        if path.isEmpty || known.contains(path) { return }
        if mkdir(path, 0o755) != 0 {
            if errno == ENOENT {
                let parent = (path as NSString).deletingLastPathComponent
                try makeFolder(parent, known: &known)
                if mkdir(path, 0o755) != 0 && errno != EEXIST { throw failure("could not create the folder \(path)") }
            } else if errno != EEXIST {
                throw failure("could not create the folder \(path)")
            }
        }
        known.insert(path)
    }

    private static func failure(_ message: String) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(message): \(String(cString: strerror(errno)))"])
    }
}
