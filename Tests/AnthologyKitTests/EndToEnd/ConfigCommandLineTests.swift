import Foundation
import Testing

/// `anthology.yml` and the flags that override it, as a user runs the command.
@Suite("Config on the command line")
struct ConfigCommandLineTests {
    @Test("The file sets the site, a flag overrides it, and an unknown key is a warning with file:line:column")
    func fileAndFlags() throws {
        let site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
        defer { site.remove() }
        try site.write("""
            title: Harbour Lights
            base_url: https://file.example.org/
            titel: typo
            output: site
            """, to: "anthology.yml")
        let result = try CommandLineTests().run(["build", "--base-url", "https://example.org/anthology"], in: site.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(#"anthology.yml:3:1: warning: unknown key "titel" is ignored"#), "\(result.stderr)")
        #expect(result.stderr.contains("did you mean `title`?"))
        #expect(result.stdout.contains(" in site, "))
        let home = try String(contentsOf: site.root.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(home.contains(#"<link rel="canonical" href="https://example.org/anthology/">"#))
        #expect(home.contains("<title>Harbour Lights</title>"))
    }

    @Test("A bad value stops the build before anything is written, naming the file, line and column or the flag")
    func badValues() throws {
        let site = try FixtureAnthology(copying: FixtureAnthology.fixturesFolder("harbour-lights"))
        defer { site.remove() }
        try site.write("title: Harbour Lights\ndrafts: sometimes\n", to: "settings/site.yml")
        let file = try CommandLineTests().run(["build", "--config", "settings/site.yml"], in: site.root)
        #expect(file.status != 0)
        #expect(file.stderr.contains("settings/site.yml:2:9: error: `drafts` must be true or false"), "\(file.stderr)")
        let flag = try CommandLineTests().run(["build", "--base-url", "example.org"], in: site.root)
        #expect(flag.status != 0)
        #expect(flag.stderr.contains("--base-url: error: the base URL must be an absolute http or https address"), "\(flag.stderr)")
        #expect(!site.exists("index.html"))
    }
}
