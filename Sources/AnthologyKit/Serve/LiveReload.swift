import Foundation

/// The script the preview server adds to every HTML page it serves (never to the files on disk).
///
/// It listens to the server's event stream and, after each build, swaps the stylesheets in
/// place when only CSS changed (so the reader keeps their scroll position) and reloads the
/// page otherwise. A failed build is a reload too: the server then answers with the error
/// page, which carries the same script and so reloads itself after the next good save.
enum LiveReload {
    static func script(basePath: String) -> String {
        // The base path is validated to URL-safe characters; JSON-encoding it anyway keeps
        // the script correct whatever it holds.
        let events = ScriptSafeJSON.string(.string(basePath + RequestPath.eventsPath))
        return """
        <script data-anthology-live-reload>
        (() => {
          const source = new EventSource(\(events));
          const isErrorPage = document.documentElement.dataset.anthologyError !== undefined;
          source.addEventListener("build", (event) => {
            const build = JSON.parse(event.data);
            const changed = build.changed || [];
            if (build.ok && !isErrorPage && changed.length > 0 && changed.every((path) => path.endsWith(".css"))) {
              for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
                const url = new URL(link.href);
                url.searchParams.set("anthology-reload", String(Date.now()));
                const fresh = link.cloneNode();
                fresh.href = url.href;
                fresh.addEventListener("load", () => link.remove());
                link.after(fresh);
              }
            } else if (!build.ok || isErrorPage || changed.length > 0) {
              location.reload();
            }
          });
        })();
        </script>

        """
    }

    /// `html` with the script inserted before the last `</body>` (or at the end when there is none).
    static func inject(into html: Data, basePath: String) -> Data {
        let script = Data(script(basePath: basePath).utf8)
        guard let range = html.range(of: Data("</body>".utf8), options: .backwards) else { return html + script }
        var result = html
        result.insert(contentsOf: script, at: range.lowerBound)
        return result
    }

    /// Adds `<base href>` after `<head>` so that a page served at another URL (the 404 page,
    /// answering for any missing path) still resolves its root-relative links.
    static func addBase(to html: Data, basePath: String) -> Data {
        guard html.range(of: Data("<base ".utf8)) == nil,
              let head = html.range(of: Data("<head>".utf8)) else { return html }
        var result = html
        result.insert(contentsOf: Data("\n<base href=\"\(HTML.escape(basePath))\">".utf8), at: head.upperBound)
        return result
    }
}
