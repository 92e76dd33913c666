import Foundation
import Testing
@testable import AnthologyKit

/// The preview server's pure parts, without a server: how request targets are read, byte
/// ranges, HTTP dates, the live-reload script and content types.
@Suite("Preview server: request paths, ranges, dates, live reload, types")
struct ServeUnitTests {
    // MARK: - RequestPath

    /// Every way a request target can try to leave the site or smuggle a path: all refused (400).
    static let hostileTargets: [String] = [
        // `..` as written
        "/..", "/../", "/../etc/passwd", "/../../../../etc/passwd", "/stories/../../secret.txt", "/stories/..",
        "/assets/../index.html",
        // `.`
        "/.", "/./index.html", "/stories/./the-last-ferry/",
        // percent-encoded dots, either case, mixed with plain dots
        "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt", "/%2e./secret.txt", "/%2e/index.html",
        "/stories/%2e%2e/%2e%2e/secret.txt",
        // encoded slashes and backslashes, alone or hiding `..`
        "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/assets%2f..%2f..%2fsecret.txt", "/%2fetc%2fpasswd", "/%2F",
        "/stories%2Fthe-last-ferry/", "/..%5csecret.txt", "/%5c", "/..\\secret.txt", "/a\\b",
        // absolute paths
        "//etc/passwd", "//", "///", "/stories//the-last-ferry/", "//tmp/secret.txt",
        // NUL bytes, encoded and raw
        "/index.html%00", "/index.html%00.css", "/%00", "/index.html\u{0}.css",
        // malformed escapes and bytes that are not UTF-8 (overlong `.` and `/` included)
        "/%", "/%2", "/%zz", "/%g0", "/%c0%ae%c0%ae/secret.txt", "/%c0%af", "/%ff",
        // not origin-form
        "", "*", "index.html", "../secret.txt", "http://127.0.0.1/index.html", "%2e%2e/secret.txt",
    ]

    @Test("Hostile targets are invalid", arguments: hostileTargets)
    func hostileTargetIsInvalid(target: String) {
        #expect(RequestPath(target: target, basePath: "/") == .invalid)
    }

    @Test("Hostile targets under a base path are invalid", arguments: hostileTargets.filter { $0.hasPrefix("/") })
    func hostileTargetUnderBaseIsInvalid(target: String) {
        #expect(RequestPath(target: "/sub" + target, basePath: "/sub/") == .invalid)
    }

