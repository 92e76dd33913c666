import Foundation
import Hummingbird
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// Answers preview requests the way a careful static host does, from the output folder.
///
/// Written on Hummingbird's `HTTPResponder` rather than its `FileMiddleware` because the
/// preview needs what that middleware does not do: the live-reload script in every HTML
/// response, redirects that keep the base path, the site's own 404 page, suffix ranges
/// and 416, content-based ETags, and symlinks that must not lead outside the site.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let root: URL
    /// Where the site is mounted, starting and ending with `/`.
    let basePath: String
    let events: BuildEvents

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.plain(.methodNotAllowed, "Only GET and HEAD are served.\n", extra: [.allow: "GET, HEAD"])
        }
        let target = request.head.path ?? "/"
        switch RequestPath(target: target, basePath: basePath) {
        case .invalid:
            return Self.plain(.badRequest, "Bad request: the path is malformed or leaves the site.\n")
        case .outsideBase:
            if target == "/" { return Self.redirect(to: basePath) }
            return await notFound(request)
        case .events:
            if request.method == .head {
                return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"])
            }
            return await eventStream()
        case .site(let segments, let trailingSlash):
            return await serve(segments, trailingSlash: trailingSlash, request: request, target: target)
        }
    }

    private func serve(_ segments: [String], trailingSlash: Bool, request: Request, target: String) async -> Response {
        switch SiteFile.resolve(segments, in: root) {
        case .missing:
            return await notFound(request)
        case .folder:
            guard trailingSlash else {
                // `/stories/x` → `/stories/x/`, so the page's relative links resolve; the query stays.
                let folder = segments.isEmpty ? "" : segments.map(Self.percentEncode).joined(separator: "/") + "/"
                let query = target.firstIndex(of: "?").map { String(target[$0...]) } ?? ""
                return Self.redirect(to: basePath + folder + query)
            }
            guard case .file(let index) = SiteFile.resolve(segments + ["index.html"], in: root) else {
                return await notFound(request)
            }
            return await serve(index, request: request)
        case .file(let file):
            // `/stories/x/index.html/` names no folder.
            if trailingSlash { return await notFound(request) }
            return await serve(file, request: request)
        }
    }

    private func serve(_ file: SiteFile, request: Request) async -> Response {
        guard var data = try? Data(contentsOf: URL(fileURLWithPath: file.path)) else { return await notFound(request) }
        if file.isHTML {
            if let failure = await events.failure { return errorPage(failure, request: request) }
            data = LiveReload.inject(into: data, basePath: basePath)
        }
        return HTTPFileResponse(data: data, contentType: ContentType.forPath(file.path), modified: file.modified)
            .response(to: request)
    }

    private func notFound(_ request: Request) async -> Response {
        if let failure = await events.failure { return errorPage(failure, request: request) }
        var page = Data("<!doctype html>\n<title>Not found</title>\n<h1>Not found</h1>\n<p><a href=\"./\">Home</a></p>\n".utf8)
        if case .file(let file) = SiteFile.resolve(["404.html"], in: root), let data = try? Data(contentsOf: URL(fileURLWithPath: file.path)) {
            page = LiveReload.addBase(to: data, basePath: basePath)
        } else {
            page = LiveReload.addBase(to: Data("<head>".utf8) + page, basePath: basePath)
        }
        return Self.page(.notFound, LiveReload.inject(into: page, basePath: basePath), request: request)
    }

    /// Shown instead of any page while the latest build has failed; it reloads itself after the next good build.
    private func errorPage(_ failure: String, request: Request) -> Response {
        let html = """
        <!doctype html>
        <html lang="en" data-anthology-error>
        <head><meta charset="utf-8"><title>Build failed · Anthology</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}pre{white-space:pre-wrap;background:#fff3f3;border-left:4px solid #c0392b;padding:1rem}</style>
        </head>
        <body>
        <h1>The site could not be built</h1>
        <p>Fix the problems below and save: this page reloads by itself.</p>
        <pre>\(HTML.escape(failure))</pre>
        </body>
        </html>

        """
        return Self.page(.internalServerError, LiveReload.inject(into: Data(html.utf8), basePath: basePath), request: request)
    }

    private func eventStream() async -> Response {
        let stream = await events.subscribe()
        let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"]
        return Response(status: .ok, headers: headers, body: ResponseBody { [events] writer in
            // `retry` makes the page reconnect quickly when the server restarts.
            try await writer.write(ByteBuffer(string: "retry: 500\n: connected\n\n"))
            // The server stops only when every response has ended, so the stream ends
            // as soon as a shutdown begins (Ctrl-C).
            try await withGracefulShutdownHandler {
                for await message in stream.messages {
                    try await writer.write(ByteBuffer(string: message))
                }
            } onGracefulShutdown: {
                Task { await events.end(stream.id) }
            }
            try await writer.finish(nil)
        })
    }

    static func page(_ status: HTTPResponse.Status, _ html: Data, request: Request) -> Response {
        let headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .contentLength: String(html.count), .cacheControl: "no-store"]
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: html))
        return Response(status: status, headers: headers, body: body)
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .contentLength: String(text.utf8.count)]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .movedPermanently, headers: [.location: location, .contentLength: "0"])
    }

    /// Encodes a decoded path segment for a `Location` header.
    static func percentEncode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? segment
    }
}
