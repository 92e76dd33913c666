import Foundation
import Testing
@testable import AnthologyKit

/// `anthology serve` end to end: a real server on a free port, real HTTP over a raw socket,
/// real files saved the way editors save them.
@Suite("Preview server over HTTP", .serialized, .timeLimit(.minutes(1)))
struct PreviewServerTests {
    static let home = "index.html"

    // MARK: - Files, folders, types

    @Test("Every kind of file is served with its type, text with a charset, bytes as on disk")
    func contentTypes() async throws {
        try await RunningServer.with { server in
            let expected: [(String, String)] = [
                ("", "text/html; charset=utf-8"),
                ("index.html", "text/html; charset=utf-8"),
                ("stories/the-last-ferry/", "text/html; charset=utf-8"),
                ("assets/style.css", "text/css; charset=utf-8"),
                ("feed.xml", "application/xml; charset=utf-8"),
                ("sitemap.xml", "application/xml; charset=utf-8"),
                ("robots.txt", "text/plain; charset=utf-8"),
                ("404.html", "text/html; charset=utf-8"),
                ("assets/favicon.svg", "image/svg+xml; charset=utf-8"),
                ("assets/data.xml", "application/xml; charset=utf-8"),
                ("assets/notes.txt", "text/plain; charset=utf-8"),
                ("assets/logo.svg", "image/svg+xml; charset=utf-8"),
                ("assets/app.js", "text/javascript; charset=utf-8"),
                ("assets/data.json", "application/json; charset=utf-8"),
                ("assets/site.webmanifest", "application/manifest+json; charset=utf-8"),
                ("assets/favicon.ico", "image/vnd.microsoft.icon"),
                ("assets/photo.png", "image/png"),
                ("assets/font.woff2", "font/woff2"),
                ("assets/LICENSE", "application/octet-stream"),
            ]
            for (path, type) in expected {
                let response = try await server.get(path)
                #expect(response.status == 200, "\(path): \(response)")
                #expect(response.header("Content-Type") == type, "\(path)")
                #expect(response.header("Content-Length") == String(response.body.count), "\(path)")
                if !type.hasPrefix("text/html") {
                    let disk = try Data(contentsOf: server.options.output.appendingPathComponent(path))
                    #expect(response.body == disk, "\(path) is served as it is on disk")
                }
            }
            // Every file of the built site answers 200 with a type.
            for path in server.site.files(in: server.options.output) where !path.hasPrefix(".") {
                let response = try await server.get(path)
                #expect(response.status == 200, "\(path): \(response)")
                #expect(response.header("Content-Type") != nil, "\(path)")
            }
        }
    }

    @Test("A folder serves its index.html; a folder without a slash redirects; no listings")
    func folders() async throws {
        try await RunningServer.with { server in
            let home = try await server.get("")
            #expect(home.status == 200)
            #expect(home.text.contains("the-last-ferry"))
            let indexFile = try await server.get("index.html")
            #expect(home.body == indexFile.body)

            let story = try await server.get("stories/the-last-ferry/")
            #expect(story.status == 200)
            #expect(story.text.contains("The Last Ferry"))

            let redirect = try await server.get("stories/the-last-ferry")
            #expect(redirect.status == 301)
            #expect(redirect.header("Location") == "/stories/the-last-ferry/")
            // The query is not part of the folder's name.
            let withQuery = try await server.get("characters?sort=name")
            #expect(withQuery.status == 301)
            #expect(withQuery.header("Location")?.hasPrefix("/characters/") == true)

            // A folder without index.html is not listed: it is missing.
            let missing = try await server.get("no/such/page")
            #expect(missing.status == 404)
            for path in ["assets/", "stories/", "assets", "stories"] {
                let response = try await server.get(path)
                if path.hasSuffix("/") {
                    #expect(response.status == 404, "\(path): \(response)")
                    #expect(response.body == missing.body, "\(path) is answered with the 404 page")
                    #expect(!response.text.contains("photo.png"), "\(path) lists the folder")
                } else {
                    #expect(response.status == 301 && response.header("Location") == "/\(path)/", "\(path): \(response)")
                }
            }
            // A file is not a folder.
            #expect(try await server.get("index.html/").status == 404)
            #expect(try await server.get("stories/the-last-ferry/index.html/").status == 404)

            // Names that need encoding are encoded again in the redirect.
            try server.site.write("<html><body>menu</body></html>", to: "public/café menu/index.html")
            let encoded = try await server.get("caf%C3%A9%20menu")
            #expect(encoded.status == 301)
            #expect(encoded.header("Location") == "/caf%C3%A9%20menu/")
            let followed = try await server.get("caf%C3%A9%20menu/")
            #expect(followed.status == 200 && followed.text.contains("menu"))
        }
    }

