/// What a request target asks the preview server for, decided before touching the disk.
///
/// Every check that keeps requests inside the site happens here, on the raw target, so the
/// rules can be tested without a server: percent-decoding happens once, per segment, and a
/// segment that decodes to `..`, `.`, a slash, a backslash or a NUL byte is refused outright
/// rather than normalised, since no page of a generated site needs one.
enum RequestPath: Equatable, Sendable {
    /// A file or folder of the site, as path segments below the root.
    case site(segments: [String], trailingSlash: Bool)
    /// The live-reload event stream.
    case events
    /// Not under the base path (answered with 404, or a redirect for `/`).
    case outsideBase
    /// Malformed or hostile: answered with 400.
    case invalid

    /// The endpoint, below the base path, that streams build events.
    static let eventsSegment = "_anthology"
    static let eventsPath = "_anthology/events"

    /// - Parameters:
    ///   - target: the request target exactly as sent (`/stories/x/?q=1`).
    ///   - basePath: where the site is mounted, starting and ending with `/`.
    init(target: String, basePath: String) {
        // Only origin-form targets are served; absolute-form (`http://host/x`) and
        // asterisk-form are not something a browser sends to a preview server.
        guard target.hasPrefix("/") else { self = .invalid; return }
        var path = Substring(target)
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        if path + "/" == basePath { self = .site(segments: [], trailingSlash: false); return }  // `/sub` → `/sub/`
        guard path.hasPrefix(basePath) else { self = .outsideBase; return }
        let below = path.dropFirst(basePath.count)
        if below.isEmpty { self = .site(segments: [], trailingSlash: true); return }

        var segments: [String] = []
        let raw = below.split(separator: "/", omittingEmptySubsequences: false)
        for (index, piece) in raw.enumerated() {
            let isLast = index == raw.count - 1
            if piece.isEmpty {
                if isLast { break }  // the trailing slash
                self = .invalid; return  // `//`: an absolute path smuggled in
            }
            guard let decoded = PercentDecoding.decode(piece), Self.isAcceptable(decoded) else { self = .invalid; return }
            segments.append(decoded)
        }
        if segments == ["_anthology", "events"] { self = .events; return }
        self = .site(segments: segments, trailingSlash: below.hasSuffix("/"))
    }

    private static func isAcceptable(_ segment: String) -> Bool {
        segment != "." && segment != ".."
            && !segment.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" })
    }
}
