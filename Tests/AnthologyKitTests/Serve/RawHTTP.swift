import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP response exactly as it came off the wire.
struct RawResponse: Sendable, CustomStringConvertible {
    var status: Int
    /// Header fields in the order they were sent.
    var fields: [Field]
    /// The bytes after the header (de-chunked when the response was chunked), never cut to
    /// `Content-Length`, so that a body sent where none belongs (HEAD, 304) shows up.
    var body: Data

    struct Field: Sendable {
        var name: String
        var value: String
    }

    /// The first value of a header, whatever its case.
    func header(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    var description: String {
        "\(status) " + fields.map { "\($0.name): \($0.value)" }.joined(separator: "; ") + " (\(body.count) bytes)"
    }
}

struct RawHTTPError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A tiny HTTP/1.1 client over a plain TCP socket.
///
/// The request target goes on the wire exactly as written: nothing resolves `..`, re-encodes
/// `%2e`, drops a NUL byte or follows a redirect, which is the point when testing what a
/// server does with hostile paths. Every call has a timeout, and the blocking socket work
/// runs on its own thread so that it never holds up the server's tasks.
enum RawHTTP {
    /// Sends `method target` with `Connection: close` and reads the response to the end.
    static func request(_ method: String = "GET", _ target: String, port: Int, headers: [(String, String)] = [],
                        timeout: Duration = .seconds(5)) async throws -> RawResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return try await send(Data(head.utf8), port: port, timeout: timeout)
    }

    /// Sends the bytes as they are (for request lines no string can hold) and reads the response.
    static func send(_ request: Data, port: Int, timeout: Duration = .seconds(5)) async throws -> RawResponse {
        let bytes = try await onThread {
            let socket = try Socket(port: port, timeout: timeout)
            defer { socket.end() }
            try socket.write(request)
            var received = Data()
            while let chunk = try socket.read() { received.append(chunk) }
            return received
        }
        return try parse(bytes)
    }

    /// Splits a complete response into status, fields and body.
    static func parse(_ bytes: Data) throws -> RawResponse {
        guard let end = bytes.range(of: Data("\r\n\r\n".utf8)) else {
            throw RawHTTPError("no complete response header in \(bytes.count) bytes: \(String(decoding: bytes, as: UTF8.self))")
        }
        let (status, fields) = try parseHead(bytes[..<end.lowerBound])
        var body = Data(bytes[end.upperBound...])
        let chunked = fields.contains {
            $0.name.caseInsensitiveCompare("Transfer-Encoding") == .orderedSame && $0.value.lowercased().contains("chunked")
        }
        if chunked {
            var decoder = ChunkedDecoder()
            body = decoder.feed(body)
        }
        return RawResponse(status: status, fields: fields, body: body)
    }

    static func parseHead(_ head: Data) throws -> (Int, [RawResponse.Field]) {
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines.first ?? ""
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw RawHTTPError("not an HTTP/1.x status line: \(statusLine)")
        }
        let fields = lines.dropFirst().compactMap { line -> RawResponse.Field? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return RawResponse.Field(name: String(line[..<colon]),
                                     value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return (status, fields)
    }

    /// Runs blocking work on a thread of its own and awaits its result.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
            }
            thread.start()
        }
    }
}

/// Decodes `Transfer-Encoding: chunked` as the bytes arrive.
struct ChunkedDecoder {
    private var pending = Data()
    private(set) var finished = false

    /// Appends `bytes` and returns the body bytes that are now complete.
    mutating func feed(_ bytes: Data) -> Data {
        pending.append(bytes)
        var output = Data()
        while !finished, let lineEnd = pending.range(of: Data("\r\n".utf8)) {
            let sizeLine = String(decoding: pending[..<lineEnd.lowerBound], as: UTF8.self)
            let sizeText = sizeLine.split(separator: ";").first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard let size = Int(sizeText, radix: 16) else { finished = true; break }
            if size == 0 { finished = true; break }
            let start = lineEnd.upperBound
            guard pending.distance(from: start, to: pending.endIndex) >= size + 2 else { break }
            let dataEnd = pending.index(start, offsetBy: size)
            output.append(pending[start..<dataEnd])
            pending = Data(pending[pending.index(dataEnd, offsetBy: 2)...])
        }
        return output
    }
}

/// A connected, blocking TCP socket to 127.0.0.1 with send and receive timeouts.
final class Socket: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var closed = false

    init(port: Int, timeout: Duration) throws {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
        guard fd >= 0 else { throw RawHTTPError("socket: \(String(cString: strerror(errno)))") }
        self.fd = fd
        var interval = timeval(tv_sec: Int(timeout.components.seconds),
                               tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw RawHTTPError("connect to port \(port): \(message)")
        }
    }

    func write(_ data: Data) throws {
        var offset = 0
        while offset < data.count {
            let sent = data.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + offset, data.count - offset, Self.noSignal)
            }
            guard sent > 0 else { throw RawHTTPError("send: \(String(cString: strerror(errno)))") }
            offset += sent
        }
    }

    /// The next bytes, or nil at the end of the stream; throws on timeout.
    func read() throws -> Data? {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 { return Data(buffer[..<count]) }
            if count == 0 { return nil }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { throw RawHTTPError("timed out waiting for the server") }
            // After `shutdown` (or a reset) the stream is over.
            return nil
        }
    }

    /// Wakes a blocked `read`, which then sees the end of the stream.
    func wake() {
        lock.withLock { if !closed { _ = shutdown(fd, Int32(SHUT_RDWR)) } }
    }

    func end() {
        lock.withLock {
            guard !closed else { return }
            closed = true
            close(fd)
        }
    }

    #if canImport(Glibc)
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    private static let noSignal: Int32 = 0
    #endif
}
