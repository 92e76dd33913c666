import Foundation
import Logging

/// The build cache on disk: `.anthology-cache/build-cache` in the project folder, so that
/// `anthology build` redoes only what changed since the previous build.
///
/// A cache can only be missed, never wrongly used:
/// - The file starts with a header: a format version, a stamp of the tool (the executable's
///   size, modification time and inode, and those of the detector's word lists, because
///   detection rules change between builds of the tool), a fingerprint of the options
///   (`key(for:detector:)`), and the length and hash of the payload. Any difference, a truncated or
///   damaged file, or a payload that does not decode, and the cache is ignored (a debug
///   line says why) and the build is a clean one. Loading never fails a build.
/// - Inside, every entry is still keyed by a hash of its inputs (`BuildCache`), and page
///   skipping needs the output folder's manifest to be exactly the one the cache was written
///   with, so a cache for another output, or an output changed by hand, renders everything.
/// - It is saved only after a successful build, to a temporary file in the same folder that
///   is then renamed over the previous one: a failed or interrupted build leaves the previous
///   cache as it was. The tool creates the folder, and removes nothing but its own temporary
///   file; deleting the folder is always safe.
///
/// What it holds: the render cache, the last link's decisions (`StoredLink`), and each
/// story's analysis (`BuildCache.stories`), with the hash and `stat` stamp of the file it was
/// made from, so that an unchanged file is not read at all. The files' text is not stored (it
/// is the bulk of an anthology); the last write's manifest is on disk already, and templates
/// are read again quickly.
///
/// Encoding: the binary form of `BinaryCoding.swift`, one record per story, framed by
/// lengths (`encodeParts`). One record per story lets a save copy the bytes of the stories it
/// read unchanged instead of encoding them again, and lets loading decode on every core.
/// Measured at 10,000 stories (release build, 2 cores, one-story edit): as JSON through
/// `Codable`, the file was 20 MB and loading it took 0.57–0.81 s, most of the rebuild; a
/// binary property list was smaller but slower still.
public struct CacheFile: Sendable {
    /// The folder's name, in the project folder.
    public static let folderName = ".anthology-cache"
    static let fileName = "build-cache"
    /// Bumped whenever what the file holds, or how, changes.
    static let formatVersion = 6
    static let magic = "anthology-build-cache"

