import CCmarkGFM
import Foundation

/// A story body parsed by cmark-gfm: GitHub-flavoured Markdown (tables, strikethrough,
/// autolinks, tag filter, task lists), footnotes and smart punctuation.
///
/// Raw HTML in a story is never passed through: cmark-gfm's safe mode replaces it with a
/// comment and drops `javascript:` links, so a story cannot inject script into the site.
///
/// The class owns a C tree and is used by one task at a time, for the length of one call
/// (parse, inspect, render); it is deliberately not `Sendable`.
final class MarkdownDocument {
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    private static let parseOptions = CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART
    private static let renderOptions = CMARK_OPT_FOOTNOTES

    /// cmark-gfm's extension registry is process-global; `static let` runs this exactly once.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private let root: OpaquePointer
    private let extensions: UnsafeMutablePointer<cmark_llist>?
    private let parser: OpaquePointer

    init(markdown: String) {
        _ = Self.registered
        let parser: OpaquePointer = cmark_parser_new(Self.parseOptions)
        for name in Self.extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var source = markdown
        source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        self.parser = parser
        root = cmark_parser_finish(parser)
        extensions = cmark_parser_get_syntax_extensions(parser)
        cmark_consolidate_text_nodes(root)
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// The page's HTML.
    func html() -> String {
        guard let raw = cmark_render_html(root, Self.renderOptions, extensions) else { return "" }
        defer { free(raw) }
        return String(cString: raw)
    }

    // MARK: - Reading the tree

    /// Text of a node and its descendants, as a reader sees it.
    private func plainText(of node: OpaquePointer) -> String {
        var text = ""
        walk(from: node) { current, entering in
            guard entering else { return }
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += literal(current)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }

    /// The first heading, when it opens the story: it is the story's title, so it is taken
    /// out of the body (the page shows the title itself). A heading further down is a
    /// section heading and stays where it is.
    @discardableResult
    func removeOpeningHeading() -> String? {
        guard let first = cmark_node_first_child(root), cmark_node_get_type(first) == CMARK_NODE_HEADING else {
            return nil
        }
        let title = plainText(of: first).trimmedWhitespace
        guard !title.isEmpty else { return nil }
        cmark_node_unlink(first)
        cmark_node_free(first)
        return title
    }

    /// The first heading anywhere in the story, for stories that open with text.
    func firstHeading() -> String? {
        var result: String?
        walk(from: root) { node, entering in
            guard result == nil, entering, cmark_node_get_type(node) == CMARK_NODE_HEADING else { return }
            let text = plainText(of: node).trimmedWhitespace
            if !text.isEmpty { result = text }
        }
        return result
    }

    /// The story's running text for entity detection and excerpts: paragraphs, list items,
    /// quotes and table cells, each block separated by a blank line. Headings and code are
    /// left out: title case and identifiers would look like names.
    func proseText() -> String {
        var text = ""
        var headingDepth = 0
        var endsWithBlankLine = false
        walk(from: root) { node, entering in
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HEADING {
                headingDepth += entering ? 1 : -1
            } else if entering {
                guard headingDepth == 0 else { return }
                if type == CMARK_NODE_TEXT {
                    text += literal(node)
                    endsWithBlankLine = false
                } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                    text += " "
                    endsWithBlankLine = false
                }
            } else if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_ITEM || isTableCell(node) {
                if !text.isEmpty && !endsWithBlankLine { text += "\n\n"; endsWithBlankLine = true }
            }
        }
        return text.trimmedWhitespace
    }

    /// Number of words a reader reads, headings and code included.
    func wordCount() -> Int {
        var count = 0
        walk(from: root) { node, entering in
            guard entering else { return }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK {
                count += Self.countWords(literal(node))
            }
        }
        return count
    }

    /// Runs of letters, marks and digits (`Unicode.Scalar.isAlphanumeric`), which apostrophes
    /// and hyphens join ("well-known", "Sophie’s"). The scalars are decoded from the bytes
    /// here: iterating `unicodeScalars` was a tenth of the parse stage.
    static func countWords(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            var inWord = false
            var index = 0
            while index < bytes.count {
                let (scalar, length) = bytes.utf8Scalar(at: index)
                index += length
                let isWordPart = scalar.isAlphanumeric
                if isWordPart && !inWord { count += 1 }
                if isWordPart {
                    inWord = true
                } else if !(scalar == "'" || scalar == "-" || scalar == "\u{2019}") {
                    inWord = false
                }
            }
            return count
        }
    }

