import Foundation
import Testing
@testable import AnthologyKit

/// Whatever a story says, the site shows it as text: no markup, script or `javascript:` link
/// from a story, its front matter or a character's name reaches a page as HTML.
@Suite("Escaping")
struct EscapingTests {
    static let hostileName = "<script>alert(1)</script>"
    static let hostileTitle = #"<b>"quotes" & 'apostrophes'</b>"#

    /// The name is written with backslash escapes in the text so that Markdown reads it as
    /// text (the way a writer who means the characters `<` and `>` would write it).
    static let story = #"""
        ---
        title: "<b>\"quotes\" & 'apostrophes'</b>"
        author: "<b>\"quotes\" & 'apostrophes'</b>"
        summary: "<b>\"quotes\" & 'apostrophes'</b>"
        characters: ["<script>alert(1)</script>"]
        ---
        The guest who signed the hotel register as \<script>alert(1)\</script> paid in coins and left before breakfast.

        <script>alert(2)</script>

        The night porter kept only a blurred photograph <img src=x onerror=alert(3)> of the guest.

        Under the door of room nine someone had slipped a card that read [x](javascript:alert(4)) and nothing more.
        """#

    @Test("Names, front matter and raw HTML from a story are shown as text, never run")
    func hostileStory() throws {
        let site = try FixtureAnthology(stories: ["register.md": Self.story])
        defer { site.remove() }
        try site.build()

        let pages = site.files().filter { $0.hasSuffix(".html") }
        #expect(!pages.isEmpty)
        for page in pages {
            // The only script is the page's JSON-LD, in which no `<` can end the element early.
            let html = try PageText.withoutJSONLD(site.page(page)).lowercased()
            #expect(!html.contains("<script"), "\(page) contains <script")
            #expect(!html.contains("onerror="), "\(page) contains onerror=")
            #expect(!html.contains("javascript:"), "\(page) contains javascript:")
            #expect(!html.contains("<b>"), "\(page) contains the title's <b> as markup")
        }

        // The character's page lives at a safe path under characters/.
        let characterPages = pages.filter { $0.hasPrefix("characters/") && $0 != "characters/index.html" }
        #expect(characterPages.count == 1, "character pages: \(characterPages)")
        let characterPage = try #require(characterPages.first)
        let parts = characterPage.split(separator: "/").map(String.init)
        #expect(parts.count == 3 && parts[0] == "characters" && parts[2] == "index.html", "\(characterPage)")
        let slug = parts.count == 3 ? parts[1] : ""
        #expect(!slug.isEmpty)
        #expect(slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" },
                "unsafe slug \(slug)")

        let storyPages = pages.filter { $0.hasPrefix("stories/") }
        #expect(storyPages.count == 1, "story pages: \(storyPages)")
        let storyPage = try #require(storyPages.first)

        // The escaped name is on every page that shows it.
        for page in [storyPage, characterPage, "characters/index.html"] {
            let html = try site.page(page)
            #expect(html.contains("&lt;script&gt;"), "\(page) does not show the escaped name")
        }

        // The reader sees the name and the title as they were written.
        let character = try site.page(characterPage)
        #expect(PageText.visible(character).contains(Self.hostileName))
        let storyText = PageText.visible(try site.page(storyPage))
        #expect(storyText.contains(Self.hostileName))
        #expect(storyText.contains(Self.hostileTitle))
        #expect(PageText.visible(try site.page("index.html")).contains(Self.hostileTitle))

        // The index links to the character's page.
        let index = try site.page("characters/index.html")
        #expect(PageText.links(index).contains { $0.hasSuffix("characters/\(slug)/index.html") },
                "links: \(PageText.links(index))")
    }

    /// A quote and a combining accent make one `Character`; escaping character by character
    /// would let the quote through, and a browser would end the attribute at it.
    @Test("A quote followed by an accent is escaped too, in text and in attributes")
    func quoteBeforeAnAccent() throws {
        let title = "Said \"\u{301} onmouseover=alert(5) \"\u{301}"
        let site = try FixtureAnthology(stories: ["said.md": """
            ---
            title: '\(title)'
            ---
            The ferry left at dawn with nobody on board but the pilot and a crate of lemons.
            """])
        defer { site.remove() }
        try site.build()
        let storyPage = try #require(site.files().first { $0.hasPrefix("stories/") && $0.hasSuffix("/index.html") })
        let page = try site.page(storyPage)
        let quoteAndAccent = "\"" + "\u{301}"  // spelt apart: the test macro cannot quote the pair
        #expect(!PageText.withoutJSONLD(page).contains(quoteAndAccent))  // JSON-LD has it as \"
        #expect(page.contains("<title>Said &quot;\u{301} onmouseover=alert(5) &quot;\u{301}"))
        #expect(page.contains("content=\"Said &quot;\u{301} onmouseover=alert(5) &quot;\u{301}"))
        #expect(HTML.escape("a" + quoteAndAccent + "b<&>'") == "a&quot;\u{301}b&lt;&amp;&gt;&#39;")
        #expect(HTML.escape("plain text") == "plain text")
    }
}