    @Test("Missing pages get 404 with the site's own 404 page (or a plain one when the site has none)")
    func notFound() async throws {
        try await RunningServer.with { server in
            let file = server.options.output.appendingPathComponent("404.html")
            let own = try #require(try? String(contentsOf: file, encoding: .utf8), "the site has no 404.html")
            let script = LiveReload.script(basePath: "/")
            for path in ["no/such/page.html", "stories/nobody/", "missing.css", "a/b/c/d/"] {
                let response = try await server.get(path)
                #expect(response.status == 404, "\(path): \(response)")
                #expect(response.header("Content-Type") == "text/html; charset=utf-8")
                // Served at any depth, its relative links still resolve from the site's root.
                #expect(response.text.contains("<head>\n<base href=\"/\">"), "\(path)")
                #expect(response.text.contains(script + "</body>"), "\(path)")
                let withoutAdditions = response.text.replacingOccurrences(of: "\n<base href=\"/\">", with: "")
                    .replacingOccurrences(of: script, with: "")
                #expect(withoutAdditions == own, "\(path): the site's 404 page as built")
            }
            let head = try await server.request("HEAD", "/no/such/page.html")
            #expect(head.status == 404 && head.body.isEmpty)
            // The page itself is also a normal page.
            #expect(try await server.get("404.html").status == 200)
            #expect(try String(contentsOf: file, encoding: .utf8) == own, "the base and the script never reach the disk")

            // Without a 404.html, a plain page, still with status 404.
            try FileManager.default.removeItem(at: file)
            let plain = try await server.get("no/such/page.html")
            #expect(plain.status == 404)
            #expect(plain.header("Content-Type") == "text/html; charset=utf-8")
            #expect(plain.text.contains("Not found"))
            #expect(plain.text.contains("data-anthology-live-reload"))
        }
    }

    @Test("Only GET and HEAD are answered")
    func otherMethods() async throws {
        try await RunningServer.with { server in
            for method in ["POST", "PUT", "DELETE"] {
                let response = try await server.request(method, "/index.html", headers: [("Content-Length", "0")])
                #expect(response.status == 405, "\(method)")
                #expect(response.header("Allow") == "GET, HEAD", "\(method)")
            }
            #expect(FileManager.default.fileExists(atPath: server.options.output.appendingPathComponent("index.html").path))
        }
    }

    // MARK: - Staying inside the site