    // MARK: - Linking mentions

    /// A page a mention in the text should link to.
    struct MentionTarget {
        /// The forms the text may use (full name, aliases), tried longest first.
        var forms: [String]
        var href: String
        /// Fragment id given to the linked mention, so other pages can point at it.
        var id: String
    }

    /// Wraps the first mention of each target in a link to its page. Mentions inside
    /// headings, existing links, images and code are left alone. Returns the ids that were placed.
    @discardableResult
    func linkFirstMentions(_ targets: [MentionTarget]) -> Set<String> {
        var textNodes: [OpaquePointer] = []
        walk(from: root) { node, entering in
            if entering, cmark_node_get_type(node) == CMARK_NODE_TEXT,
               !isInside(node, anyOf: [CMARK_NODE_HEADING, CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_CUSTOM_INLINE]) {
                textNodes.append(node)
            }
        }
        let literals = textNodes.map { literal($0) }
        // Every form of every target is looked for in a text until found: check each text once.
        let plain = literals.map(TextMatch.isPlain)
        // For each target, the earliest (node, range) where one of its forms occurs as whole words.
        var placements: [Int: [(range: Range<String.Index>, target: MentionTarget)]] = [:]
        for target in targets {
            let forms = target.forms.sorted { ($0.count, $0) > ($1.count, $1) }
            search: for (index, text) in literals.enumerated() {
                var best: Range<String.Index>?
                for form in forms {
                    if let range = TextMatch.firstWholeWord(form, in: text, textIsPlain: plain[index]),
                       best == nil || range.lowerBound < best!.lowerBound {
                        best = range
                    }
                }
                if let best {
                    let taken = placements[index, default: []].contains { $0.range.overlaps(best) }
                    if !taken {
                        placements[index, default: []].append((best, target))
                        break search
                    }
                }
            }
        }
        var placed = Set<String>()
        for (index, found) in placements {
            let node = textNodes[index]
            let text = literals[index]
            var cursor = text.startIndex
            for (range, target) in found.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                if cursor < range.lowerBound {
                    insertText(String(text[cursor..<range.lowerBound]), before: node)
                }
                let link = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
                cmark_node_set_on_enter(link, "<a class=\"mention\" id=\"\(HTML.escape(target.id))\" href=\"\(HTML.escape(target.href))\">")
                cmark_node_set_on_exit(link, "</a>")
                let inner = cmark_node_new(CMARK_NODE_TEXT)!
                cmark_node_set_literal(inner, String(text[range]))
                cmark_node_append_child(link, inner)
                cmark_node_insert_before(node, link)
                placed.insert(target.id)
                cursor = range.upperBound
            }
            cmark_node_set_literal(node, String(text[cursor...]))
        }
        return placed
    }

    private func insertText(_ text: String, before node: OpaquePointer) {
        let textNode = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(textNode, text)
        cmark_node_insert_before(node, textNode)
    }

    // MARK: - Helpers

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private func isTableCell(_ node: OpaquePointer) -> Bool {
        guard let name = cmark_node_get_type_string(node) else { return false }
        return strcmp(name, "table_cell") == 0
    }

    private func isInside(_ node: OpaquePointer, anyOf types: [cmark_node_type]) -> Bool {
        var current = cmark_node_parent(node)
        while let parent = current {
            if types.contains(cmark_node_get_type(parent)) { return true }
            current = cmark_node_parent(parent)
        }
        return false
    }

    private func walk(from start: OpaquePointer, _ visit: (OpaquePointer, _ entering: Bool) -> Void) {
        let iterator = cmark_iter_new(start)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(node, event == CMARK_EVENT_ENTER)
        }
    }
}
