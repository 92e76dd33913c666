/// What a build did, for the summary the command prints.
public struct BuildReport: Sendable {
    public struct Stage: Sendable {
        public var name: String
        public var duration: Duration
    }

    public var stories = 0
    public var drafts = 0
    public var characters = 0
    public var cities = 0
    /// HTML pages in the site.
    public var pages = 0
    /// Every file of the site: pages, assets and the manifest.
    public var files = 0
    /// Pages rendered by this build; the others were unchanged since the previous build.
    public var rendered = 0
    /// Pages whose fingerprints this build worked out: every page, or after an edit that
    /// kept the last link, those the changed stories reach (`RenderBasis`).
    public var planned = 0
    /// Files this build wrote or removed (a rebuild that changed nothing has none).
    public var changed: [String] = []
    public var stages: [Stage] = []
    /// Warnings and notes; a build with errors throws instead of reporting.
    public var diagnostics: [Diagnostic] = []

    public init() {}

    public var total: Duration { stages.reduce(.zero) { $0 + $1.duration } }
}

extension Duration {
    /// "12.3 ms": the unit a build's stages are measured in.
    public var milliseconds: String {
        let ms = Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
        let tenths = (ms * 10).rounded() / 10
        return "\(tenths) ms"
    }
}
