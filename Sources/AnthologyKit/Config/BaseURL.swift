import Foundation

/// The address the site is published at, such as `https://example.org/anthology/`.
///
/// Links between pages never use it (they stay relative, so the site also works from disk and
/// under any sub-path); only the places that must be absolute do: canonical links, `og:url`,
/// the feed, the sitemap and `robots.txt`. It always ends in `/`, so a page's clean path
/// (`stories/the-lantern/`) can simply be appended.
public struct BaseURL: Sendable, Hashable, CustomStringConvertible {
    /// The normalised address, ending in `/`.
    public let string: String

    /// Why a text is not a usable base URL, in words for a diagnostic.
    public enum Problem: Error, Sendable, Equatable {
        case notAbsoluteHTTP
        case hasQueryOrFragment

        public var message: String {
            switch self {
            case .notAbsoluteHTTP: "the base URL must be an absolute http or https address"
            case .hasQueryOrFragment: "the base URL cannot have a query (?...) or a fragment (#...)"
            }
        }

        public static let fix = "write it like https://example.org/anthology/"
    }

    /// Accepts an absolute `http` or `https` URL with a host; lower-cases the scheme and host
    /// and adds the trailing `/` when it is missing.
    public init(validating text: String) throws(Problem) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.contains(where: \.isWhitespace),
              let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty, components.user == nil, components.password == nil
        else { throw .notAbsoluteHTTP }
        guard components.query == nil, components.fragment == nil else { throw .hasQueryOrFragment }
        var normalised = "\(scheme)://\(host.lowercased())"
        if let port = components.port { normalised += ":\(port)" }
        let path = components.percentEncodedPath
        normalised += path.hasPrefix("/") ? path : "/" + path
        if !normalised.hasSuffix("/") { normalised += "/" }
        string = normalised
    }

    /// The absolute URL of a path relative to the site root (`stories/x/`, `feed.xml`; `""` for the home page).
    public func absolute(_ relative: String) -> String {
        string + relative
    }

    /// The normalised address, for messages.
    public var description: String { string }
}
