import Foundation

/// What one build can reuse from the previous one: kept in memory by `anthology serve`
/// between saves, and on disk by `anthology build` (`CacheFile`, in `.anthology-cache/`), so
/// a build re-parses and re-detects only the stories that changed and re-renders only the
/// pages whose inputs changed.
///
/// Everything here is keyed by a hash of its inputs, never by time, so a stale entry can
/// only be missed, not used: an incremental build writes the same bytes as a clean one.
public struct BuildCache: Sendable {
    /// Parse and detection results by story path.
    var stories: [String: StoryAnalysis] = [:]
    /// The keys of `stories` in sorted order, as the load found them: the order the disk
    /// cache stores them in, which sorting the keys again took 7 ms of each save at 10,000.
    var storyPaths: [String] = []
    /// `serve`'s last successful analyses, in the order of `storyPaths`, and whether that
    /// build included drafts: after a rescan, the files it did not look at keep theirs.
    var analyses: [StoryAnalysis] = []
    var analysedDrafts: Bool?
    /// What `serve`'s last successful analysis gathered from those analyses, which the next
    /// one updates rather than gathers again when it can (`AnalysisTally`).
    var tally: AnalysisTally?
    /// The story files as last read, sorted by path, reused while `stat` (or `serve`'s
    /// watcher) shows them unchanged.
    var files: [SourceFile] = []
    /// The story files the last load found, kept with `files` for the next load of `serve`.
    var listing: SeedsListing?
    /// What `serve`'s watcher says changed since the last load; nil without a watcher.
    var watch: SeedsWatch?
    /// Whether `files` is kept for a next build in this process, as `serve` has. A build
    /// that runs once (a new cache, or one read from disk, which never holds files) lets
    /// each file's text go after parsing: at 30,000 stories that is some 90 MB that would
    /// otherwise stay until the last page is written.
    var keepsFiles = false
    var render = RenderCache()
    /// What the last write did, with the manifest it left, which the next write then need
    /// not parse again.
    var written: SiteWriter.Result?
    /// The templates as last loaded from `folder`, with their warnings, reused while none
    /// of their files changed.
    var templates: (folder: URL, set: TemplateSet, problems: [Diagnostic])?
    /// The last link, which an edit that leaves every story's links as they were patches
    /// rather than links again.
    var linked: SiteLinker.Linked?
    /// For each of `linked.inputs`, the source of the analysis it came from, which the disk
    /// cache stores with the link (`StoredLink`).
    var linkSources: [UInt64] = []
    /// The last link as read from disk, rebuilt into `linked` by the next build's link stage.
    var storedLink: StoredLink?
    /// The encoded decisions of `linked`, when it patched a link read from disk: saving the
    /// cache again need not encode them.
    var linkDecisions: Data?
    /// What the last build replaced: the previous link and analyses. Freeing a site of a
    /// thousand stories takes milliseconds, which `serve` spends after it has told the
    /// browser to reload (`releaseRetired`), not before.
    var retired: (linked: SiteLinker.Linked?, stories: [String: StoryAnalysis]) = (nil, [:])

    /// The story file at `path`, if a build may leave it unread while `stat` shows it
    /// unchanged: when its analysis in `stories`, read from disk, has everything later
    /// stages take from the text but the Markdown, which the builder reads only for a page
    /// it renders again.
    static func unreadFile(_ path: String, in stories: [String: StoryAnalysis]) -> SourceFile? {
        guard let analysis = stories[path], let file = analysis.file, analysis.isDetected,
              let displayPath = analysis.displayPath else { return nil }
        return .unread(relativePath: path, displayPath: displayPath, file: file)
    }

    /// Frees what the last build left behind (see `retired`).
    mutating func releaseRetired() {
        retired = (nil, [:])
    }

    /// `keepsFiles`: true for a cache that serves build after build in one process.
    public init(keepsFiles: Bool = false) {
        self.keepsFiles = keepsFiles
    }
}

/// One story's parse and detection results, valid while its file hashes to `source`.
///
/// A value with shared storage, copied only when changed: the cache, each stage's results
/// and the retired cache all hold the same analyses, and for an unchanged story, copying and
/// freeing its values field by field would be most of what it costs a rebuild.
struct StoryAnalysis: Sendable {
    var source: UInt64 {
        get { storage.source }
        set { writable().source = newValue; storage.encoded = nil }
    }
    var parsed: ParsedStory? {
        get { storage.parsed }
        set {
            let storage = writable()
            // Only bytes kept from the disk can go stale; without them there is nothing to compare.
            if storage.encoded != nil, newValue.map(StoredStory.init) != storage.parsed.map(StoredStory.init) {
                storage.encoded = nil
            }
            storage.parsed = newValue
            storage.summary = Storage.summary(of: newValue)
        }
    }
    /// The file this analysis was made from, by hash and `stat`; nil for one made before
    /// (or from a file that could not be stat'ed), which the next build reads again.
    var file: StoredFile? {
        get { storage.file }
        set {
            guard newValue != storage.file else { return }
            writable().file = newValue
            storage.encoded = nil
        }
    }
    var parseProblems: [Diagnostic] {
        get { storage.parseProblems }
        set { writable().parseProblems = newValue; storage.encoded = nil }
    }
    /// Nil until detection ran (drafts left out of the build are never detected).
    var detection: (entities: StoryEntities, problems: [Diagnostic])? {
        get { storage.detection }
        set { writable().detection = newValue; storage.encoded = nil }
    }
    /// What linking takes from this story, prepared along with detection; not stored on
    /// disk, as it is quickly derived again from the two above.
    var input: SiteLinker.Input? {
        get { storage.input }
        set { writable().input = newValue }
    }
    /// Read from disk without its Markdown and prose, which the parse stage derives again
    /// from the unchanged file (see `BuildCache+Binary.swift`).
    var needsText: Bool {
        get { storage.needsText }
        set { writable().needsText = newValue }
    }
    /// Whether the story parsed and was detected, its display path, and whether `options`
    /// publish it: read in place, where `parsed` would hand out a copy of the story,
    /// retaining each of its strings, for each of ten thousand stories.
    var isParsed: Bool { storage.summary != nil }
    var isDetected: Bool { storage.detection != nil }
    var displayPath: String? { storage.summary?.displayPath }
    /// The detection's problems, without a copy of its entities.
    var detectionProblems: [Diagnostic] { storage.detection?.problems ?? [] }

