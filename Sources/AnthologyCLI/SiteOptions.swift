import AnthologyKit
import ArgumentParser

/// The options shared by every command that builds the site (`build`, and `serve`): each key
/// of `anthology.yml` as a flag, plus `--config`. A flag wins over the file, the file over
/// the defaults.
///
/// Options are optional here so that "not given" can be told apart from "given the default";
/// the defaults live in `BuildOptions.resolving`, which also checks the values.
struct SiteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Configuration file.", discussion: "Default: anthology.yml in the current folder, when it exists. Folders it names are relative to it.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Folder holding the stories (default: seeds).", valueName: "dir"))
    var seeds: String?

    @Option(help: ArgumentHelp("Folder holding the Mustache templates and assets/ (default: templates).", valueName: "dir"))
    var templates: String?

    @Option(help: ArgumentHelp("Folder to write the site to (default: public).", valueName: "dir"))
    var output: String?

    @Flag(inversion: .prefixedNo, help: "Include stories marked `draft: true` (default: no).")
    var drafts: Bool?

    @Option(name: .customLong("base-url"),
            help: ArgumentHelp("Address the site is published at, for canonical links, the feed and the sitemap (default: none).", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("The anthology's title (default: Anthology).", valueName: "text"))
    var title: String?

    @Option(name: .customLong("description"), help: ArgumentHelp("One or two sentences about the anthology.", valueName: "text"))
    var siteDescription: String?

    @Option(help: ArgumentHelp("The anthology's author or editor.", valueName: "name"))
    var author: String?

    @Option(help: ArgumentHelp("Language of the stories, as a BCP 47 tag (default: en).", valueName: "tag"))
    var language: String?

    @Option(name: .customLong("stories-per-page"),
            help: ArgumentHelp("How many stories the home page lists before page/2/ (default: 50).", valueName: "n"))
    var storiesPerPage: Int?

    @Option(name: .customLong("feed-limit"),
            help: ArgumentHelp("How many of the newest stories feed.xml lists (default: 50).", valueName: "n"))
    var feedLimit: Int?

    /// The build options these flags and the configuration file describe, and the warnings to
    /// print. Throws `BuildFailure` naming the file, line and column (or the flag) of a bad value.
    func buildOptions() throws(BuildFailure) -> (BuildOptions, [Diagnostic]) {
        let (overrides, problems) = SiteConfig.commandLine(
            title: title, description: siteDescription, author: author, language: language, baseURL: baseURL,
            seeds: seeds, templates: templates, output: output, drafts: drafts, storiesPerPage: storiesPerPage,
            feedLimit: feedLimit)
        guard !problems.hasErrors else { throw BuildFailure(problems) }
        return try BuildOptions.resolving(config: config, overrides: overrides)
    }
}
