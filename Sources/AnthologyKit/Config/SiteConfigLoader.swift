import Foundation
import Yams

/// Reads `anthology.yml` the way front matter is read: every problem is reported at once, at
/// the line and column of the key or value, an unknown key is a warning with a suggestion for
/// a typo, and a value of the wrong type is an error that says how to write it.
public struct SiteConfigLoader: Sendable {
    public static let defaultFileName = "anthology.yml"

    public init() {}

    /// - Parameter display: the path as the user would type it, for messages.
    public func load(from url: URL, display: String) -> (SiteConfig, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return (SiteConfig(), [.error(display, "cannot read the configuration file",
                                          fix: "check that it exists and is readable")])
        }
        switch SourceLoader.decode(data, displayPath: display) {
        case .failure(let diagnostic):
            return (SiteConfig(), [diagnostic])
        case .success(let text):
            return parse(text, file: display)
        }
    }

    public func parse(_ yaml: String, file: String) -> (SiteConfig, [Diagnostic]) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            var diagnostic = FrontMatterParser.diagnostic(for: error, file: file, lineOffset: 0)
            diagnostic.message = diagnostic.message.replacingOccurrences(of: "front matter", with: "the configuration")
            return (SiteConfig(), [diagnostic])
        } catch {
            return (SiteConfig(), [.error(file, "the configuration could not be read: \(error)", fix: "check the YAML syntax")])
        }
        guard let node else { return (SiteConfig(), []) }  // an empty file sets nothing
        guard let mapping = node.mapping else {
            return (SiteConfig(), [.error(file, line: line(of: node), column: column(of: node),
                                          "the configuration must be a list of `key: value` lines",
                                          fix: "write each setting on its own line, for example `title: Harbour Lights`")])
        }
        var config = SiteConfig()
        var diagnostics: [Diagnostic] = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            /// An error at the value's line and column.
            func invalid(_ message: String, fix: String) {
                diagnostics.append(.error(file, line: line(of: value), column: column(of: value), message, fix: fix))
            }
            func fail(_ what: String, example: String) {
                invalid("`\(key)` must be \(what)", fix: "write it as `\(key): \(example)`")
            }
            func text(example: String) -> String? {
                guard let scalar = value.scalar else {
                    fail("a single line of text", example: example)
                    return nil
                }
                return scalar.string.trimmedWhitespace
            }
            func count() -> Int? {
                if let number = value.int, number >= 1 { return number }
                fail("a whole number of at least 1", example: "50")
                return nil
            }
            func path(example: String) -> String? {
                guard let path = text(example: example) else { return nil }
                if path.isEmpty { fail("a folder path", example: example) }
                return path.isEmpty ? nil : path
            }
            switch key {
            case "title":
                config.title = text(example: "Harbour Lights")
            case "description":
                config.description = text(example: "Stories of ports and the people who wait in them.")
            case "author":
                config.author = text(example: "Ines Moreau")
            case "language":
                guard let tag = text(example: "en") else { break }
                if SiteMetadata.isLanguageTag(tag) {
                    config.language = tag
                } else {
                    invalid("\"\(tag)\" is not a language tag", fix: SiteConfig.languageFix)
                }
            case "base_url":
                guard let address = text(example: "https://example.org/anthology/") else { break }
                do {
                    config.baseURL = try BaseURL(validating: address)
                } catch {
                    invalid("\(error.message): \"\(address)\"", fix: BaseURL.Problem.fix)
                }
            case "seeds":
                config.seeds = path(example: "seeds")
            case "templates":
                config.templates = path(example: "templates")
            case "output":
                config.output = path(example: "public")
            case "drafts":
                if let flag = value.bool { config.drafts = flag } else { fail("true or false", example: "true") }
            case "stories_per_page":
                config.storiesPerPage = count()
            case "feed_limit":
                config.feedLimit = count()
            default:
                let suggestion = FrontMatterParser.nearest(key, in: SiteConfig.keys)
                diagnostics.append(.warning(file, line: line(of: keyNode), column: column(of: keyNode),
                                            "unknown key \"\(key)\" is ignored",
                                            fix: suggestion.map { "did you mean `\($0)`?" }
                                                ?? "known keys: \(SiteConfig.keys.joined(separator: ", "))"))
            }
        }
        return (config, diagnostics)
    }

    private func line(of node: Node) -> Int { node.mark?.line ?? 0 }
    private func column(of node: Node) -> Int { node.mark?.column ?? 0 }
}