    func isPublished(with options: BuildOptions) -> Bool {
        guard let draft = storage.summary?.draft else { return false }
        return options.publishes(draft: draft)
    }

    /// The bytes this analysis was read from, so that saving the cache again does not encode
    /// it again; dropped by any change to what they hold.
    var encoded: Data? {
        get { storage.encoded }
        set { writable().encoded = newValue }
    }

    private var storage: Storage

    init(source: UInt64, parsed: ParsedStory?, parseProblems: [Diagnostic],
         detection: (entities: StoryEntities, problems: [Diagnostic])?, input: SiteLinker.Input? = nil) {
        storage = Storage(source: source, parsed: parsed, parseProblems: parseProblems, detection: detection, input: input)
    }

    /// The storage, first copied if another analysis shares it.
    private mutating func writable() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// Changed only through `writable()`, so only while no other analysis holds it.
    private final class Storage: @unchecked Sendable {
        var source: UInt64
        var file: StoredFile?
        var parsed: ParsedStory?
        /// What every build asks of each story, kept apart from `parsed`: reading a field
        /// through `parsed` (or comparing it with nil) copies the whole story, which was
        /// milliseconds per build at 10,000 stories.
        var summary: (draft: Bool, displayPath: String)?
        var parseProblems: [Diagnostic]
        var detection: (entities: StoryEntities, problems: [Diagnostic])?
        var input: SiteLinker.Input?
        var needsText = false
        var encoded: Data?

        init(source: UInt64, parsed: ParsedStory?, parseProblems: [Diagnostic],
             detection: (entities: StoryEntities, problems: [Diagnostic])?, input: SiteLinker.Input?) {
            self.source = source
            self.parsed = parsed
            summary = Self.summary(of: parsed)
            self.parseProblems = parseProblems
            self.detection = detection
            self.input = input
        }

        static func summary(of parsed: ParsedStory?) -> (draft: Bool, displayPath: String)? {
            parsed.map { ($0.frontMatter.draft, $0.displayPath) }
        }

        func copy() -> Storage {
            let copy = Storage(source: source, parsed: parsed, parseProblems: parseProblems, detection: detection, input: input)
            copy.file = file
            copy.needsText = needsText
            copy.encoded = encoded
            return copy
        }
    }
}

/// What the renderer needs to skip a page: the fingerprint of everything that went into it.
struct RenderCache: Sendable {
    /// Page path → its place in `order` and `fingerprints`.
    private var slots: [String: Int] = [:]
    /// The pages' paths in the order they were recorded, the renderer's page order, which is
    /// the order they are stored in: one site gives the same bytes without sorting its 14,000
    /// paths at every save (the sorting was a third of encoding the render cache), nor looking
    /// each up again (a third of what was left).
    private(set) var order: [String] = []
    /// The fingerprint of each page of `order`: of its template, context and story text.
    private(set) var fingerprints: [UInt64] = []
    /// Story body fingerprint → the mention anchors its rendering placed (`PlacedAnchors`),
    /// which character pages link to even when the story page itself is not rendered again.
    var anchors: [UInt64: PlacedAnchors] = [:]
    /// Hash of the output manifest the fingerprints belong to: if the output folder was
    /// changed behind the cache's back, nothing is skipped.
    var manifest: UInt64?
    /// What the pages were rendered from (see `RenderBasis`); nil before the first render.
    var basis: RenderBasis?

    /// The fingerprint recorded for the page at `path`, if any.
    func fingerprint(of path: String) -> UInt64? {
        slots[path].map { fingerprints[$0] }
    }

    /// Records a page's fingerprint; a page recorded again keeps its place in `order`.
    mutating func record(_ fingerprint: UInt64, for path: String) {
        if let slot = slots[path] {
            fingerprints[slot] = fingerprint
        } else {
            slots[path] = order.count
            order.append(path)
            fingerprints.append(fingerprint)
        }
    }

    mutating func reserveCapacity(pages count: Int) {
        slots.reserveCapacity(count)
        order.reserveCapacity(count)
        fingerprints.reserveCapacity(count)
    }
}
