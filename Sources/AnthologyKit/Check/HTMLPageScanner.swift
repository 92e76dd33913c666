import CLibXML2
import Foundation

/// Reads one page of a built site: its markup problems, anchors and links, each with the line
/// and column of its element.
///
/// **Why libxml2.** Its HTML parser (Debian's `libxml2-dev`; Foundation's XML support already
/// loads the library) is well kept and fuzzed, decodes entities (the whole HTML table) and
/// attribute values as browsers do, and reports broken attributes, stray end tags and malformed
/// tags with a line and column; a hand-written tokenizer would have to redo all of that. Its
/// rules are HTML 4's, which this scanner corrects where HTML5 pages would otherwise read wrong:
/// - unknown elements (`nav`, `main`, `article`...) are its error 801, which is dropped;
/// - inside `script` and `style` it treats any `</` as an error, which HTML5 does not; dropped;
/// - it silently closes an element whose end tag is missing once an enclosing end tag comes
///   (`<div><span>x</div>`), and never reports an element still open at the end of the page. So
///   the scanner watches each element being closed: one that HTML5 requires to end with its own
///   `</name>`, but that the parser closes anywhere else, is reported where it opens;
/// - it ignores an end tag that would close an element it ranks higher (`</article>` while a
///   `<div>` inside is open), where HTML5 closes both; the scanner reports the `div` there, once,
///   rather than every element after it.
///
/// The page is read through SAX callbacks without building a tree; each callback's position is
/// the parser's byte offset (`xmlByteConsumed`), turned into a line and column by `SourceText`.
struct HTMLPageScanner: Sendable {
    /// The page's path as the user sees it, for diagnostics.
    var file: String