    @Test func ordinaryTargetsNameSegments() {
        #expect(RequestPath(target: "/", basePath: "/") == .site(segments: [], trailingSlash: true))
        #expect(RequestPath(target: "/index.html", basePath: "/") == .site(segments: ["index.html"], trailingSlash: false))
        #expect(RequestPath(target: "/stories/the-last-ferry/", basePath: "/")
            == .site(segments: ["stories", "the-last-ferry"], trailingSlash: true))
        #expect(RequestPath(target: "/stories/the-last-ferry", basePath: "/")
            == .site(segments: ["stories", "the-last-ferry"], trailingSlash: false))
        // Decoded once, per segment.
        #expect(RequestPath(target: "/caf%C3%A9/a%20b", basePath: "/") == .site(segments: ["café", "a b"], trailingSlash: false))
        #expect(RequestPath(target: "/%252e%252e/x", basePath: "/") == .site(segments: ["%2e%2e", "x"], trailingSlash: false))
        // Dots inside a name are fine.
        #expect(RequestPath(target: "/a..b/.well-known..", basePath: "/") == .site(segments: ["a..b", ".well-known.."], trailingSlash: false))
    }

    @Test func queryAndFragmentAreNotPartOfThePath() {
        #expect(RequestPath(target: "/index.html?x=1", basePath: "/") == .site(segments: ["index.html"], trailingSlash: false))
        #expect(RequestPath(target: "/stories/?q=../../etc/passwd", basePath: "/") == .site(segments: ["stories"], trailingSlash: true))
        #expect(RequestPath(target: "/assets/style.css?anthology-reload=123", basePath: "/")
            == .site(segments: ["assets", "style.css"], trailingSlash: false))
        #expect(RequestPath(target: "/index.html#top", basePath: "/") == .site(segments: ["index.html"], trailingSlash: false))
    }

    @Test func basePath() {
        let base = "/sub/"
        #expect(RequestPath(target: "/sub/", basePath: base) == .site(segments: [], trailingSlash: true))
        #expect(RequestPath(target: "/sub/index.html", basePath: base) == .site(segments: ["index.html"], trailingSlash: false))
        #expect(RequestPath(target: "/sub/stories/the-last-ferry/", basePath: base)
            == .site(segments: ["stories", "the-last-ferry"], trailingSlash: true))
        // Outside the base: answered with 404 (or a redirect for `/`).
        for target in ["/", "/index.html", "/subway/", "/subindex.html", "/SUB/", "/_anthology/events", "/other/sub/"] {
            #expect(RequestPath(target: target, basePath: base) == .outsideBase, "\(target)")
        }
        #expect(RequestPath(target: "/a/b/c.html", basePath: "/a/b/") == .site(segments: ["c.html"], trailingSlash: false))
        #expect(RequestPath(target: "/a/c.html", basePath: "/a/b/") == .outsideBase)
    }

    @Test("The base path without its slash is the site's root folder without a slash (so it redirects)")
    func basePathWithoutSlash() {
        #expect(RequestPath(target: "/sub", basePath: "/sub/") == .site(segments: [], trailingSlash: false))
        #expect(RequestPath(target: "/sub?x=1", basePath: "/sub/") == .site(segments: [], trailingSlash: false))
        #expect(RequestPath(target: "/a/b", basePath: "/a/b/") == .site(segments: [], trailingSlash: false))
    }

    @Test func eventsEndpoint() {
        #expect(RequestPath(target: "/_anthology/events", basePath: "/") == .events)
        #expect(RequestPath(target: "/_anthology/events?since=1", basePath: "/") == .events)
        #expect(RequestPath(target: "/sub/_anthology/events", basePath: "/sub/") == .events)
        #expect(RequestPath(target: "/_anthology/events", basePath: "/sub/") == .outsideBase)
        #expect(RequestPath(target: "/_anthology/other", basePath: "/") == .site(segments: ["_anthology", "other"], trailingSlash: false))
        #expect(RequestPath(target: "/stories/_anthology/events", basePath: "/")
            == .site(segments: ["stories", "_anthology", "events"], trailingSlash: false))
    }

    @Test func percentDecodingIsStrict() {
        #expect(PercentDecoding.decode("a%20b") == "a b")
        #expect(PercentDecoding.decode("%E2%9C%93") == "✓")
        #expect(PercentDecoding.decode("%e2%9c%93") == "✓")
        #expect(PercentDecoding.decode("100%") == nil)
        #expect(PercentDecoding.decode("%4") == nil)
        #expect(PercentDecoding.decode("%4G") == nil)
        #expect(PercentDecoding.decode("%C3") == nil)  // half a UTF-8 sequence
        #expect(PercentDecoding.decode("%C0%AE") == nil)  // overlong `.`
    }

    // MARK: - ByteRange

    @Test func byteRanges() {
        let size = 1000
        #expect(ByteRange(header: "bytes=0-499", size: size) == .satisfiable(0...499))
        #expect(ByteRange(header: "bytes=0-0", size: size) == .satisfiable(0...0))
        #expect(ByteRange(header: "bytes=999-999", size: size) == .satisfiable(999...999))
        // Open-ended.
        #expect(ByteRange(header: "bytes=500-", size: size) == .satisfiable(500...999))
        #expect(ByteRange(header: "bytes=0-", size: size) == .satisfiable(0...999))
        // Suffix: the last n bytes, or the whole file when n is larger.
        #expect(ByteRange(header: "bytes=-500", size: size) == .satisfiable(500...999))
        #expect(ByteRange(header: "bytes=-1", size: size) == .satisfiable(999...999))
        #expect(ByteRange(header: "bytes=-5000", size: size) == .satisfiable(0...999))
        // An end beyond the file is cut to the file.
        #expect(ByteRange(header: "bytes=900-5000", size: size) == .satisfiable(900...999))
        // Case of the unit and surrounding spaces do not matter.
        #expect(ByteRange(header: "Bytes=1-2", size: size) == .satisfiable(1...2))
        #expect(ByteRange(header: " bytes=1-2 ", size: size) == .satisfiable(1...2))
    }

    @Test func unsatisfiableRanges() {
        #expect(ByteRange(header: "bytes=1000-", size: 1000) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=1000-2000", size: 1000) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=5000-6000", size: 1000) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=-0", size: 1000) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=0-", size: 0) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=-5", size: 0) == .unsatisfiable)
    }

    @Test("Multiple ranges and anything malformed are ignored (the whole file is sent)", arguments: [
        "bytes=0-1,5-6", "bytes=0-1, 5-6", "bytes=-1,0-0",
        "bytes=5-4", "items=0-1", "0-1", "bytes", "bytes=", "bytes=-", "bytes=abc", "bytes=a-b", "bytes=1-b",
        "bytes=-x", "bytes=--1", "bytes=1--2", "", "bytes 0-1",
    ])
    func ignoredRange(header: String) {
        #expect(ByteRange(header: header, size: 1000) == .ignored)
    }

    // MARK: - HTTPDate

    @Test func httpDateFormatsIMFFixdate() {
        #expect(HTTPDate.string(from: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.string(from: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.seconds(from: "Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
    }

    @Test("HTTP dates round-trip", arguments: [0, 1, 86_399, 784_111_777, 951_782_400, 1_700_000_000, 2_147_483_647, 4_102_444_800])
    func httpDateRoundTrip(seconds: Int) {
        let text = HTTPDate.string(from: seconds)
        #expect(text.count == 29, "\(text)")
        #expect(text.hasSuffix(" GMT"))
        #expect(HTTPDate.seconds(from: text) == seconds)
    }

    @Test("Dates that are not IMF-fixdate are rejected", arguments: [
        "", "yesterday", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
        "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, xx Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:xx GMT",
        "Sun, 06 Nov 1994 08:49:37:00 GMT", "2024-05-01T10:00:00Z", "784111777",
    ])
    func httpDateRejects(header: String) {
        #expect(HTTPDate.seconds(from: header) == nil)
    }

    @Test("Dates with fields out of range are not valid HTTP dates (RFC 9110 §13.1.3: ignore them)",
          arguments: ["Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:00:00 GMT", "Sun, 06 Nov 1994 08:61:00 GMT",
                      "Sun, 00 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 -1:49:37 GMT"])
    func httpDateRejectsOutOfRangeFields(header: String) {
        #expect(HTTPDate.seconds(from: header) == nil)
    }

    // MARK: - LiveReload

    @Test func scriptGoesBeforeTheClosingBody() {
        let html = "<!doctype html><html><body><p>Harbour</p></body></html>\n"
        let result = String(decoding: LiveReload.inject(into: Data(html.utf8), basePath: "/"), as: UTF8.self)
        let script = LiveReload.script(basePath: "/")
        #expect(result == "<!doctype html><html><body><p>Harbour</p>" + script + "</body></html>\n")
        #expect(script.contains("new EventSource(\"/_anthology/events\")"))
        #expect(script.contains("data-anthology-live-reload"))
    }

    @Test func scriptGoesBeforeTheLastClosingBody() {
        let html = "<body><pre>&lt;/body&gt; </body> in text</pre></body>"
        let result = String(decoding: LiveReload.inject(into: Data(html.utf8), basePath: "/"), as: UTF8.self)
        #expect(result.hasSuffix(LiveReload.script(basePath: "/") + "</body>"))
        #expect(result.hasPrefix("<body><pre>&lt;/body&gt; </body> in text</pre>"))
    }

    @Test func scriptIsAppendedWithoutABody() {
        let html = "<p>A fragment</p>"
        let result = String(decoding: LiveReload.inject(into: Data(html.utf8), basePath: "/sub/"), as: UTF8.self)
        #expect(result == html + LiveReload.script(basePath: "/sub/"))
        #expect(result.contains("new EventSource(\"/sub/_anthology/events\")"))
    }

    @Test func baseIsAddedAfterHeadUnlessPresent() {
        let added = String(decoding: LiveReload.addBase(to: Data("<html><head><title>x</title>".utf8), basePath: "/sub/"), as: UTF8.self)
        #expect(added == "<html><head>\n<base href=\"/sub/\"><title>x</title>")
        let kept = "<head><base href=\"/other/\"></head>"
        #expect(LiveReload.addBase(to: Data(kept.utf8), basePath: "/sub/") == Data(kept.utf8))
    }

    @Test func jsonStringCannotCloseTheScript() {
        let value = ScriptSafeJSON.string("</script><script>alert(1)</script>")
        #expect(!value.contains("<"))
        #expect(value.hasPrefix("\"") && value.hasSuffix("\""))
        #expect(ScriptSafeJSON.string("/a/b/") == "\"/a/b/\"")
    }

    // MARK: - ContentType

    @Test("Content types", arguments: [
        ("index.html", "text/html; charset=utf-8"),
        ("/site/stories/x/index.html", "text/html; charset=utf-8"),
        ("page.htm", "text/html; charset=utf-8"),
        ("INDEX.HTML", "text/html; charset=utf-8"),
        ("assets/style.css", "text/css; charset=utf-8"),
        ("notes.txt", "text/plain; charset=utf-8"),
        ("feed.xml", "application/xml; charset=utf-8"),
        ("logo.svg", "image/svg+xml; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("app.mjs", "text/javascript; charset=utf-8"),
        ("data.json", "application/json; charset=utf-8"),
        ("site.webmanifest", "application/manifest+json; charset=utf-8"),
        ("favicon.ico", "image/vnd.microsoft.icon"),
        ("photo.png", "image/png"),
        ("photo.jpg", "image/jpeg"),
        ("photo.webp", "image/webp"),
        ("font.woff2", "font/woff2"),
        ("LICENSE", "application/octet-stream"),
        ("archive.unknownext", "application/octet-stream"),
        ("folder.d/README", "application/octet-stream"),
    ])
    func contentType(path: String, expected: String) {
        #expect(ContentType.forPath(path) == expected)
    }

    @Test("Feeds and source maps are text with a charset",
          arguments: [("feed.atom", "application/atom+xml; charset=utf-8"), ("feed.rss", "application/rss+xml; charset=utf-8"),
                      ("app.js.map", "application/json; charset=utf-8")])
    func feedContentType(path: String, expected: String) {
        #expect(ContentType.forPath(path) == expected)
    }
}
