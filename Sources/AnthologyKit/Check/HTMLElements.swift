/// HTML5 facts libxml2's HTML 4 parser does not know.
enum HTMLElements {
    /// Elements that never have an end tag.
    static let void: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "param", "keygen", "basefont", "bgsound", "frame", "isindex",
    ]

    /// Elements whose end tag HTML allows to be left out (`<li>`, `<p>`, table parts...), and the
    /// document's `html`, `head` and `body`, whose end tags libxml2 ignores.
    static let optionalEnd: Set<String> = [
        "html", "head", "body", "li", "dt", "dd", "p", "rt", "rp", "optgroup", "option",
        "colgroup", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
    ]

    /// Elements whose content is raw text up to their own end tag. libxml2 follows HTML 4 and
    /// complains about any `</` inside them (`"</div>"` in a script's string); HTML5 does not.
    static let rawText: Set<String> = ["script", "style"]

    static func needsEndTag(_ name: String) -> Bool {
        !void.contains(name) && !optionalEnd.contains(name)
    }
}
