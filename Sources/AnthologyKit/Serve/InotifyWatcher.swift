import Foundation
#if canImport(Glibc)
import Glibc

/// Watches with Linux inotify: changes arrive as they happen, without scanning.
///
/// inotify watches one folder at a time, so every folder below a root gets its own watch,
/// and folders created later are added as they appear. Events are collected until the
/// disk has been quiet for `quiet`, then reported as one batch.
struct InotifyWatcher: FileWatcher {
    var list: WatchList
    var quiet: Duration = .milliseconds(20)


    func changes() throws -> AsyncStream<ChangeBatch> {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw WatchError("inotify is not available (\(String(cString: strerror(errno)))); use --poll") }
        let state = WatchState(fd: fd)
        for folder in list.folders { state.addRecursively(folder.path) }
        for parent in Set(list.files.map { $0.deletingLastPathComponent().path }) { state.add(parent) }

        let (stream, continuation) = AsyncStream<ChangeBatch>.makeStream()
        let thread = Thread { [list, quiet] in
            state.run(list: list, quietMilliseconds: Int32(quiet.components.seconds * 1000 + quiet.components.attoseconds / 1_000_000_000_000_000)) { batch in
                continuation.yield(batch)
            }
            continuation.finish()
        }
        thread.name = "anthology-inotify"
        continuation.onTermination = { _ in state.stop() }
        thread.start()
        return stream
    }
}

/// The inotify descriptor and its watches; used by the watcher's thread only, apart from `stop`.
private final class WatchState: @unchecked Sendable {
    let fd: Int32
    private var folders: [Int32: String] = [:]
    /// False once a folder could not be watched (or listed to watch what is below it): the
    /// watcher can then no longer vouch that it saw every change.
    private var watchesAll = true
    private let stopped = NSLock()
    private var isStopped = false

    init(fd: Int32) { self.fd = fd }

    func stop() {
        stopped.withLock { isStopped = true }
    }

    private var shouldStop: Bool { stopped.withLock { isStopped } }

    func add(_ path: String) {
        let wd = inotify_add_watch(fd, path, UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_ONLYDIR))
        if wd >= 0 { folders[wd] = path } else { watchesAll = false }
    }

    /// Stops watching the folder at `path` and those below it: moved out of the watched
    /// folder, they would otherwise still report changes under their old paths.
    func remove(_ path: String) {
        for (wd, folder) in folders where folder == path || folder.hasPrefix(path + "/") {
            inotify_rm_watch(fd, wd)
            folders[wd] = nil
        }
    }

    func addRecursively(_ path: String) {
        add(path)
        guard let children = try? FileManager.default.contentsOfDirectory(atPath: path) else { return watchesAll = false }
        for child in children.sorted() where !child.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let full = path + "/" + child
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue {
                addRecursively(full)
            }
        }
    }

    func run(list: WatchList, quietMilliseconds: Int32, report: (ChangeBatch) -> Void) {
        defer { close(fd) }
        var pending = Set<String>()
        var overflowed = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !shouldStop {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            // Wake up now and then even when idle, to notice `stop`.
            let ready = poll(&descriptor, 1, pending.isEmpty ? 250 : quietMilliseconds)
            if ready < 0 && errno != EINTR { return }
            if ready <= 0 {
                if !pending.isEmpty {
                    report(ChangeBatch(paths: pending.sorted(), isComplete: watchesAll && !overflowed))
                    pending.removeAll()
                    overflowed = false
                }
                continue
            }
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { continue }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = buffer[nameStart..<(nameStart + length)].prefix { $0 != 0 }
                offset = nameStart + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    // Events were lost: report the roots, which makes the preview rebuild.
                    pending.formUnion(list.folders.map(\.path))
                    overflowed = true
                    continue
                }
                if mask & UInt32(IN_IGNORED) != 0 { folders[wd] = nil; continue }
                guard let folder = folders[wd] else { continue }
                let path = nameBytes.isEmpty ? folder : folder + "/" + String(decoding: nameBytes, as: UTF8.self)
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, list.matters(path) {
                    addRecursively(path)
                }
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_MOVED_FROM) != 0 { remove(path) }
                if list.matters(path) { pending.insert(path) }
            }
        }
    }
}
#endif

struct WatchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
