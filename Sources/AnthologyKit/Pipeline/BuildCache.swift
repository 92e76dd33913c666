import Foundation

/// What one build can reuse from the previous one: kept in memory by `anthology serve`
/// between saves, and on disk by `anthology build` (`CacheFile`, in `.anthology-cache/`), so
/// a build re-parses and re-detects only the stories that changed and re-renders only the
/// pages whose inputs changed.
///
/// Everything here is keyed by a hash of its inputs, never by time, so a stale entry can
/// only be missed, not used: an incremental build writes the same bytes as a clean one.
public struct BuildCache: Sendable, Codable {
    /// Parse and detection results by story path.
    var stories: [String: StoryAnalysis] = [:]
    /// The story files as last read, reused while `stat` shows them unchanged.
    var files: [String: SourceFile] = [:]
    var render = RenderCache()
    /// What the last write did, with the manifest it left, which the next write then need
    /// not parse again.
    var written: SiteWriter.Result?
    /// The templates as last loaded from `folder`, with their warnings, reused while none
    /// of their files changed.
    var templates: (folder: URL, set: TemplateSet, problems: [Diagnostic])?

    public init() {}

    /// The story files as last read stay in memory only: their text is the bulk of an
    /// anthology, and a build from the disk cache hashes each file it reads anyway. The
    /// last write's manifest is on disk already, and templates are quickly read again.
    private enum CodingKeys: String, CodingKey {
        case stories, render
    }
}

/// One story's parse and detection results, valid while its file hashes to `source`.
struct StoryAnalysis: Sendable {
    var source: UInt64 { didSet { encoded = nil } }
    var parsed: ParsedStory? {
        didSet { if parsed.map(StoredStory.init) != oldValue.map(StoredStory.init) { encoded = nil } }
    }
    var parseProblems: [Diagnostic] { didSet { encoded = nil } }
    /// Nil until detection ran (drafts left out of the build are never detected).
    var detection: (entities: StoryEntities, problems: [Diagnostic])? { didSet { encoded = nil } }
    /// What linking takes from this story, prepared along with detection; not stored on
    /// disk, as it is quickly derived again from the two above.
    var input: SiteLinker.Input?
    /// Read from disk without its Markdown and prose, which the parse stage derives again
    /// from the unchanged file (see `BuildCache+Codable.swift`).
    var needsText = false
    /// The bytes this analysis was read from, so that saving the cache again does not encode
    /// it again; dropped by any change to what they hold.
    var encoded: Data?

    init(source: UInt64, parsed: ParsedStory?, parseProblems: [Diagnostic],
         detection: (entities: StoryEntities, problems: [Diagnostic])?, input: SiteLinker.Input? = nil) {
        self.source = source
        self.parsed = parsed
        self.parseProblems = parseProblems
        self.detection = detection
        self.input = input
    }
}

/// What the renderer needs to skip a page: the fingerprint of everything that went into it.
struct RenderCache: Sendable, Codable {
    /// Page path → fingerprint of its template, context and story text.
    var pages: [String: UInt64] = [:]
    /// Story body fingerprint → the mention anchors its rendering placed, which character
    /// pages link to even when the story page itself is not rendered again.
    var anchors: [UInt64: Set<String>] = [:]
    /// Hash of the output manifest the fingerprints belong to: if the output folder was
    /// changed behind the cache's back, nothing is skipped.
    var manifest: UInt64?
}
