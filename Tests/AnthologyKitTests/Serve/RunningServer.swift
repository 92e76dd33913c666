import Foundation
import Logging
import Testing
@testable import AnthologyKit

/// A `PreviewServer` running in a task on a free port, for one test.
///
/// `RunningServer.with { server in … }` starts it, waits until it accepts connections, and
/// always stops it afterwards; every wait has a timeout, so a broken server fails the test
/// instead of hanging the suite.
final class RunningServer: Sendable {
    let site: FixtureAnthology
    let options: BuildOptions
    /// Where the site is mounted (`/` or `/sub/`).
    let basePath: String
    let port: Int
    /// The address `onReady` reported.
    let url: URL
    private let task: Task<Void, Never>
    private let state: State

    /// What the server task reports, read by polling so that no wait can hang.
    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var readyURL: URL?
        private var finished = false
        private var failure: (any Error)?

        func ready(_ url: URL) { lock.withLock { if readyURL == nil { readyURL = url } } }
        func finish(_ error: (any Error)?) { lock.withLock { finished = true; failure = error } }
        var snapshot: (url: URL?, finished: Bool, failure: (any Error)?) { lock.withLock { (readyURL, finished, failure) } }
    }

    private init(site: FixtureAnthology, options: BuildOptions, basePath: String, port: Int, url: URL,
                 task: Task<Void, Never>, state: State) {
        self.site = site
        self.options = options
        self.basePath = basePath
        self.port = port
        self.url = url
        self.task = task
        self.state = state
    }

    /// Starts a server for `site` (by default: its seeds, templates and `public/` output).
    static func start(_ site: FixtureAnthology, options: BuildOptions? = nil, basePath: String = "/", poll: Bool = false,
                      timeout: Duration = .seconds(30)) async throws -> RunningServer {
        let options = options ?? site.options
        let server = PreviewServer(options: options, host: "127.0.0.1", port: 0, basePath: basePath, poll: poll,
                                   logger: Logger(label: "anthology-test") { _ in SwiftLogNoOpLogHandler() })
        let state = State()
        let task = Task {
            do {
                try await server.run { url in state.ready(url) }
                state.finish(nil)
            } catch {
                state.finish(error)
            }
        }
        let deadline = ContinuousClock.now + timeout
        while true {
            let snapshot = state.snapshot
            if let url = snapshot.url {
                let port = try #require(url.port, "onReady gave an address without a port: \(url)")
                return RunningServer(site: site, options: options, basePath: basePath, port: port, url: url, task: task, state: state)
            }
            if snapshot.finished {
                throw RawHTTPError("the server stopped before it was ready: \(snapshot.failure.map { "\($0)" } ?? "no error")")
            }
            if ContinuousClock.now >= deadline {
                task.cancel()
                throw RawHTTPError("the server was not ready within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Runs `body` with a server for a fresh Harbour Lights fixture (or `site`), then stops the
    /// server and removes the fixture whatever happened.
    static func with(_ site: FixtureAnthology? = nil, options: ((FixtureAnthology) -> BuildOptions)? = nil,
                     basePath: String = "/", poll: Bool = false,
                     _ body: (RunningServer) async throws -> Void) async throws {
        let site = try site ?? ServeFixture.make()
        defer { site.remove() }
        let server = try await start(site, options: options?(site), basePath: basePath, poll: poll)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// Cancels the server and waits (at most `timeout`) for it to finish; records an issue if it does not.
    @discardableResult
    func stop(timeout: Duration = .seconds(5), sourceLocation: SourceLocation = #_sourceLocation) async -> Bool {
        task.cancel()
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if state.snapshot.finished { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the server did not stop within \(timeout) of being cancelled", sourceLocation: sourceLocation)
        return false
    }

    /// Whether the server task has ended.
    var hasStopped: Bool { state.snapshot.finished }

    /// Sends `method target` exactly as written (the target is not put under the base path).
    func request(_ method: String = "GET", _ target: String, headers: [(String, String)] = []) async throws -> RawResponse {
        try await RawHTTP.request(method, target, port: port, headers: headers)
    }

    /// GET of a path below the base path (`stories/x/` → `/sub/stories/x/`).
    func get(_ relative: String, headers: [(String, String)] = []) async throws -> RawResponse {
        try await request("GET", basePath + relative, headers: headers)
    }

    /// Opens the events endpoint and waits until the server has subscribed it.
    func events() async throws -> BuildEventStream {
        let stream = try BuildEventStream(port: port, target: basePath + RequestPath.eventsPath)
        do {
            try await stream.waitUntilConnected()
        } catch {
            stream.close()
            throw error
        }
        return stream
    }

    /// Waits for the first ok build event whose `changed` lists `page` and after which
    /// `page` is served with `text`; returns that event and the page, or nil at the deadline.
    /// Events before it (an editor's intermediate save) are skipped.
    func waitForRebuild(of page: String, containing text: String, events: BuildEventStream,
                        before deadline: ContinuousClock.Instant) async throws -> (BuildEventMessage, RawResponse)? {
        while let event = await events.next(before: deadline) {
            guard event.ok, event.changed.contains(page) else { continue }
            let response = try await get(page.hasSuffix("/index.html") ? String(page.dropLast("index.html".count)) : page)
            if response.status == 200, response.text.contains(text) { return (event, response) }
        }
        return nil
    }
}

/// The anthology the server tests serve: the Harbour Lights stories, the repository's
/// templates, and assets of every kind a site may hold.
enum ServeFixture {
    /// Text that only the file outside the site holds, so a leak is visible in any response.
    static let secret = "anthology-secret-5f0c3b"

    /// Extra assets (below `templates/assets/`), each kind a site may contain.
    static let assets: [String: Data] = [
        "logo.svg": Data("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n".utf8),
        "favicon.ico": Data([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0]),
        "data.xml": Data("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed/>\n".utf8),
        "notes.txt": Data("Café notes\n".utf8),
        "app.js": Data("console.log(\"hi\");\n".utf8),
        "data.json": Data("{\"a\":1}\n".utf8),
        "site.webmanifest": Data("{\"name\":\"Harbour Lights\"}\n".utf8),
        "photo.png": Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        "font.woff2": Data("wOF2".utf8),
        "LICENSE": Data("All rights reserved.\n".utf8),
    ]

    static func make() throws -> FixtureAnthology {
        let site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
        for (name, data) in assets { try site.write(data, to: "templates/assets/" + name) }
        // Beside the output folder: what a traversal would try to reach.
        try site.write(secret + "\n", to: "secret.txt")
        return site
    }

    /// The story every save test edits, and its page.
    static let story = "seeds/01-the-ferry.md"
    static let storyPage = "stories/the-last-ferry/index.html"
}
