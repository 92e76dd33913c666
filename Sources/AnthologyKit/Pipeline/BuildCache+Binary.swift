/// How a story's analysis is stored on disk (see `CacheFile`), in the binary form of
/// `BinaryCoding.swift`.
///
/// A story's Markdown and prose are not stored: they are most of a story's bytes. A story
/// whose file `stat` shows unchanged is not read at all (`StoredFile`); its Markdown is cut
/// from the file again only for a page that is rendered again (`StoryParser.markdown`), and
/// its hash, which fingerprints need, is stored. The prose only served detection, whose
/// results are stored, as are the two things later stages take from it (`opening`, `leadWords`).
/// What is stored is what is costly to recompute: the front matter (YAML), the detection
/// results, the heading and word count (a Markdown parse).
extension StoryAnalysis: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(source)
        writer.write(file)
        writer.write(parsed.map(StoredStory.init))
        writer.write(parseProblems)
        writer.write(detection?.entities)
        if let detection { writer.write(detection.problems) }
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        let source = try reader.read(UInt64.self)
        let file = try reader.read(StoredFile?.self)
        let stored = try reader.read(StoredStory?.self)
        let parseProblems = try reader.read([Diagnostic].self)
        var detection: (entities: StoryEntities, problems: [Diagnostic])?
        if let entities = try reader.read(StoryEntities?.self) {
            detection = (entities, try reader.read([Diagnostic].self))
        }
        let parsed = stored.map(ParsedStory.init(unread:))
        self.init(source: source, parsed: parsed, parseProblems: parseProblems, detection: detection)
        self.file = file
        needsText = isParsed
    }
}

/// What the analysis remembers of the file it was made from: enough to know, by `stat`
/// alone, that the file is unchanged and need not be read (`SourceFile.unread`).
struct StoredFile: Equatable, BinaryCodable {
    var textHash: UInt64
    var stamp: FileStamp

    func write(to writer: inout BinaryWriter) {
        writer.write(textHash)
        writer.write(stamp)
    }

    init(textHash: UInt64, stamp: FileStamp) {
        self.textHash = textHash
        self.stamp = stamp
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        textHash = try reader.read()
        stamp = try reader.read()
    }
}

extension FileStamp: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(device)
        writer.write(inode)
        for time in [size, modified, changed, readAt] { writer.write(Int(time)) }
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self.init(device: try reader.read(), inode: try reader.read(), size: Int64(try reader.read(Int.self)),
                  modified: Int64(try reader.read(Int.self)), changed: Int64(try reader.read(Int.self)),
                  readAt: Int64(try reader.read(Int.self)))
    }
}

extension ParsedStory {
    /// A story as the cache stored it, without its Markdown and prose (see `StoryAnalysis`),
    /// field by field: the public initializer would work out an empty prose's opening and
    /// lead words, and an empty Markdown's hash, only for the stored ones to replace them.
    init(unread stored: StoredStory) {
        relativePath = stored.relativePath
        displayPath = stored.displayPath
        frontMatter = stored.frontMatter
        markdown = ""
        markdownHash = stored.markdownHash
        markdownIsRead = false
        headingTitle = stored.headingTitle
        opensWithHeading = stored.opensWithHeading
        prose = ""
        wordCount = stored.wordCount
        opening = stored.opening
        leadWords = stored.leadWords
    }
}

/// `ParsedStory` without its text: what the cache stores of it.
struct StoredStory: Equatable, BinaryCodable {
    var relativePath: String
    var displayPath: String
    var frontMatter: FrontMatter
    var headingTitle: String?
    var opensWithHeading: Bool
    var wordCount: Int
    var opening: String
    var leadWords: String
    var markdownHash: UInt64

    init(_ story: ParsedStory) {
        relativePath = story.relativePath
        displayPath = story.displayPath
        frontMatter = story.frontMatter
        headingTitle = story.headingTitle
        opensWithHeading = story.opensWithHeading
        wordCount = story.wordCount
        opening = story.opening
        leadWords = story.leadWords
        markdownHash = story.markdownHash
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(relativePath)
        writer.write(displayPath)
        writer.write(frontMatter)
        writer.write(headingTitle)
        writer.write(opensWithHeading)
        writer.write(wordCount)
        writer.write(opening)
        writer.write(leadWords)
        writer.write(markdownHash)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        relativePath = try reader.read()
        displayPath = try reader.read()
        frontMatter = try reader.read()
        headingTitle = try reader.read()
        opensWithHeading = try reader.read()
        wordCount = try reader.read()
        opening = try reader.read()
        leadWords = try reader.read()
        markdownHash = try reader.read()
    }
}

extension RenderCache: BinaryCodable {
    /// Pages in the order they were recorded, anchors by body fingerprint: one site always
    /// gives the same bytes.
    func write(to writer: inout BinaryWriter) {
        writer.write(UInt64(order.count))
        for (path, fingerprint) in zip(order, fingerprints) {
            writer.write(path)
            writer.write(fingerprint)
        }
        writer.write(UInt64(anchors.count))
        for body in anchors.keys.sorted() {
            writer.write(body)
            writer.write(anchors[body]!.ids)
        }
        writer.write(manifest)
        writer.write(basis)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self.init()
        let pageCount = try reader.read(UInt64.self)
        reserveCapacity(pages: Int(min(pageCount, 1 << 20)))
        for _ in 0..<pageCount {
            let path = try reader.read(String.self)
            record(try reader.read(UInt64.self), for: path)
        }
        let anchorCount = try reader.read(UInt64.self)
        for _ in 0..<anchorCount {
            anchors[try reader.read(UInt64.self)] = PlacedAnchors(sorted: try reader.read([String].self))
        }
        manifest = try reader.read()
        basis = try reader.read()
    }
}

extension RenderBasis: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(settings)
        writer.write(link)
        writer.write(sources)
        writer.write(bodies)
        writer.write(feedEntries)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self.init(settings: try reader.read(), link: try reader.read(), sources: try reader.read(), bodies: try reader.read(),
                  feedEntries: try reader.read())
    }
}