    func scan(_ bytes: [UInt8]) -> PageScan {
        _ = LibXML.initialized
        let state = State(text: SourceText(bytes), file: file)
        guard !bytes.isEmpty else {
            state.scan.diagnostics.append(.error(file, "the page is empty", fix: "give it content or remove it"))
            return state.scan
        }
        withExtendedLifetime(state) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { characters in
                    guard let context = htmlCreateMemoryParserCtxt(characters.baseAddress, Int32(characters.count)) else { return }
                    defer { htmlFreeParserCtxt(context) }
                    context.pointee.sax.pointee = Self.handler()
                    context.pointee.userData = Unmanaged.passUnretained(state).toOpaque()
                    state.context = context
                    _ = htmlCtxtUseOptions(context, Int32(HTML_PARSE_NONET.rawValue))
                    _ = htmlParseDocument(context)
                    state.context = nil
                }
            }
        }
        state.finish()
        return state.scan
    }

    /// Callbacks for the three events the checks need; libxml2 passes `State` as `userData`.
    private static func handler() -> htmlSAXHandler {
        var handler = htmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElement = { userData, name, attributes in
            State.of(userData).start(LibXML.string(name) ?? "", attributes)
        }
        handler.endElement = { userData, name in
            State.of(userData).end(LibXML.string(name) ?? "")
        }
        handler.serror = { userData, error in
            // Unknown (HTML5) elements are most of what libxml2 reports: skip them first thing.
            guard let error, error.pointee.code != Int32(XML_HTML_UNKNOWN_TAG.rawValue) else { return }
            State.of(userData).report(LibXML.Problem(UnsafePointer(error)))
        }
        return handler
    }

    /// What the callbacks build up; one per page, used on one thread.
    private final class State {
        var text: SourceText
        let file: String
        var context: htmlParserCtxtPtr?
        var scan = PageScan()

        private struct OpenElement {
            var name: String
            /// Offset of its `<`, or where the parser implied it.
            var start: Int
            /// Offset of the `>` (or `/>`) ending its start tag.
            var startTagEnd: Int
            /// Its end tag came, but the parser did not apply it (see `endTagIgnored`).
            var endTagSeen = false
            /// Already reported as never closed.
            var reported = false
        }

        private var open: [OpenElement] = []
        /// Line of each id's first use.
        private var idLines: [String: Int] = [:]
        /// Where the previous start tag ended: the next one starts after it.
        private var previousStartTagEnd = 0
        /// Problems with the attributes of the start tag being read, reported at the tag once it
        /// is read. libxml2 reports them where it noticed, which for an unclosed quote is where
        /// it gave up: often the end of the page, having read the rest as the value.
        private var tagProblems: [LibXML.Problem] = []
        /// The tag just read has an unclosed quote or a missing value: its "no >" error says
        /// nothing new, and its links, whose values are garbage, are not followed.
        private var tagIsBroken = false

        init(text: SourceText, file: String) {
            self.text = text
            self.file = file
        }

        /// Reports what the parser left pending.
        func finish() {
            scan.diagnostics += tagProblems.map { $0.htmlDiagnostic(file: file) }
            tagProblems = []
        }

        private static func breaksTag(_ code: Int) -> Bool {
            code == Int(XML_ERR_ATTRIBUTE_NOT_STARTED.rawValue) || code == Int(XML_ERR_ATTRIBUTE_NOT_FINISHED.rawValue)
        }

        static func of(_ userData: UnsafeMutableRawPointer?) -> State {
            Unmanaged<State>.fromOpaque(userData!).takeUnretainedValue()
        }

        private var offset: Int { context.map { Int(xmlByteConsumed($0)) } ?? 0 }

        func start(_ name: String, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
            let end = offset
            let start = text.tagStart(named: name, endingAt: end, floor: previousStartTagEnd) ?? end
            previousStartTagEnd = end
            let (line, column) = text.position(of: start)
            tagIsBroken = tagProblems.contains { Self.breaksTag($0.code) }
            for var problem in tagProblems {
                (problem.line, problem.column) = (line, column)
                scan.diagnostics.append(problem.htmlDiagnostic(file: file))
            }
            tagProblems = []
            var attributeList: [(name: String, value: String)] = []
            var index = 0
            while let attributes, let key = attributes[index] {
                // A value-less attribute (`disabled`) has no value pointer.
                if let value = attributes[index + 1] { attributeList.append((String(cString: key), String(cString: value))) }
                index += 2
            }
            record(attributeList, of: name, line: line, column: column)
            open.append(OpenElement(name: name, start: start, startTagEnd: end))
        }

        /// Keeps the anchors, links and canonical URL of one element; reports a repeated id.
        private func record(_ attributes: [(name: String, value: String)], of element: String, line: Int, column: Int) {
            var rel: String?
            var href: String?
            for (attribute, value) in attributes {
                switch attribute {
                case "id" where !value.isEmpty:
                    if let first = idLines[value] {
                        scan.diagnostics.append(.error(file, line: line, column: column,
                                                       "duplicate id \"\(value)\" (first used on line \(first))",
                                                       fix: "give each element its own id; a link to #\(value) only finds the first"))
                    } else {
                        idLines[value] = line
                        scan.anchors.insert(value)
                    }
                case "name" where element == "a":
                    scan.anchors.insert(value)
                case "href" where element != "base", "src":
                    // An unclosed quote made the value the rest of the page: not a link.
                    guard !tagIsBroken else { continue }
                    let url = SourceText.trimmed(value)
                    scan.references.append(.init(url: url, line: line, column: column))
                    if attribute == "href" { href = url }
                case "rel":
                    rel = value.lowercased()
                default:
                    break
                }
            }
            if element == "link", let rel, rel.split(whereSeparator: \.isWhitespace).contains("canonical") {
                scan.canonical = href
            }
        }

        func end(_ name: String) {
            let end = offset
            // libxml2 always ends the innermost open element.
            guard let index = open.lastIndex(where: { $0.name == name }) else { return }
            let element = open[index]
            open.removeSubrange(index...)
            guard HTMLElements.needsEndTag(name), !element.endTagSeen, !element.reported else { return }
            let selfClosing = element.startTagEnd + 2 == end && text.bytes[element.startTagEnd] == UInt8(ascii: "/")
            guard !selfClosing, !text.endTag(named: name, endsAt: end) else { return }
            reportNeverClosed(element, closedAt: end)
        }

        /// libxml2 met `</name>` but left `name` open, because it ranks an element inside it
        /// higher (HTML 4 ranks `div` above the `article`, `main` and `section` it does not
        /// know). HTML5 closes everything up to `name` here, so the elements inside are reported
        /// as never closed and `name` is not. False when no `name` is open.
        private func endTagIgnored(_ name: String) -> Bool {
            guard let index = open.lastIndex(where: { $0.name == name }) else { return false }
            open[index].endTagSeen = true
            for inner in open.indices.dropFirst(index + 1) where HTMLElements.needsEndTag(open[inner].name)
                && !open[inner].reported && !open[inner].endTagSeen {
                reportNeverClosed(open[inner], closedAt: offset)
                open[inner].reported = true
            }
            return true
        }

        /// `closedAt` is the parser's position when it closed the element: just after the end
        /// tag that made it do so, at the `<` of a start tag that did, or at the end of the page.
        private func reportNeverClosed(_ element: OpenElement, closedAt end: Int) {
            let (line, column) = text.position(of: element.start)
            let bytes = text.bytes
            let place: String
            if bytes[min(end, bytes.count)...].allSatisfy(SourceText.isBlank) {
                place = "the end of the page"
            } else {
                var closer = end
                if let start = text.tagStart(endingAt: end), bytes[start + 1] == UInt8(ascii: "/") {
                    closer = start
                }
                let position = text.position(of: closer)
                place = "line \(position.line), column \(position.column)"
            }
            scan.diagnostics.append(.error(file, line: line, column: column,
                                           "<\(element.name)> is never closed; the parser ends it at \(place)",
                                           fix: "add </\(element.name)> where the element should end"))
        }

        func report(_ reported: LibXML.Problem?) {
            guard var problem = reported else { return }
            if let innermost = open.last, HTMLElements.rawText.contains(innermost.name) { return }
            switch problem.code {
            case Int(XML_ERR_TAG_NAME_MISMATCH.rawValue) where problem.message.hasPrefix("Opening and ending tag mismatch"):
                if let name = problem.subject, endTagIgnored(name) { return }
            case Int(XML_ERR_ATTRIBUTE_NOT_STARTED.rawValue), Int(XML_ERR_ATTRIBUTE_NOT_FINISHED.rawValue),
                 Int(XML_ERR_ATTRIBUTE_REDEFINED.rawValue):
                tagProblems.append(problem)
                return
            case Int(XML_ERR_GT_REQUIRED.rawValue) where tagIsBroken:
                return
            default:
                break
            }
            if problem.code == Int(XML_ERR_TAG_NAME_MISMATCH.rawValue), let start = text.tagStart(endingAt: offset) {
                // At the end tag's `<`, not after its `>`.
                (problem.line, problem.column) = text.position(of: start)
            }
            scan.diagnostics.append(problem.htmlDiagnostic(file: file))
        }
    }
}

extension LibXML.Problem {
    /// The parser's complaint in words a site author can act on.
    func htmlDiagnostic(file: String) -> Diagnostic {
        let name = subject ?? "?"
        let (text, fix): (String, String) = switch code {
        case Int(XML_ERR_TAG_NAME_MISMATCH.rawValue) where message.hasPrefix("Unexpected end tag"):
            ("</\(name)> ends no open element", "remove it, or add the <\(name)> it should close")
        case Int(XML_ERR_ATTRIBUTE_NOT_FINISHED.rawValue), Int(XML_ERR_STRING_NOT_CLOSED.rawValue):
            ("an attribute value's quote is not closed", "close the quote")
        case Int(XML_ERR_ATTRIBUTE_NOT_STARTED.rawValue):
            ("an attribute has no value after =", "give it a value in quotes, or remove the =")
        case Int(XML_ERR_ATTRIBUTE_REDEFINED.rawValue):
            ("attribute \(name) is given twice", "keep one of them")
        case Int(XML_ERR_GT_REQUIRED.rawValue):
            ("the start tag <\(name)> does not end with >", "end the tag with >, and check its quotes")
        default:
            (message, "correct the markup here")
        }
        return .error(file, line: line, column: column, text, fix: fix)
    }
}
