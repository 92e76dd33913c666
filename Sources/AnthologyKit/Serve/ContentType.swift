import Hummingbird

/// The `Content-Type` for each kind of file a site holds, with a charset for text.
enum ContentType {
    /// Types that are text although their media type is not `text/*`.
    private static let textual: Set<String> = ["xml", "json", "jsonld", "svg", "js", "mjs", "webmanifest", "atom", "rss", "map"]
    /// Extensions Hummingbird's table does not know.
    private static let extra: [String: String] = ["atom": "application/atom+xml", "rss": "application/rss+xml", "map": "application/json"]

    static func forPath(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        let ext = name[name.index(after: dot)...].lowercased()
        if let type = extra[ext] { return type + "; charset=utf-8" }
        guard let media = MediaType.getMediaType(forExtension: ext) else { return "application/octet-stream" }
        return media.type == .text || textual.contains(ext) ? "\(media); charset=utf-8" : media.description
    }
}