    @Test("Every traversal attempt gets 400 or 404 and nothing from outside the site")
    func traversal() async throws {
        try await RunningServer.with { server in
            let secretPath = server.site.root.appendingPathComponent("secret.txt").path
            var targets = ServeUnitTests.hostileTargets.filter { $0.hasPrefix("/") }
            targets += [
                // Absolute paths of real files, with and without the doubled slash.
                "/" + secretPath, secretPath, "/etc/passwd", "/proc/self/environ",
                "/" + server.options.output.path + "/index.html",
                // Hidden files of the site (the manifest) are not part of it.
                "/.anthology-manifest", "/assets/.anthology-manifest", "/%2eanthology-manifest",
                // Absolute-form targets hiding a traversal.
                "http://127.0.0.1/../secret.txt", "http://127.0.0.1/%2e%2e/secret.txt",
                // Double encoding is decoded once only.
                "/%252e%252e/secret.txt",
            ]
            for target in targets {
                let response = try await server.request("GET", target)
                #expect([400, 404].contains(response.status), "\(target): \(response)")
                #expect(!response.text.contains(ServeFixture.secret), "\(target) leaked the secret")
                #expect(!response.text.contains("root:x:0:0"), "\(target) leaked /etc/passwd")
                #expect(!response.text.contains(SiteWriter.manifestHeader), "\(target) leaked the manifest")
            }
            // The obvious ones are refused outright rather than looked up.
            for target in ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "//etc/passwd", "/index.html%00.css"] {
                #expect(try await server.request("GET", target).status == 400, "\(target)")
            }
            // The server is still there after all that.
            #expect(try await server.get("").status == 200)
        }
    }

    @Test("A raw NUL byte or backslash in the request line gets 400 or 404")
    func rawBytesInRequestLine() async throws {
        try await RunningServer.with { server in
            for target in [Data("/index.html".utf8) + [0] + Data(".css".utf8), Data("/..\\..\\secret.txt".utf8)] {
                let request = Data("GET ".utf8) + target + Data(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
                let response = try await RawHTTP.send(request, port: server.port)
                #expect([400, 404].contains(response.status), "\(response)")
                #expect(!response.text.contains(ServeFixture.secret))
            }
            #expect(try await server.get("").status == 200)
        }
    }

    @Test("Symlinks are followed only while they stay inside the site")
    func symlinks() async throws {
        try await RunningServer.with { server in
            let output = server.options.output
            let fm = FileManager.default
            func link(_ name: String, to destination: String) throws {
                try fm.createSymbolicLink(atPath: output.appendingPathComponent(name).path, withDestinationPath: destination)
            }
            let secret = server.site.root.appendingPathComponent("secret.txt").path
            try link("outside.txt", to: secret)                     // absolute, to a file outside
            try link("outside-relative.txt", to: "../secret.txt")   // relative, to a file outside
            try link("etc", to: "/etc")                             // to a folder outside
            try link("parent", to: "..")                            // to the folder holding the site
            try link("assets/up", to: "../..")                      // deeper, to the same
            try link("dangling.txt", to: "nowhere.txt")
            try link("inside.css", to: "assets/style.css")          // inside: fine
            try link("tales", to: "stories")                        // a folder inside: fine

            for path in ["outside.txt", "outside-relative.txt", "etc/passwd", "etc/", "etc", "parent/secret.txt",
                         "parent/", "parent", "assets/up/secret.txt", "dangling.txt"] {
                let response = try await server.get(path)
                #expect(response.status == 404, "\(path): \(response)")
                #expect(!response.text.contains(ServeFixture.secret), "\(path) leaked the secret")
                #expect(!response.text.contains("root:x:0:0"), "\(path) leaked /etc/passwd")
            }
            let inside = try await server.get("inside.css")
            #expect(inside.status == 200)
            #expect(inside.header("Content-Type") == "text/css; charset=utf-8")
            #expect(inside.body == (try await server.get("assets/style.css")).body)
            let tale = try await server.get("tales/the-last-ferry/")
            #expect(tale.status == 200)
            #expect(tale.text.contains("The Last Ferry"))
        }
    }

    // MARK: - Base path

    @Test("With --base-path /sub/ the site lives under /sub/, redirects keep it, and every link resolves")
    func basePath() async throws {
        try await RunningServer.with(basePath: "/sub/") { server in
            #expect(server.url.absoluteString == "http://127.0.0.1:\(server.port)/sub/")
            let home = try await server.request("GET", "/sub/")
            #expect(home.status == 200)
            #expect(home.text.contains("new EventSource(\"/sub/_anthology/events\")"))

            let root = try await server.request("GET", "/")
            #expect(root.status == 301 && root.header("Location") == "/sub/", "\(root)")
            let folder = try await server.request("GET", "/sub/stories/the-last-ferry")
            #expect(folder.status == 301 && folder.header("Location") == "/sub/stories/the-last-ferry/", "\(folder)")

            // Outside the base path there is no site.
            for target in ["/index.html", "/assets/style.css", "/stories/the-last-ferry/", "/subindex.html", "/_anthology/events"] {
                let response = try await server.request("GET", target)
                #expect(response.status == 404, "\(target): \(response)")
            }
            let missing = try await server.request("GET", "/sub/no/such/page")
            #expect(missing.status == 404)
            #expect(missing.text.contains("<base href=\"/sub/\">"))
            #expect(try await server.request("GET", "/sub/../sub/index.html").status == 400)

            // Every link of the home page and of a story page resolves under the base path.
            for page in ["/sub/", "/sub/stories/the-last-ferry/"] {
                let html = try await server.request("GET", page).text
                let pageURL = URL(string: "http://127.0.0.1:\(server.port)\(page)")!
                let links = PageText.links(html).filter { !$0.contains("://") && !$0.hasPrefix("#") && !$0.hasPrefix("mailto:") }
                #expect(!links.isEmpty)
                for href in links {
                    let resolved = try #require(URL(string: href, relativeTo: pageURL)?.absoluteURL)
                    #expect(resolved.path.hasPrefix("/sub/"), "\(page) -> \(href)")
                    let target = resolved.path + (href.hasSuffix("/") && !resolved.path.hasSuffix("/") ? "/" : "")
                    #expect(try await server.request("GET", target).status == 200, "\(page) -> \(href)")
                }
            }

            // The event stream lives under the base path too.
            let events = try await server.events()
            #expect(events.response.contentType == "text/event-stream; charset=utf-8")
            events.close()
        }
    }

    @Test("/sub redirects to /sub/ (the base path without its slash)")
    func basePathWithoutSlashRedirects() async throws {
        try await RunningServer.with(basePath: "/sub/") { server in
            let response = try await server.request("GET", "/sub")
            #expect(response.status == 301)
            #expect(response.header("Location") == "/sub/")
            let query = try await server.request("GET", "/sub?x=1")
            #expect(query.status == 301)
            #expect(query.header("Location")?.hasPrefix("/sub/") == true)
            #expect(query.header("Location")?.hasPrefix("/sub//") == false)
        }
    }

    // MARK: - HEAD, Range, conditional requests

    @Test("HEAD answers like GET without a body")
    func head() async throws {
        try await RunningServer.with { server in
            for path in ["", "stories/the-last-ferry/", "assets/style.css", "assets/favicon.ico", "no/such/page", "stories/the-last-ferry"] {
                let get = try await server.get(path)
                let head = try await server.request("HEAD", "/" + path)
                #expect(head.status == get.status, "\(path)")
                #expect(head.body.isEmpty, "\(path): HEAD sent \(head.body.count) bytes")
                for name in ["Content-Type", "Content-Length", "ETag", "Last-Modified", "Location", "Accept-Ranges"] {
                    #expect(head.header(name) == get.header(name), "\(path): \(name)")
                }
                if get.status == 200 { #expect(head.header("Content-Length") == String(get.body.count), "\(path)") }
            }
        }
    }

    @Test("Range: single ranges get 206, ranges past the end 416, anything else the whole file")
    func ranges() async throws {
        try await RunningServer.with { server in
            let full = try await server.get("assets/style.css")
            let size = full.body.count
            #expect(full.status == 200)
            #expect(full.header("Accept-Ranges") == "bytes")
            #expect(size > 40)

            func expectPart(_ header: String, _ range: ClosedRange<Int>, of whole: RawResponse, at path: String,
                            sourceLocation: SourceLocation = #_sourceLocation) async throws {
                let response = try await server.get(path, headers: [("Range", header)])
                #expect(response.status == 206, "\(header): \(response)", sourceLocation: sourceLocation)
                #expect(response.header("Content-Range") == "bytes \(range.lowerBound)-\(range.upperBound)/\(whole.body.count)",
                        sourceLocation: sourceLocation)
                #expect(response.header("Content-Length") == String(range.count), sourceLocation: sourceLocation)
                #expect(response.body == whole.body.subdata(in: range.lowerBound..<(range.upperBound + 1)), sourceLocation: sourceLocation)
                #expect(response.header("Content-Type") == whole.header("Content-Type"), sourceLocation: sourceLocation)
            }
            try await expectPart("bytes=0-9", 0...9, of: full, at: "assets/style.css")
            try await expectPart("bytes=10-19", 10...19, of: full, at: "assets/style.css")
            try await expectPart("bytes=\(size - 5)-", (size - 5)...(size - 1), of: full, at: "assets/style.css")
            try await expectPart("bytes=-20", (size - 20)...(size - 1), of: full, at: "assets/style.css")
            try await expectPart("bytes=-\(size * 2)", 0...(size - 1), of: full, at: "assets/style.css")
            try await expectPart("bytes=5-\(size * 2)", 5...(size - 1), of: full, at: "assets/style.css")

            // HTML pages: ranges of what is sent, the live-reload script included.
            let page = try await server.get("")
            try await expectPart("bytes=-30", (page.body.count - 30)...(page.body.count - 1), of: page, at: "")

            for header in ["bytes=\(size)-", "bytes=\(size + 100)-\(size + 200)", "bytes=-0"] {
                let response = try await server.get("assets/style.css", headers: [("Range", header)])
                #expect(response.status == 416, "\(header): \(response)")
                #expect(response.header("Content-Range") == "bytes */\(size)", "\(header)")
            }
            for header in ["bytes=0-1,4-5", "bytes=9-2", "bytes=abc", "lines=1-2"] {
                let response = try await server.get("assets/style.css", headers: [("Range", header)])
                #expect(response.status == 200, "\(header): \(response)")
                #expect(response.body == full.body, "\(header)")
                #expect(response.header("Content-Range") == nil, "\(header)")
            }

            // If-Range: the part only while the file is the one the client has.
            let etag = try #require(full.header("ETag"))
            let lastModified = try #require(full.header("Last-Modified"))
            let current = try await server.get("assets/style.css", headers: [("Range", "bytes=0-9"), ("If-Range", etag)])
            #expect(current.status == 206)
            let byDate = try await server.get("assets/style.css", headers: [("Range", "bytes=0-9"), ("If-Range", lastModified)])
            #expect(byDate.status == 206)
            let stale = try await server.get("assets/style.css", headers: [("Range", "bytes=0-9"), ("If-Range", "\"not-it\"")])
            #expect(stale.status == 200)
            #expect(stale.body == full.body)
        }
    }

    @Test("ETag and Last-Modified, and 304 for a page or file the browser already has")
    func conditionalRequests() async throws {
        try await RunningServer.with { server in
            for path in ["", "stories/the-last-ferry/", "assets/style.css", "assets/photo.png"] {
                let first = try await server.get(path)
                let etag = try #require(first.header("ETag"), "\(path)")
                let lastModified = try #require(first.header("Last-Modified"), "\(path)")
                #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count > 2, "a strong ETag: \(etag)")
                #expect(HTTPDate.seconds(from: lastModified) != nil, "\(lastModified)")
                #expect(first.header("Cache-Control") == "no-cache", "\(path)")
                // Same bytes, same validators.
                let again = try await server.get(path)
                #expect(again.header("ETag") == etag)
                #expect(again.header("Last-Modified") == lastModified)

                for condition in [("If-None-Match", etag), ("If-None-Match", "W/" + etag), ("If-None-Match", "\"other\", " + etag),
                                  ("If-None-Match", "*"), ("If-Modified-Since", lastModified)] {
                    let response = try await server.get(path, headers: [condition])
                    #expect(response.status == 304, "\(path) \(condition): \(response)")
                    #expect(response.body.isEmpty, "\(path) \(condition)")
                    #expect(response.header("ETag") == etag, "\(path) \(condition)")
                }
                for condition in [[("If-None-Match", "\"other\"")],
                                  [("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT")],
                                  [("If-Modified-Since", "not a date")],
                                  // If-None-Match wins over If-Modified-Since.
                                  [("If-None-Match", "\"other\""), ("If-Modified-Since", lastModified)]] {
                    let response = try await server.get(path, headers: condition)
                    #expect(response.status == 200, "\(path) \(condition): \(response)")
                    #expect(response.body == first.body, "\(path) \(condition)")
                }
            }
        }
    }

    // MARK: - Live-reload script

    @Test("Every served page carries the live-reload script once; the files on disk never do")
    func liveReloadOnlyInServedHTML() async throws {
        try await RunningServer.with { server in
            let output = server.options.output
            let pages = server.site.files(in: output).filter { $0.hasSuffix(".html") }
            #expect(pages.count >= 14)
            let script = LiveReload.script(basePath: "/")
            for page in pages {
                let disk = try Data(contentsOf: output.appendingPathComponent(page))
                let served = try await server.get(page)
                #expect(served.status == 200, "\(page)")
                #expect(served.text.components(separatedBy: "data-anthology-live-reload").count == 2, "\(page): the script once")
                #expect(served.text.contains(script + "</body>"), "\(page): the script just before </body>")
                #expect(served.text.replacingOccurrences(of: script, with: "") == String(decoding: disk, as: UTF8.self),
                        "\(page): nothing else changed")
            }
            try Self.expectNoScriptOnDisk(server)
        }
    }

    static func expectNoScriptOnDisk(_ server: RunningServer, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for file in server.site.files(in: server.options.output) {
            let data = try Data(contentsOf: server.options.output.appendingPathComponent(file))
            #expect(data.range(of: Data("data-anthology-live-reload".utf8)) == nil, "\(file) on disk holds the script",
                    sourceLocation: sourceLocation)
            #expect(data.range(of: Data("_anthology/events".utf8)) == nil, "\(file) on disk names the event stream",
                    sourceLocation: sourceLocation)
        }
    }

    // MARK: - Saving

    /// Ways editors save a file.
    enum SaveStyle: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// Truncate and write the same file.
        case inPlace
        /// Write a new file beside it and rename it over the old one (VS Code's and many tools' atomic save).
        case renameOver
        /// vim with `writebackup`: probe with `4913`, rename the original to `name~`, write a
        /// new file, delete the backup; a `.name.swp` swap file alongside the whole time.
        case vim

        var testDescription: String { rawValue }

        func save(_ text: String, to url: URL) throws {
            let fm = FileManager.default
            let folder = url.deletingLastPathComponent()
            let name = url.lastPathComponent
            switch self {
            case .inPlace:
                let handle = try FileHandle(forWritingTo: url)
                try handle.truncate(atOffset: 0)
                try handle.write(contentsOf: Data(text.utf8))
                try handle.close()
            case .renameOver:
                let temporary = folder.appendingPathComponent("\(name).tmp-\(UUID().uuidString.prefix(8))")
                try Data(text.utf8).write(to: temporary)
                guard rename(temporary.path, url.path) == 0 else { throw RawHTTPError("rename failed") }
            case .vim:
                let swap = folder.appendingPathComponent(".\(name).swp")
                try Data("vim swap".utf8).write(to: swap)
                let probe = folder.appendingPathComponent("4913")
                try Data().write(to: probe)
                try fm.removeItem(at: probe)
                let backup = folder.appendingPathComponent(name + "~")
                guard rename(url.path, backup.path) == 0 else { throw RawHTTPError("rename failed") }
                try Data(text.utf8).write(to: url)
                try fm.removeItem(at: backup)
                try fm.removeItem(at: swap)
            }
        }
    }

    @Test("Saving a story delivers a reload event and the rebuilt page within one second", arguments: [
        (SaveStyle.inPlace, false), (.renameOver, false), (.vim, false), (.inPlace, true), (.vim, true),
    ])
    func saveDeliversReloadWithinOneSecond(style: SaveStyle, poll: Bool) async throws {
        try await RunningServer.with(poll: poll) { server in
            let events = try await server.events()
            defer { events.close() }
            #expect(events.response.status == 200)
            #expect(events.response.contentType == "text/event-stream; charset=utf-8")
            let story = server.site.root.appendingPathComponent(ServeFixture.story)
            let before = try await server.get("stories/the-last-ferry/")
            let sentence = "a gull landed on the rail and watched her for a while, marker \(UInt32.random(in: 1...UInt32.max))"
            let text = try String(contentsOf: story, encoding: .utf8) + "\n" + sentence + "\n"
            #expect(!before.text.contains(sentence))

            let saved = ContinuousClock.now
            try style.save(text, to: story)
            let result = try await server.waitForRebuild(of: ServeFixture.storyPage, containing: sentence, events: events,
                                                          before: saved + .seconds(1))
            let elapsed = saved.duration(to: .now)
            let (event, page) = try #require(result, "no ok event listing \(ServeFixture.storyPage) and the new text within 1 s (\(style), poll: \(poll)); \(events.problemsText)")
            #expect(elapsed < .seconds(1), "event and page took \(elapsed)")
            #expect(saved.duration(to: event.arrived) < .seconds(1))
            #expect(event.ok)
            #expect(event.pages == server.site.files(in: server.options.output).filter { $0.hasSuffix(".html") }.count)
            #expect(event.errors == nil)
            #expect(event.ms >= 0)
            #expect(page.header("ETag") != before.header("ETag"))
            #expect(page.text.contains("data-anthology-live-reload"))
            // The browser's cached copy is now stale.
            let revalidated = try await server.get("stories/the-last-ferry/", headers: [("If-None-Match", before.header("ETag") ?? "")])
            #expect(revalidated.status == 200)
            try Self.expectNoScriptOnDisk(server)
        }
    }

    @Test("A stylesheet change is announced alone, so pages swap CSS without reloading")
    func stylesheetChange() async throws {
        try await RunningServer.with { server in
            let events = try await server.events()
            defer { events.close() }
            let page = try await server.get("stories/the-last-ferry/")
            let css = server.site.templates.appendingPathComponent("assets/style.css")
            let marker = "/* anthology-test \(UInt32.random(in: 1...UInt32.max)) */"
            try SaveStyle.renameOver.save(try String(contentsOf: css, encoding: .utf8) + "\n" + marker + "\n", to: css)

            let event = try #require(await events.next(within: .seconds(1)), "no event within 1 s; \(events.problemsText)")
            #expect(event.ok)
            #expect(event.changed == ["assets/style.css"])
            #expect(try await server.get("assets/style.css").text.contains(marker))
            // The pages were not rewritten: the browser keeps them.
            let after = try await server.get("stories/the-last-ferry/", headers: [("If-None-Match", page.header("ETag") ?? "")])
            #expect(after.status == 304)
        }
    }

    @Test("A save that changes nothing in the site is announced with nothing changed")
    func saveWithoutChange() async throws {
        try await RunningServer.with { server in
            let events = try await server.events()
            defer { events.close() }
            let story = server.site.root.appendingPathComponent(ServeFixture.story)
            try SaveStyle.inPlace.save(try String(contentsOf: story, encoding: .utf8), to: story)
            let event = try #require(await events.next(within: .seconds(1)))
            #expect(event.ok)
            #expect(event.changed == [])
        }
    }

    @Test("A new story appears and a deleted story's page goes")
    func addAndDeleteStory() async throws {
        try await RunningServer.with { server in
            let events = try await server.events()
            defer { events.close() }
            try server.site.write("""
                ---
                title: The Lantern Keeper
                ---
                Every evening the keeper climbed the hundred steps of the lighthouse and trimmed the wick.
                """, to: "seeds/04-lantern.md")
            let page = "stories/the-lantern-keeper/index.html"
            let added = try await server.waitForRebuild(of: page, containing: "trimmed the wick", events: events,
                                                         before: .now + .seconds(2))
            #expect(added != nil, "the new story's page was not served; \(events.problemsText)")

            try FileManager.default.removeItem(at: server.site.seeds.appendingPathComponent("04-lantern.md"))
            let removed = try #require(await events.next(within: .seconds(2)))
            #expect(removed.ok)
            #expect(removed.changed.contains(page))
            #expect(try await server.get("stories/the-lantern-keeper/").status == 404)
        }
    }

    @Test("A folder of stories moved in appears, an edit inside it shows, and moving it out takes its pages away")
    func folderMovedInAndOut() async throws {
        try await RunningServer.with { server in
            let events = try await server.events()
            defer { events.close() }
            // Written outside the seeds folder, so that the watcher sees only the folder arrive.
            try server.site.write("""
                ---
                title: The Salt Road
                ---
                The caravan left before dawn, its bells wrapped in cloth.
                """, to: "drafts/more/salt.md")
            let drafts = server.site.root.appendingPathComponent("drafts/more")
            let moved = server.site.seeds.appendingPathComponent("more")
            try FileManager.default.moveItem(at: drafts, to: moved)
            let page = "stories/the-salt-road/index.html"
            let added = try await server.waitForRebuild(of: page, containing: "bells wrapped in cloth", events: events,
                                                         before: .now + .seconds(2))
            #expect(added != nil, "the moved-in story's page was not served; \(events.problemsText)")

            try server.site.edit("seeds/more/salt.md") { $0 + "\nBy noon the salt flats shone like snow.\n" }
            let edited = try await server.waitForRebuild(of: page, containing: "shone like snow", events: events,
                                                          before: .now + .seconds(2))
            #expect(edited != nil, "the edit inside the moved-in folder was not built; \(events.problemsText)")

            try FileManager.default.moveItem(at: moved, to: drafts)
            let removed = try #require(await events.next(within: .seconds(2)))
            #expect(removed.ok)
            #expect(removed.changed.contains(page))
            #expect(try await server.get("stories/the-salt-road/").status == 404)
        }
    }

    // MARK: - Build errors

    @Test("A build error shows an error page with the file:line message until the next good save")
    func buildErrorAndRecovery() async throws {
        try await RunningServer.with { server in
            let events = try await server.events()
            defer { events.close() }
            let home = try await server.get("")
            let onDisk = try Data(contentsOf: server.options.output.appendingPathComponent("index.html"))
            let story = server.site.seeds.appendingPathComponent("04-lantern.md")
            try SaveStyle.renameOver.save("""
                ---
                title: "The Lantern Keeper
                author: Ines Varga
                ---
                Every evening the keeper climbed the hundred steps of the lighthouse and trimmed the wick.
                """, to: story)

            let failed = try #require(await events.next(within: .seconds(1)), "no event within 1 s; \(events.problemsText)")
            #expect(!failed.ok)
            #expect(failed.changed == [])
            let errors = try #require(failed.errors)
            #expect(errors.contains("seeds/04-lantern.md:2"), "\(errors)")

            for path in ["", "stories/the-last-ferry/", "no/such/page"] {
                let response = try await server.get(path)
                #expect(response.status == 500, "\(path): \(response)")
                #expect(response.header("Content-Type") == "text/html; charset=utf-8")
                #expect(response.text.contains("seeds/04-lantern.md:2"), "\(path)")
                #expect(response.text.contains("data-anthology-error"))
                #expect(response.text.contains("data-anthology-live-reload"), "\(path): the error page reloads itself")
            }
            let head = try await server.request("HEAD", "/")
            #expect(head.status == 500 && head.body.isEmpty)
            // Stylesheets and other files are still served, and the site on disk is untouched.
            #expect(try await server.get("assets/style.css").status == 200)
            #expect(try Data(contentsOf: server.options.output.appendingPathComponent("index.html")) == onDisk)

            // The next good save: an ok event, and pages are served normally again.
            try SaveStyle.renameOver.save("""
                ---
                title: "The Lantern Keeper"
                author: Ines Varga
                ---
                Every evening the keeper climbed the hundred steps of the lighthouse and trimmed the wick.
                """, to: story)
            let recovered = try #require(await events.next(within: .seconds(1)), "no event within 1 s; \(events.problemsText)")
            #expect(recovered.ok)
            #expect(recovered.errors == nil)
            let page = try await server.get("")
            #expect(page.status == 200)
            #expect(!page.text.contains("data-anthology-error"))
            #expect(page.text.contains("data-anthology-live-reload"))
            #expect(page.text.contains("The Lantern Keeper"))
            #expect(page.header("ETag") != home.header("ETag"))
            #expect(try await server.get("stories/the-lantern-keeper/").status == 200)
            #expect(try await server.get("no/such/page").status == 404)
            try Self.expectNoScriptOnDisk(server)
        }
    }

    // MARK: - What the watcher ignores

    /// A save after which exactly one build is announced: a build set off by its own output
    /// would show up as a second event.
    static func expectOneBuild(_ server: RunningServer, _ events: BuildEventStream,
                               sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let story = server.site.root.appendingPathComponent(ServeFixture.story)
        let sentence = "the harbour bell rang twice, marker \(UInt32.random(in: 1...UInt32.max))"
        try SaveStyle.inPlace.save(try String(contentsOf: story, encoding: .utf8) + "\n" + sentence + "\n", to: story)
        let rebuilt = try await server.waitForRebuild(of: ServeFixture.storyPage, containing: sentence, events: events,
                                                       before: .now + .seconds(1))
        #expect(rebuilt != nil, "the save was not rebuilt within 1 s", sourceLocation: sourceLocation)
        let extra = await events.next(within: .milliseconds(600))
        #expect(extra == nil, "a second build followed the save: \(extra.map { "\($0)" } ?? "")", sourceLocation: sourceLocation)
    }

    /// Files written by hand into the output folder, and a check that none sets off a build.
    static func expectOutputIgnored(_ server: RunningServer, _ events: BuildEventStream,
                                    sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let output = server.options.output.standardizedFileURL
        try Data("by hand\n".utf8).write(to: output.appendingPathComponent("by-hand.txt"))
        try Data("<p>by hand</p>\n".utf8).write(to: output.appendingPathComponent("stories/by-hand.html"))
        try FileManager.default.createDirectory(at: output.appendingPathComponent("drafts"), withIntermediateDirectories: true)
        try Data("# Not a story\n".utf8).write(to: output.appendingPathComponent("drafts/notes.md"))
        let event = await events.next(within: .milliseconds(600))
        #expect(event == nil, "writing into the output folder set off a build: \(event.map { "\($0)" } ?? "")",
                sourceLocation: sourceLocation)
        #expect(try await server.get("by-hand.txt").status == 200, sourceLocation: sourceLocation)
    }

    @Test("The output folder is ignored by the watcher, even inside the seeds folder")
    func outputIsIgnored() async throws {
        try await RunningServer.with(options: { site in
            var options = site.options
            options.output = site.seeds.appendingPathComponent("site")
            return options
        }) { server in
            let events = try await server.events()
            defer { events.close() }
            try await Self.expectOutputIgnored(server, events)
            try await Self.expectOneBuild(server, events)
        }
    }

    @Test("The output folder is ignored however its path is written (--output ./seeds/site)")
    func outputIsIgnoredWithDotInPath() async throws {
        try await RunningServer.with(options: { site in
            BuildOptions(seeds: "seeds", templates: "templates", output: "./seeds/site", relativeTo: site.root)
        }) { server in
            let events = try await server.events()
            defer { events.close() }
            try await Self.expectOutputIgnored(server, events)
            try await Self.expectOneBuild(server, events)
        }
    }

    // MARK: - Starting and stopping

    @Test("Port 0 picks a free port; stopping ends open event streams and frees the port")
    func startAndStop() async throws {
        let site = try ServeFixture.make()
        defer { site.remove() }
        let first = try await RunningServer.start(site)
        let second = try await RunningServer.start(site, options: {
            var options = site.options
            options.output = site.root.appendingPathComponent("public-2")
            return options
        }())
        #expect(first.port != 0 && second.port != 0 && first.port != second.port)
        #expect(first.url.absoluteString == "http://127.0.0.1:\(first.port)/")
        #expect(try await RawHTTP.request("GET", "/", port: second.port).status == 200)

        let events = try await first.events()
        defer { events.close() }
        let stopped = await first.stop()
        #expect(stopped)
        #expect(await events.waitForEnd(timeout: .seconds(2)), "the event stream stayed open after the server stopped")
        await #expect(throws: (any Error).self) { try await RawHTTP.request("GET", "/", port: first.port) }
        // The other server is unaffected.
        #expect(try await RawHTTP.request("GET", "/", port: second.port).status == 200)
        await second.stop()
    }
}
