import CLibXML2
import Foundation

/// Reads the page addresses listed in `feed.xml` (Atom: every `<link href>`) or `sitemap.xml`
/// (every `<loc>`), each with the line and column of its element.
///
/// libxml2's XML parser, through SAX callbacks like `HTMLPageScanner`, so both kinds of file are
/// read by one well-kept library and XML errors come with a line and column. Entity loading and
/// network access are off.
struct URLListScanner: Sendable {
    enum Kind: Sendable {
        case atomFeed, sitemap

        /// Root elements the file may have.
        var roots: Set<String> {
            switch self {
            case .atomFeed: ["feed"]
            case .sitemap: ["urlset", "sitemapindex"]
            }
        }

        var description: String {
            switch self {
            case .atomFeed: "an Atom feed (<feed xmlns=\"http://www.w3.org/2005/Atom\">)"
            case .sitemap: "a sitemap (<urlset> or <sitemapindex>)"
            }
        }
    }

    struct Result: Sendable {
        var entries: [PageScan.Reference] = []
        var diagnostics: [Diagnostic] = []
        /// The root element: for a sitemap, `urlset` (pages) or `sitemapindex` (sitemaps).
        var root: String?
    }

    var kind: Kind
    /// The file's path as the user sees it, for diagnostics.
    var file: String

    func scan(_ bytes: [UInt8]) -> Result {
        _ = LibXML.initialized
        let state = State(kind: kind, text: SourceText(bytes))
        if !bytes.isEmpty {
            withExtendedLifetime(state) {
                bytes.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { characters in
                        guard let context = xmlCreateMemoryParserCtxt(characters.baseAddress, Int32(characters.count)) else { return }
                        defer { xmlFreeParserCtxt(context) }
                        context.pointee.sax.pointee = Self.handler()
                        context.pointee.userData = Unmanaged.passUnretained(state).toOpaque()
                        state.context = context
                        _ = xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
                        _ = xmlParseDocument(context)
                        state.context = nil
                    }
                }
            }
        }
        var result = Result(entries: state.entries, root: state.root)
        // After the first error the rest of an XML file cannot be trusted, nor the errors after it.
        result.diagnostics = state.problems.prefix(1).map { problem in
            .error(file, line: problem.line, column: problem.column, "not well-formed XML: \(problem.message)",
                   fix: "correct the XML here")
        }
        if state.problems.isEmpty, state.root.map(kind.roots.contains) != true {
            let found = state.root.map { "its root element is <\($0)>" } ?? "it is empty"
            result.diagnostics.append(.error(file, line: state.rootLine, "not \(kind.description): \(found)",
                                             fix: "write \(kind.description) here, or remove the file"))
        }
        return result
    }

    private static func handler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { userData, name, _, _, _, _, attributeCount, _, attributes in
            State.of(userData).start(LibXML.string(name) ?? "", attributes: attributes, count: Int(attributeCount))
        }
        handler.endElementNs = { userData, name, _, _ in
            State.of(userData).end(LibXML.string(name) ?? "")
        }
        handler.characters = { userData, characters, length in
            State.of(userData).characters(characters, Int(length))
        }
        handler.cdataBlock = handler.characters
        handler.serror = { userData, error in
            if let problem = LibXML.Problem(error.map { UnsafePointer($0) }) { State.of(userData).problems.append(problem) }
        }
        return handler
    }

    /// What the callbacks build up; one per file, used on one thread.
    private final class State {
        let kind: Kind
        var text: SourceText
        var context: xmlParserCtxtPtr?
        var root: String?
        var rootLine = 0
        var entries: [PageScan.Reference] = []
        var problems: [LibXML.Problem] = []
        /// The `<loc>` being read: its text so far and where it starts.
        private var location: (text: String, line: Int, column: Int)?

        init(kind: Kind, text: SourceText) {
            self.kind = kind
            self.text = text
        }

        static func of(_ userData: UnsafeMutableRawPointer?) -> State {
            Unmanaged<State>.fromOpaque(userData!).takeUnretainedValue()
        }

        /// Where the element whose start tag ends at the parser's position begins. XML allows no
        /// `<` inside a tag, so it is the nearest `<` before.
        private func tagPosition() -> (line: Int, column: Int) {
            let end = context.map { Int(xmlByteConsumed($0)) } ?? 0
            var start = min(end, text.bytes.count) - 1
            while start > 0, text.bytes[start] != UInt8(ascii: "<") { start -= 1 }
            return text.position(of: max(start, 0))
        }

        /// `attributes` holds five pointers per attribute: name, prefix, namespace, value start, value end.
        func start(_ name: String, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
            let position = tagPosition()
            if root == nil {
                root = name
                rootLine = position.line
            }
            switch (kind, name) {
            case (.sitemap, "loc"):
                location = ("", position.line, position.column)
            case (.atomFeed, "link"):
                guard let attributes else { return }
                for index in 0..<count {
                    let base = attributes + index * 5
                    guard LibXML.string(base[0]) == "href", let start = base[3], let end = base[4] else { continue }
                    let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                    entries.append(.init(url: SourceText.trimmed(value),
                                         line: position.line, column: position.column))
                }
            default:
                break
            }
        }

        func end(_ name: String) {
            guard kind == .sitemap, name == "loc", let location else { return }
            entries.append(.init(url: SourceText.trimmed(location.text),
                                 line: location.line, column: location.column))
            self.location = nil
        }

        func characters(_ characters: UnsafePointer<xmlChar>?, _ length: Int) {
            guard location != nil, let characters else { return }
            location?.text += String(decoding: UnsafeBufferPointer(start: characters, count: length), as: UTF8.self)
        }
    }
}
