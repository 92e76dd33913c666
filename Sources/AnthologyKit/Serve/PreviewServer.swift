import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `anthology serve`: builds the site, serves it, and rebuilds and reloads on every save.
public struct PreviewServer: Sendable {
    public var options: BuildOptions
    public var host: String
    /// 0 picks a free port (tests).
    public var port: Int
    /// Where the site is mounted, starting and ending with `/`.
    public var basePath: String
    /// Scan for changes instead of using inotify.
    public var poll: Bool
    /// The configuration file, watched whether or not it exists yet.
    public var configFile: URL?
    /// Reads the options again after the configuration file changed.
    public var reloadOptions: (@Sendable () throws(BuildFailure) -> BuildOptions)?
    public var logger: Logger

    public init(options: BuildOptions, host: String = "127.0.0.1", port: Int = 8000, basePath: String = "/",
                poll: Bool = false, configFile: URL? = nil,
                reloadOptions: (@Sendable () throws(BuildFailure) -> BuildOptions)? = nil,
                logger: Logger = Logger(label: "anthology")) {
        self.options = options
        self.host = host
        self.port = port
        self.basePath = basePath
        self.poll = poll
        self.configFile = configFile
        self.reloadOptions = reloadOptions
        self.logger = logger
    }

    /// Checks a `--base-path` and puts it in the form the server uses (`/sub/`).
    public static func normalisedBasePath(_ path: String) throws(BuildFailure) -> String {
        var path = path.hasPrefix("/") ? path : "/" + path
        if !path.hasSuffix("/") { path += "/" }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~/"))
        guard path.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) }), !path.contains("//"),
              !path.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) else {
            throw BuildFailure([.error("--base-path", "\"\(path)\" is not a usable URL path",
                                       fix: "use letters, digits, '-', '_', '.' and '/' only, for example /anthology/")])
        }
        return path
    }

    /// Runs until Ctrl-C (SIGINT) or SIGTERM, or until the task is cancelled.
    /// `onReady` receives the address once the server accepts connections.
    public func run(onReady: @escaping @Sendable (URL) -> Void = { _ in }) async throws {
        let events = BuildEvents()
        let output = options.output.standardizedFileURL
        let ignored = [output.path, output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).anthology-staging").path]
        let list = WatchList(folders: [options.seeds, options.templates].map(\.standardizedFileURL),
                             files: [configFile].compactMap { $0?.standardizedFileURL }, ignored: ignored)
        // Watching starts before the first build reads anything, so that each later build
        // may take the watcher's word for which stories changed.
        let changes = try Self.watcher(for: list, poll: poll).changes()
        let session = PreviewSession(builder: Builder(options: options, logger: logger), events: events, logger: logger,
                                     configFile: configFile?.standardizedFileURL, reloadOptions: reloadOptions, watched: true)
        await session.rebuild()
        let service = WatchService(changes: changes, session: session, events: events)

        let responder = SiteResponder(root: options.output, basePath: basePath, events: events)
        var quiet = logger
        quiet.logLevel = .warning
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port), serverName: "Anthology"),
            services: [service],
            onServerRunning: { [basePath, host] channel in
                let port = channel.localAddress?.port ?? 0
                let shownHost = host.contains(":") ? "[\(host)]" : host
                onReady(URL(string: "http://\(shownHost):\(port)\(basePath)")!)
            },
            logger: quiet
        )
        try await app.runService(gracefulShutdownSignals: [.sigint, .sigterm])
    }

    static func watcher(for list: WatchList, poll: Bool) -> any FileWatcher {
        #if canImport(Glibc)
        if !poll { return InotifyWatcher(list: list) }
        #endif
        return PollingWatcher(list: list)
    }
}

/// Feeds the watcher's batches to the session, and ends the pages' event streams on shutdown
/// so that open connections do not keep the server from stopping.
struct WatchService: Service {
    let changes: AsyncStream<ChangeBatch>
    let session: PreviewSession
    let events: BuildEvents

    func run() async throws {
        await withGracefulShutdownHandler {
            await cancelWhenGracefulShutdown {
                for await batch in changes {
                    await session.rebuild(after: batch)
                }
            }
        } onGracefulShutdown: {
            Task { await events.close() }
        }
        await events.close()
    }
}