    /// The `.anthology-cache` folder.
    public let folder: URL
    public var url: URL { folder.appendingPathComponent(Self.fileName) }

    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
    }

    /// What a cache must have been written for to be used: the tool, the detector and the options.
    struct Key: Equatable {
        var tool: String
        var options: UInt64
    }

    static func key(for options: BuildOptions, detector: any EntityDetector) -> Key {
        var hash = ContentHash()
        for url in [options.seeds, options.templates, options.output] { hash.combine(url.standardizedFileURL.path) }
        for text in [options.seedsDisplay, options.templatesDisplay, options.outputDisplay] { hash.combine(text) }
        hash.combine(options.includeDrafts)
        hash.combine(options.metadata)
        hash.combine(String(reflecting: type(of: detector)))
        return Key(tool: toolStamp, options: hash.value)
    }

    /// The executable and the detector's word lists, by size, modification time and inode:
    /// a rebuilt or reinstalled tool misses every cache the previous one wrote.
    static let toolStamp: String = {
        var parts = ["v\(formatVersion)"]
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath
        var files = [executable]
        for (name, type) in [("gazetteer", "tsv"), ("gazetteer-index", "tsv"), ("given-names", "tsv"), ("common-words", "txt")] {
            files.append(Bundle.module.url(forResource: name, withExtension: type)?.path)
        }
        // By `stat` itself: `FileManager.attributesOfItem` also looks up the owner's user and
        // group names, reading /etc/passwd and /etc/group for each file, a few milliseconds in all.
        for path in files {
            let stamp = path.flatMap(FileStamp.init(path:))
            parts.append(stamp.map { "\($0.size)/\($0.modified)/\($0.inode)" } ?? "?/?/?")
        }
        return parts.joined(separator: " ")
    }()

    // MARK: - Loading

    /// The cache, or an empty one when there is none or it cannot be used; never fails.
    func load(key: Key, logger: Logger) -> BuildCache {
        let clock = ContinuousClock()
        let start = clock.now
        let data: Data
        do {
            // Mapped, not read: the file's 14 MB (at 10,000 stories) are not copied, and the
            // stories' records stay slices of the mapping until a save writes them out again.
            // Mapping is safe because no build changes the file in place: a save writes a new
            // file and renames it over this one, which stays whole for as long as it is mapped.
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            logger.debug("cache: none at \(url.path), building from scratch")
            return BuildCache()
        }
        switch Self.decode(data, key: key) {
        case .success(let cache):
            logger.debug("cache: loaded \(cache.stories.count) stories, \(data.count / 1024) KiB, in \(start.duration(to: clock.now).milliseconds)")
            return cache
        case .failure(let reason):
            logger.debug("cache: ignored (\(reason.text)), building from scratch")
            return BuildCache()
        }
    }

    struct Unusable: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    /// Header lines, each ending in `\n`: magic and format, tool stamp, options fingerprint,
    /// payload length and payload hash; then the payload.
    static func decode(_ data: Data, key: Key) -> Result<BuildCache, Unusable> {
        var lines: [String] = []
        var index = data.startIndex
        while lines.count < 5 {
            guard let newline = data[index...].firstIndex(of: UInt8(ascii: "\n")), newline - index < 4096 else {
                return .failure(Unusable("header is incomplete"))
            }
            lines.append(String(decoding: data[index..<newline], as: UTF8.self))
            index = newline + 1
        }
        guard lines[0] == "\(magic) \(formatVersion)" else { return .failure(Unusable("another format: \(lines[0])")) }
        guard lines[1] == key.tool else { return .failure(Unusable("written by another build of the tool")) }
        guard lines[2] == key.options.hex else { return .failure(Unusable("written for other options or folders")) }
        let payload = data[index...]
        guard let length = Int(lines[3]), length == payload.count else { return .failure(Unusable("truncated or overlong")) }
        guard lines[4] == ContentHash.checksum(of: payload).hex else { return .failure(Unusable("damaged: its checksum differs")) }
        return decodePayload(payload).mapError { Unusable("does not decode: \($0)") }
    }

    /// The payload: records, each a line `<name bytes> <record bytes>` followed by the name
    /// and the record: the render cache, the link (empty when there is none), then one per
    /// story, named by its path. Stories are encoded one by one so that a save reuses the
    /// bytes of every story read unchanged (`StoryAnalysis.encoded`), and so that loading
    /// decodes them in parallel.
    static func decodePayload(_ payload: Data) -> Result<BuildCache, Error> {
        do {
            var reader = RecordReader(data: payload)
            var cache = BuildCache()
            let (_, render) = try reader.next()
            let (name, link) = try reader.next()
            guard name.elementsEqual("link".utf8) else { throw Unusable("the link") }
            var paths: [String] = []
            var jobs = [render, link]
            while !reader.atEnd {
                let (path, bytes) = try reader.next()
                paths.append(String(decoding: path, as: UTF8.self))
                jobs.append(bytes)
            }
            // The render cache and the link are decoded along with the stories, by whichever
            // thread is free first: alone, each took as long as a fifth of the stories.
            let decoded = Array(zip(jobs.indices, jobs)).concurrentMap { index, record -> Decoded in
                switch index {
                case 0: return .render(Result { try record.withUnsafeBytes { try BinaryReader.decode(RenderCache.self, from: $0) } })
                case 1: return .link(record.isEmpty ? .success(nil) : Result { try record.withUnsafeBytes { try StoredLink.decode($0) } })
                default:
                    guard var story = record.withUnsafeBytes({ try? BinaryReader.decode(StoryAnalysis.self, from: $0) }) else {
                        return .story(nil)
                    }
                    story.encoded = record
                    return .story(story)
                }
            }
            cache.stories.reserveCapacity(paths.count)
            cache.storyPaths = paths
            for (index, result) in decoded.enumerated() {
                switch result {
                case .render(let render): cache.render = try render.get()
                case .link(let link): cache.storedLink = try link.get()
                case .story(let story?): cache.stories[paths[index - 2]] = story
                case .story(nil): throw Unusable("the story \(paths[index - 2])")
                }
            }
            return .success(cache)
        } catch {
            return .failure(error)
        }
    }

    /// A record of the payload, decoded.
    private enum Decoded: Sendable {
        case render(Result<RenderCache, Error>)
        case link(Result<StoredLink?, Error>)
        case story(StoryAnalysis?)
    }

    /// Reads the records `encode` writes, checking every length against what is left.
    struct RecordReader {
        let data: Data
        var index: Data.Index

        init(data: Data) {
            self.data = data
            index = data.startIndex
        }

        var atEnd: Bool { index == data.endIndex }

        mutating func next() throws -> (Data, Data) {
            let nameLength = try number(endingWith: UInt8(ascii: " "))
            let recordLength = try number(endingWith: UInt8(ascii: "\n"))
            let start = index
            guard nameLength <= data.endIndex - start, recordLength <= data.endIndex - start - nameLength else {
                throw Unusable("a record")
            }
            index = start + nameLength + recordLength
            return (data[start..<(start + nameLength)], data[(start + nameLength)..<index])
        }

        /// A decimal number of one to eighteen digits, then `terminator`, read byte by byte:
        /// making a string of each record's line and splitting it was a tenth of loading.
        private mutating func number(endingWith terminator: UInt8) throws -> Int {
            var value = 0, digits = 0
            while index < data.endIndex {
                let byte = data[index]
                index += 1
                if byte == terminator, digits > 0 { return value }
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 18 else { break }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            }
            throw Unusable("a record")
        }
    }

    // MARK: - Saving

    static func encode(_ cache: BuildCache, key: Key) -> Data {
        let (header, payload) = encodeParts(cache, key: key)
        return header + payload.joined
    }

    /// The header and the payload's records, apart: the payload is most of the file, and
    /// is hashed and written where its records lie (`CachePayload`). Stories are encoded a
    /// chunk at a time, on every core, unless the cache holds their bytes already.
    static func encodeParts(_ cache: BuildCache, key: Key) -> (header: Data, payload: CachePayload) {
        let paths = cache.storyPaths.count == cache.stories.count ? cache.storyPaths : cache.stories.keys.sorted()
        var payload = CachePayload(capacity: paths.count + 2)
        payload.append("render", Self.record(cache.render))
        payload.append("link", cache.linked.map { StoredLink.encoded($0, sources: cache.linkSources, decisions: cache.linkDecisions) } ?? Data())
        let chunk = 512
        for start in stride(from: 0, to: paths.count, by: chunk) {
            let chunkPaths = Array(paths[start..<min(start + chunk, paths.count)])
            let encoded = chunkPaths.concurrentMap { path -> Data in
                let story = cache.stories[path]!
                return story.encoded ?? Self.record(story)
            }
            for (path, record) in zip(chunkPaths, encoded) { payload.append(path, record) }
        }
        let header = ["\(magic) \(formatVersion)", key.tool, key.options.hex, "\(payload.count)", payload.checksum.hex]
        return (Data((header.joined(separator: "\n") + "\n").utf8), payload)
    }

    static func record(_ value: some BinaryCodable) -> Data {
        var writer = BinaryWriter()
        writer.write(value)
        return Data(writer.bytes)
    }

    /// Writes the cache atomically; a failure is logged (at debug level) and otherwise ignored:
    /// the site is built, and the next build is merely a clean one.
    func save(_ cache: BuildCache, key: Key, logger: Logger) {
        let clock = ContinuousClock()
        let start = clock.now
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                logger.debug("cache: not saved, \(folder.path) is not a folder")
                return
            }
        } else {
            do {
                try fm.createDirectory(at: folder, withIntermediateDirectories: false)
                // Version control and backup tools leave the folder alone.
                try? Data("*\n".utf8).write(to: folder.appendingPathComponent(".gitignore"))
                try? Data("Signature: 8a477f597d28d172789f06886806bc55\n# Anthology's build cache; deleting it is always safe.\n".utf8)
                    .write(to: folder.appendingPathComponent("CACHEDIR.TAG"))
            } catch {
                logger.debug("cache: not saved, cannot create \(folder.path): \(error.localizedDescription)")
                return
            }
        }
        let temporary = folder.appendingPathComponent(".\(Self.fileName).\(getpid()).tmp")
        do {
            let (header, payload) = Self.encodeParts(cache, key: key)
            try FileOutput.replace(url.path, temporary: temporary.path) { output in
                try header.withUnsafeBytes { try output.write($0) }
                try payload.forEachPart { try output.write($0) }
            }
            logger.debug("cache: saved \(cache.stories.count) stories, \((header.count + payload.count) / 1024) KiB, in \(start.duration(to: clock.now).milliseconds)")
        } catch {
            try? fm.removeItem(at: temporary)
            logger.debug("cache: not saved: \(error.localizedDescription)")
        }
    }
}
