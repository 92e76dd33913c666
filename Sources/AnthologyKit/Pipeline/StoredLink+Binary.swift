import Foundation

/// How the last link is stored in the cache file (see `StoredLink` and `CacheFile`): the
/// sources and the generation, then the decisions. The decisions come last so that their
/// bytes can be kept whole when read (`encodedDecisions`) and written back unchanged after an
/// edit that only patched the link; the sources change with every edit and are a few bytes a
/// story.
extension StoredLink {
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(BinaryReader.Malformed) -> StoredLink {
        var reader = BinaryReader(bytes)
        let sources = try reader.read([UInt64].self)
        let generation = try reader.read(UInt64.self)
        let rest = try reader.bytes(reader.remaining)
        return StoredLink(sources: sources, generation: generation, decisions: try BinaryReader.decode(Decisions.self, from: rest),
                          encodedDecisions: Data(rest))
    }

    /// The record of `linked`, whose inputs came from analyses with `sources`; its decisions
    /// are encoded only when there are no bytes of them (`decisions`) to reuse.
    static func encoded(_ linked: SiteLinker.Linked, sources: [UInt64], decisions: Data?) -> Data {
        var writer = BinaryWriter()
        writer.write(sources)
        writer.write(linked.generation)
        var data = Data(writer.bytes)
        data.append(decisions ?? CacheFile.record(Decisions(linked)))
        return data
    }
}

extension StoredLink.Decisions: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(storyIndexes)
        writer.write(stories)
        writer.write(characters)
        writer.write(cities)
        writer.write(notes)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self.init(storyIndexes: try reader.read(), stories: try reader.read(), characters: try reader.read(),
                  cities: try reader.read(), notes: try reader.read())
    }
}

extension StoredLink.Story: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(slug)
        writer.write(title)
        writer.write(titleSource.rawValue)
        writer.write(pages.characters)
        writer.write(pages.cities)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        slug = try reader.read()
        title = try reader.read()
        guard let source = Site.TitleSource(rawValue: try reader.read()) else { throw BinaryReader.Malformed() }
        titleSource = source
        pages = SiteLinker.StoryPages(characters: try reader.read(), cities: try reader.read())
    }
}

extension StoredLink.Character: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(slug)
        writer.write(aliases)
        writer.write(companions)
        writer.write(cities)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self.init(slug: try reader.read(), aliases: try reader.read(), companions: try reader.read(), cities: try reader.read())
    }
}

extension StoredLink.City: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(slug)
        writer.write(characters)
        writer.write(places)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self.init(slug: try reader.read(), characters: try reader.read(), places: try reader.read())
    }
}
