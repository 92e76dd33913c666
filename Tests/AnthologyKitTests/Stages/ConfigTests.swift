import Foundation
import Testing
@testable import AnthologyKit

/// `anthology.yml`: every key, the messages for mistakes, and how flags and the file combine.
@Suite("Config")
struct ConfigTests {
    static func parse(_ yaml: String) -> (SiteConfig, [Diagnostic]) {
        SiteConfigLoader().parse(yaml, file: "anthology.yml")
    }

    @Test("Every key is read, and the base URL and language are checked and normalised")
    func everyKey() throws {
        let (config, diagnostics) = Self.parse("""
            title: "Harbour Lights: Stories"
            description: Ports and the people who wait in them.
            author: M. Quill
            language: pt-BR
            base_url: HTTPS://Example.org/anthology
            seeds: stories
            templates: theme
            output: site
            drafts: true
            stories_per_page: 20
            feed_limit: 10
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(config == SiteConfig(title: "Harbour Lights: Stories", description: "Ports and the people who wait in them.",
                                     author: "M. Quill", language: "pt-BR",
                                     baseURL: try BaseURL(validating: "https://example.org/anthology/"),
                                     seeds: "stories", templates: "theme", output: "site", drafts: true,
                                     storiesPerPage: 20, feedLimit: 10))
        #expect(config.baseURL?.string == "https://example.org/anthology/")
        #expect(SiteConfig.keys.sorted() == SiteConfig.keys)
    }

    @Test("An unknown key is a warning at its line and column with the key that was meant")
    func unknownKey() throws {
        let (config, diagnostics) = Self.parse("title: Harbour Lights\n  \ntitel: Harbour\nbaseURL: https://example.org/\n")
        #expect(config.title == "Harbour Lights")
        #expect(!diagnostics.hasErrors)
        let titel = try #require(diagnostics.first { $0.message.contains("titel") })
        #expect(titel.severity == .warning)
        #expect(titel.description.hasPrefix(#"anthology.yml:3:1: warning: unknown key "titel""#), "\(titel)")
        #expect(titel.fix == "did you mean `title`?")
        let camel = try #require(diagnostics.first { $0.message.contains("baseURL") })
        #expect(camel.line == 4 && camel.fix == "did you mean `base_url`?")
        let unrelated = Self.parse("colour: blue").1
        #expect(unrelated.first?.fix?.hasPrefix("known keys: author, base_url") == true)
    }

    @Test("A value of the wrong type is an error at the value's line and column")
    func wrongTypes() {
        let (_, diagnostics) = Self.parse("""
            title: [Harbour, Lights]
            drafts: maybe
            base_url: example.org/anthology
            language: English (UK)
            output: ""
            stories_per_page: 0
            feed_limit: all
            """)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.line) == [1, 2, 3, 4, 5, 6, 7], "\(errors)")
        #expect(errors.map(\.column) == [8, 9, 11, 11, 9, 19, 13], "\(errors)")
        #expect(errors[5].message == "`stories_per_page` must be a whole number of at least 1")
        #expect(errors[5].fix == "write it as `stories_per_page: 50`")
        #expect(errors[6].message == "`feed_limit` must be a whole number of at least 1")
        #expect(errors[0].message == "`title` must be a single line of text")
        #expect(errors[1].fix == "write it as `drafts: true`")
        #expect(errors[2].message.contains("absolute http or https"))
        #expect(errors[2].fix == "write it like https://example.org/anthology/")
        #expect(errors[3].message.contains("not a language tag"))
        #expect(errors[4].message == "`output` must be a folder path")
    }

    @Test("Broken YAML is an error at its line; an empty file sets nothing; a list is not a configuration")
    func brokenYAML() {
        let broken = Self.parse("title: Harbour\nauthor: \"M. Quill\n").1
        #expect(broken.count == 1 && broken[0].severity == .error && broken[0].line == 2, "\(broken)")
        #expect(broken.first?.message.contains("front matter") == false)
        let empty = Self.parse("")
        #expect(empty.0 == SiteConfig() && empty.1.isEmpty)
        let list = Self.parse("- title\n- author\n").1
        #expect(list.first?.message == "the configuration must be a list of `key: value` lines")
    }

    @Test("Base URLs: absolute http(s) only, no query or fragment, always ending in a slash")
    func baseURLs() throws {
        #expect(try BaseURL(validating: "https://example.org").string == "https://example.org/")
        #expect(try BaseURL(validating: " http://Example.org:8080/a/b ").string == "http://example.org:8080/a/b/")
        #expect(try BaseURL(validating: "https://example.org/anthology/").absolute("stories/x/") == "https://example.org/anthology/stories/x/")
        for bad in ["", "example.org", "/anthology/", "ftp://example.org/", "https://", "https://exa mple.org/", "mailto:a@example.org"] {
            #expect(throws: BaseURL.Problem.notAbsoluteHTTP, "\(bad)") { try BaseURL(validating: bad) }
        }
        #expect(throws: BaseURL.Problem.hasQueryOrFragment) { try BaseURL(validating: "https://example.org/?page=1") }
        #expect(throws: BaseURL.Problem.hasQueryOrFragment) { try BaseURL(validating: "https://example.org/#top") }
    }

    @Test("Language tags")
    func languageTags() {
        for tag in ["en", "fr", "pt-BR", "zh-Hant-TW", "gsw"] { #expect(SiteMetadata.isLanguageTag(tag), "\(tag)") }
        for tag in ["", "e", "english", "en_US", "en-", "en-toolongsubtag"] { #expect(!SiteMetadata.isLanguageTag(tag), "\(tag)") }
        #expect(SiteMetadata(language: "pt-BR").openGraphLocale == "pt_BR")
        #expect(SiteMetadata(language: "en").openGraphLocale == nil)
    }

    // MARK: - Resolving options

    /// A project folder with `anthology.yml` (when given) and nothing else.
    static func project(_ yaml: String?, at path: String = "anthology.yml") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("anthology-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let yaml {
            let file = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(yaml.utf8).write(to: file)
        }
        return folder
    }

    @Test("Without a file the defaults apply")
    func defaults() throws {
        let folder = try Self.project(nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (options, warnings) = try BuildOptions.resolving(config: nil, overrides: SiteConfig(), in: folder)
        #expect(warnings.isEmpty)
        #expect(options.metadata == SiteMetadata())
        #expect(options.seeds == folder.appendingPathComponent("seeds"))
        #expect(options.outputDisplay == "public" && !options.includeDrafts && options.configFile == nil)
    }

    @Test("A flag wins over the file, and the file over the defaults")
    func flagsOverrideTheFile() throws {
        let folder = try Self.project("""
            title: From the file
            author: File Author
            base_url: https://file.example.org/
            output: site
            drafts: true
            feed_limit: 10
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (flags, problems) = SiteConfig.commandLine(title: "From a flag", baseURL: "https://flag.example.org/x",
                                                       output: "elsewhere", drafts: false, feedLimit: 5)
        #expect(problems.isEmpty)
        let (options, _) = try BuildOptions.resolving(config: nil, overrides: flags, in: folder)
        #expect(options.siteTitle == "From a flag")
        #expect(options.metadata.author == "File Author")
        #expect(options.metadata.baseURL?.string == "https://flag.example.org/x/")
        #expect(options.output == folder.appendingPathComponent("elsewhere"))
        #expect(options.outputDisplay == "elsewhere")
        #expect(!options.includeDrafts)
        #expect(options.metadata.feedLimit == 5)
        #expect(options.templatesDisplay == "templates")
        #expect(options.configFile?.lastPathComponent == "anthology.yml")
    }

    @Test("Folders in a file given with --config are relative to that file")
    func foldersRelativeToTheFile() throws {
        let folder = try Self.project("seeds: stories\n", at: "site/anthology.yml")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (options, _) = try BuildOptions.resolving(config: "site/anthology.yml", overrides: SiteConfig(templates: "theme"), in: folder)
        #expect(options.seeds.standardizedFileURL == folder.appendingPathComponent("site/stories").standardizedFileURL)
        #expect(options.seedsDisplay == "site/stories")
        #expect(options.output.standardizedFileURL == folder.appendingPathComponent("site/public").standardizedFileURL)
        #expect(options.templates == folder.appendingPathComponent("theme"))
    }

    @Test("A missing --config file, a bad value in the file or a bad flag stops the command")
    func problemsStopTheCommand() throws {
        let folder = try Self.project("language: 12\ntitle: x\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try BuildOptions.resolving(config: "missing.yml", overrides: SiteConfig(), in: folder)
            Issue.record("a missing --config file was accepted")
        } catch {
            #expect(error.diagnostics.first?.file == "missing.yml")
        }
        do {
            _ = try BuildOptions.resolving(config: nil, overrides: SiteConfig(), in: folder)
            Issue.record("a bad language was accepted")
        } catch {
            #expect(error.diagnostics.first?.description.hasPrefix("anthology.yml:1:11: error:") == true, "\(error)")
        }
        let (_, problems) = SiteConfig.commandLine(language: "en_GB", baseURL: "example.org", storiesPerPage: 0, feedLimit: -1)
        #expect(problems.map(\.file) == ["--stories-per-page", "--feed-limit", "--language", "--base-url"])
        #expect(problems[1].message == "-1 is not a number of stories")
    }
}
