import Foundation
import Yams

/// What a careful reader lists for one story: the `<story>.gold.yml` file beside it.
///
/// ```yaml
/// characters:
///   - name: Amara Okafor
///     aliases: [Amara, Dr. Okafor]
/// cities:
///   - name: Lagos
///     country: NG
/// ```
public struct GoldStandard: Sendable, Equatable {
    public struct Character: Sendable, Equatable {
        public var name: String
        public var aliases: [String]
    }

    public struct CityEntry: Sendable, Equatable {
        public var name: String
        public var country: String?
    }

    public var characters: [Character]
    public var cities: [CityEntry]

    /// Reads a gold file; problems name the file and line like every other diagnostic.
    public static func load(_ url: URL, display: String) -> Result<GoldStandard, Diagnostic> {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            return .failure(.error(display, "cannot read this gold file", fix: "check that it is readable UTF-8"))
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return .failure(FrontMatterParser.diagnostic(for: error, file: display, lineOffset: 0))
        } catch {
            return .failure(.error(display, "not valid YAML: \(error)", fix: "check the file's YAML"))
        }
        var gold = GoldStandard(characters: [], cities: [])
        for item in node?["characters"]?.sequence.map(Array.init) ?? [] {
            if let name = item.string {
                gold.characters.append(.init(name: name, aliases: []))
            } else if let name = item["name"]?.string {
                let aliases = item["aliases"]?.sequence.map { $0.compactMap(\.string) } ?? []
                gold.characters.append(.init(name: name, aliases: aliases))
            } else {
                return .failure(.error(display, line: (item.mark?.line ?? 0), "each character needs a `name`",
                                       fix: "write `- name: Amara Okafor`"))
            }
        }
        for item in node?["cities"]?.sequence.map(Array.init) ?? [] {
            if let name = item.string {
                gold.cities.append(.init(name: name, country: nil))
            } else if let name = item["name"]?.string {
                gold.cities.append(.init(name: name, country: item["country"]?.string))
            } else {
                return .failure(.error(display, line: (item.mark?.line ?? 0), "each city needs a `name`",
                                       fix: "write `- name: Lagos`"))
            }
        }
        return .success(gold)
    }
}
