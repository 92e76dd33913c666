import Foundation

/// One `event: build` message of the preview's event stream, with when it arrived.
struct BuildEventMessage: Sendable, Decodable, CustomStringConvertible {
    var ok: Bool
    var changed: [String]
    var pages: Int
    var ms: Double
    var errors: String?
    /// Set by the reader, not part of the message.
    var arrived: ContinuousClock.Instant = .now

    enum CodingKeys: String, CodingKey { case ok, changed, pages, ms, errors }

    var description: String {
        "ok: \(ok), pages: \(pages), ms: \(ms), changed: \(changed)" + (errors.map { ", errors: \($0)" } ?? "")
    }
}

/// Reads the preview's Server-Sent Events over a raw socket, as a page's `EventSource` would.
///
/// A thread of its own reads the stream and queues `build` events; tests take them with a
/// timeout. `close()` ends the connection and the thread.
final class BuildEventStream: @unchecked Sendable {
    private let socket: Socket
    private let lock = NSLock()
    private var queue: [BuildEventMessage] = []
    private var status: Int?
    private var contentType: String?
    private var connected = false
    private var ended = false
    private var problems: [String] = []
    private let done = DispatchSemaphore(value: 0)

    /// Connects to `target` (the events endpoint) and starts reading.
    init(port: Int, target: String) throws {
        // The receive timeout only bounds each read; the thread checks for `close` between reads.
        socket = try Socket(port: port, timeout: .milliseconds(200))
        let request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n"
        try socket.write(Data(request.utf8))
        let thread = Thread { [self] in
            readLoop()
            done.signal()
        }
        thread.name = "anthology-test-sse"
        thread.start()
    }

    /// Waits until the server has answered with the stream's opening comment, which it
    /// sends after subscribing this connection: from then on no build can be missed.
    func waitUntilConnected(timeout: Duration = .seconds(5)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let (isConnected, isEnded, status) = lock.withLock { (connected, ended, self.status) }
            if isConnected { return }
            if isEnded { throw RawHTTPError("the event stream ended before it opened (status \(status.map(String.init) ?? "none"), \(problemsText))") }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw RawHTTPError("the event stream did not open within \(timeout)")
    }

    /// The response's status and Content-Type, once the header has arrived.
    var response: (status: Int?, contentType: String?) { lock.withLock { (status, contentType) } }

    /// The next build event, or nil when none arrives before `deadline`.
    func next(before deadline: ContinuousClock.Instant) async -> BuildEventMessage? {
        while true {
            if let event = lock.withLock({ queue.isEmpty ? nil : queue.removeFirst() }) { return event }
            if ContinuousClock.now >= deadline || lock.withLock({ ended }) { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    func next(within timeout: Duration) async -> BuildEventMessage? {
        await next(before: .now + timeout)
    }

    /// Whether the server ended the stream.
    var hasEnded: Bool { lock.withLock { ended } }

    /// Waits for the server to end the stream.
    func waitForEnd(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if hasEnded { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return hasEnded
    }

    /// Problems found while reading (malformed events), for test messages.
    var problemsText: String { lock.withLock { problems.isEmpty ? "no problems" : problems.joined(separator: "; ") } }

    /// Ends the connection; safe to call more than once.
    func close() {
        let already = lock.withLock {
            defer { closing = true }
            return closing
        }
        if already { return }
        socket.wake()
        done.wait()
        socket.end()
    }

    private var closing = false

    private func readLoop() {
        var raw = Data()
        var headerDone = false
        var chunked = false
        var decoder = ChunkedDecoder()
        var text = ""
        defer { lock.withLock { ended = true } }
        while !lock.withLock({ closing }) {
            let bytes: Data?
            do {
                bytes = try socket.read()
            } catch {
                continue  // a quiet moment: check for `close`, then read again
            }
            guard let bytes else { return }
            var body = Data()
            if headerDone {
                body = bytes
            } else {
                raw.append(bytes)
                guard let end = raw.range(of: Data("\r\n\r\n".utf8)) else { continue }
                guard let (status, fields) = try? RawHTTP.parseHead(raw[..<end.lowerBound]) else {
                    lock.withLock { problems.append("malformed response header") }
                    return
                }
                headerDone = true
                chunked = fields.contains { $0.name.lowercased() == "transfer-encoding" && $0.value.lowercased().contains("chunked") }
                let type = fields.first { $0.name.lowercased() == "content-type" }?.value
                lock.withLock {
                    self.status = status
                    self.contentType = type
                }
                if status != 200 { return }
                body = Data(raw[end.upperBound...])
            }
            if chunked { body = decoder.feed(body) }
            text += String(decoding: body, as: UTF8.self)
            // Messages end with a blank line.
            while let blank = text.range(of: "\n\n") {
                let block = String(text[..<blank.lowerBound])
                text = String(text[blank.upperBound...])
                handle(block)
            }
            if chunked && decoder.finished { return }
        }
    }

    private func handle(_ block: String) {
        var event = "message"
        var data: [String] = []
        var sawAnyField = false
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            sawAnyField = true
            if line.hasPrefix(":") { continue }
            let (name, value) = line.firstIndex(of: ":").map { colon in
                (String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " }))
            } ?? (String(line), "")
            switch name {
            case "event": event = value
            case "data": data.append(value)
            default: break
            }
        }
        lock.withLock { if sawAnyField { connected = true } }
        guard event == "build" else { return }
        let json = data.joined(separator: "\n")
        do {
            var message = try JSONDecoder().decode(BuildEventMessage.self, from: Data(json.utf8))
            message.arrived = .now
            lock.withLock { queue.append(message) }
        } catch {
            lock.withLock { problems.append("undecodable build event: \(json) (\(error))") }
        }
    }
}
