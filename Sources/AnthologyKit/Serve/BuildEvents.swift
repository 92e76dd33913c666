import Foundation

/// What the open pages need to know about builds: a stream of events for each page, and
/// whether the latest build failed (then every page request gets the error page).
actor BuildEvents {
    /// One finished build, as sent to the pages.
    struct Event: Sendable, Equatable {
        var ok: Bool
        /// Site paths whose contents changed; empty when the build changed nothing.
        var changed: [String]
        var pages: Int
        var milliseconds: Double
        /// The diagnostics of a failed build, one per line.
        var errors: String?

        /// The Server-Sent Events message.
        var message: String {
            var object: [String: Any] = ["ok": ok, "changed": changed, "pages": pages, "ms": (milliseconds * 10).rounded() / 10]
            if let errors { object["errors"] = errors }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
            return "event: build\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
        }
    }

    private var subscribers: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextID = 0
    private var closed = false
    /// The diagnostics of the latest build when it failed.
    private(set) var failure: String?

    /// A stream of SSE messages for one page; it ends when the page goes or the server stops.
    func subscribe() -> (id: Int, messages: AsyncStream<String>) {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = nextID
        nextID += 1
        if closed { continuation.finish(); return (id, stream) }
        subscribers[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        return (id, stream)
    }

    /// Ends one page's stream.
    func end(_ id: Int) {
        subscribers.removeValue(forKey: id)?.finish()
    }

    var subscriberCount: Int { subscribers.count }

    func publish(_ event: Event) {
        failure = event.ok ? nil : (event.errors ?? "The build failed.")
        let message = event.message
        for continuation in subscribers.values { continuation.yield(message) }
    }

    /// Ends every stream, so that open connections let the server shut down.
    func close() {
        closed = true
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
    }

    private func remove(_ id: Int) {
        subscribers[id] = nil
    }
}
