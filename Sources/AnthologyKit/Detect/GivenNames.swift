import Foundation

/// Formal given names and their nicknames, from BookNLP's nickname table (see NOTICE).
///
/// A given name is evidence that a capital at the start of a sentence belongs to a person
/// ("Anna Berg and Lars Berg argued."), which capitalisation alone cannot show.
public struct GivenNames: Sendable {
    /// Formal name → nicknames.
    public private(set) var nicknames: [String: Set<String>] = [:]

    public init(tsv: String) {
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t").map(String.init)
            guard let name = columns.first else { continue }
            nicknames[name, default: []].formUnion(columns.dropFirst())
        }
    }

    public static let bundled: GivenNames = {
        guard let url = Bundle.module.url(forResource: "given-names", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("the given-names resource is missing from the AnthologyKit bundle")
        }
        return GivenNames(tsv: text)
    }()

    public func isGivenName(_ word: String) -> Bool {
        nicknames[word] != nil
    }
}
