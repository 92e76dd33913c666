import Foundation
import Hummingbird

/// One file's response with the validators and partial content of RFC 9110.
///
/// The ETag is a hash of the bytes actually sent (live-reload script included), so it is
/// strong and changes exactly when the response does, unlike a size-and-date tag.
struct HTTPFileResponse: Sendable {
    var data: Data
    var contentType: String
    /// Seconds since 1970.
    var modified: Int

    var etag: String { "\"" + ContentHash.of(data).hex + "\"" }

    func response(to request: Request) -> Response {
        let lastModified = HTTPDate.string(from: modified)
        var headers: HTTPFields = [
            .contentType: contentType,
            .eTag: etag,
            .lastModified: lastModified,
            .acceptRanges: "bytes",
            // A preview must never show a stale page: browsers revalidate every time (and get 304).
            .cacheControl: "no-cache",
        ]
        if isNotModified(request) {
            return Response(status: .notModified, headers: headers)
        }
        var status = HTTPResponse.Status.ok
        var body = data
        if let header = request.headers[.range], rangeApplies(request, lastModified: lastModified) {
            switch ByteRange(header: header, size: data.count) {
            case .satisfiable(let range):
                status = .partialContent
                headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(data.count)"
                body = data.subdata(in: range.lowerBound..<(range.upperBound + 1))
            case .unsatisfiable:
                return Response(status: .rangeNotSatisfiable,
                                headers: [.contentRange: "bytes */\(data.count)", .contentLength: "0"])
            case .ignored:
                break
            }
        }
        headers[.contentLength] = String(body.count)
        let responseBody = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        return Response(status: status, headers: headers, body: responseBody)
    }

    /// `If-None-Match` wins over `If-Modified-Since` when both are sent (RFC 9110 §13.2.2).
    private func isNotModified(_ request: Request) -> Bool {
        let matches = request.headers[values: .ifNoneMatch]
        if !matches.isEmpty {
            let tags = matches.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            return tags.contains { $0 == "*" || $0 == etag || $0 == "W/" + etag }
        }
        if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.seconds(from:)) {
            return modified <= since
        }
        return false
    }

    /// `If-Range` asks for the range only if the file is still the one the client has.
    private func rangeApplies(_ request: Request, lastModified: String) -> Bool {
        guard let ifRange = request.headers[.ifRange] else { return true }
        return ifRange == etag || ifRange == lastModified
    }
}
