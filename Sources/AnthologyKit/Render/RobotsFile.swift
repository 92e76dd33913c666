/// `robots.txt`: lets every crawler in, and names the sitemap when the base URL is known
/// (the `Sitemap:` line must be an absolute URL, so without a base URL there is none).
///
/// Crawlers read `robots.txt` only at the root of a host; for a site published under a
/// sub-path the file is harmless but ignored, and the sitemap can be submitted directly.
struct RobotsFile {
    let baseURL: BaseURL?

    func render() -> String {
        var lines = ["User-agent: *", "Allow: /"]
        if let baseURL { lines += ["", "Sitemap: \(baseURL.absolute(SitePaths.sitemap))"] }
        return lines.joined(separator: "\n") + "\n"
    }
}
