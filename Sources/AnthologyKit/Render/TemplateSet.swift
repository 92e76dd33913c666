import Foundation
import Mustache

/// The site's Mustache templates, parsed once per build.
///
/// Every `*.mustache` file under the templates folder is registered under its path without
/// the extension (`layout`, `partials/story-card`), so any template can use any other as a
/// partial or as a parent (`{{<layout}}`). Files under `assets/` are copied to the site as they are.
public struct TemplateSet: Sendable {
    /// The pages Anthology renders; each must exist.
    public static let pageTemplates = ["home", "story", "character", "city", "characters", "cities", "404"]

    let library: MustacheLibrary
    /// Static files to copy, as (path relative to `assets/`, contents).
    let assets: [(path: String, data: Data)]
    /// Hash of every template and asset, so a page rendered with other templates is never reused.
    let fingerprint: UInt64
    /// The values the lists' story cards hold: those their templates name.
    let cardFields: StoryCardFields.Lists
    /// Every file read, with its stamp when read, so that `serve` can tell that the set is
    /// still current without reading and parsing the templates again after each save.
    private var stamps: [String: FileStamp] = [:]

    public static func load(from folder: URL, displayFolder: String) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return (nil, [.error(displayFolder, "the templates folder does not exist",
                                 fix: "copy the templates/ folder from the Anthology repository, or pass --templates DIR")])
        }
        func display(_ relative: String) -> String {
            displayFolder.hasSuffix("/") ? displayFolder + relative : displayFolder + "/" + relative
        }
        let files = listing(folder)
        var stamps: [String: FileStamp] = [:]
        var library = MustacheLibrary()
        var assets: [(String, Data)] = []
        var fingerprint = ContentHash()
        var texts: [String: String] = [:]
        for relative in files {
            let url = folder.appendingPathComponent(relative)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else { continue }
            stamps[relative] = FileStamp(path: url.path)
            if relative.hasPrefix("assets/") {
                if let data = fm.contents(atPath: url.path) {
                    fingerprint.combine(relative)
                    fingerprint.combine(data)
                    assets.append((String(relative.dropFirst("assets/".count)), data))
                } else {
                    diagnostics.append(.error(display(relative), "cannot read this file", fix: "make it readable"))
                }
                continue
            }
            guard relative.hasSuffix(".mustache") else { continue }
            let name = String(relative.dropLast(".mustache".count))
            guard let data = fm.contents(atPath: url.path) else {
                diagnostics.append(.error(display(relative), "cannot read this template", fix: "make it readable"))
                continue
            }
            switch SourceLoader.decode(data, displayPath: display(relative)) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .success(let text):
                fingerprint.combine(relative)
                fingerprint.combine(text)
                texts[name] = text
                do {
                    _ = HTMLContent.registered
                    library.register(try MustacheTemplate(string: HTMLContent.pragma + text), named: name)
                } catch let error as MustacheTemplate.ParserError {
                    // The pragma is a line of its own before the file's first.
                    diagnostics.append(.error(display(relative), line: error.context.lineNumber - 1,
                                              column: error.context.columnNumber,
                                              "template syntax error: \(describe(error.error))",
                                              fix: "check the {{ }} tags on this line: \(error.context.line.trimmingCharacters(in: .whitespaces))"))
                } catch {
                    diagnostics.append(.error(display(relative), "template could not be read: \(error)",
                                              fix: "check the {{ }} tags in this file"))
                }
            }
        }
        for page in pageTemplates + ["layout"] where library.getTemplate(named: page) == nil && !diagnostics.contains(where: { $0.file == display(page + ".mustache") }) {
            diagnostics.append(.error(display(page + ".mustache"), "this template is missing",
                                      fix: "create it; the README lists what each template receives"))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let cardFields = StoryCardFields.Lists(templates: texts)
        return (TemplateSet(library: library, assets: assets, fingerprint: fingerprint.value, cardFields: cardFields, stamps: stamps),
                diagnostics)
    }

    /// Every file under the folder but hidden ones, sorted.
    private static func listing(_ folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? [])
            .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
            .sorted()
    }

    /// Whether loading `folder` now would give this set: the same files, each unchanged.
    func isCurrent(in folder: URL) -> Bool {
        let files = Self.listing(folder).filter { stamps[$0] != nil || !Self.isFolder(folder.appendingPathComponent($0)) }
        return files.count == stamps.count && files.allSatisfy { relative in
            guard let old = stamps[relative], let now = FileStamp(path: folder.appendingPathComponent(relative).path) else { return false }
            return old.stillDescribes(now)
        }
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    func render(_ context: [String: Any], page: String) -> String {
        library.render(context, withTemplate: page) ?? ""
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a section is closed with a different name than it was opened with"
        case .unfinishedName?: return "a tag is not closed (missing }})"
        case .expectedSectionEnd?: return "a section is opened but never closed (missing {{/name}})"
        case .invalidSetDelimiter?: return "the set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection?: return "a transform cannot be applied to an inherited section"
        case .illegalTokenInsideInheritSection?: return "only block definitions ({{$name}}) may appear inside {{<parent}}"
        case .textInsideInheritSection?: return "text is not allowed directly inside {{<parent}}"
        case .invalidConfigVariableSyntax?: return "the pragma tag is malformed"
        case .unrecognisedConfigVariable?: return "unknown pragma"
        case nil: return "\(error)"
        }
    }
}
