import Foundation

extension BuildOptions {
    /// The options of a command: defaults, overridden by the configuration file, overridden by
    /// the command line.
    ///
    /// Every command that builds or reads the site (`build`, `entities`, `serve`) resolves its
    /// options here, so they agree on what `anthology.yml` means. Folders named in the file are
    /// relative to the file's folder, so `--config elsewhere/anthology.yml` builds that project;
    /// folders given as flags are relative to the working directory.
    ///
    /// - Parameters:
    ///   - configPath: `--config`, as typed; nil reads `anthology.yml` in `directory` when it exists.
    ///   - overrides: the command-line flags (see `SiteConfig.commandLine`).
    /// - Returns: the options and the warnings to print (unknown keys).
    /// - Throws: `BuildFailure` when the file is missing (if named), unreadable or wrong.
    public static func resolving(config configPath: String?, overrides: SiteConfig,
                                 in directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        throws(BuildFailure) -> (BuildOptions, [Diagnostic]) {
        var file = SiteConfig()
        var diagnostics: [Diagnostic] = []
        var configURL: URL?
        var folderDisplay = ""

        if let configPath {
            let url = resolve(configPath, relativeTo: directory)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw BuildFailure([.error(configPath, "the configuration file does not exist",
                                           fix: "check the path given to --config, or leave --config out to use \(SiteConfigLoader.defaultFileName) when present")])
            }
            configURL = url
            folderDisplay = (configPath as NSString).deletingLastPathComponent
            (file, diagnostics) = SiteConfigLoader().load(from: url, display: configPath)
        } else {
            let url = directory.appendingPathComponent(SiteConfigLoader.defaultFileName)
            if FileManager.default.fileExists(atPath: url.path) {
                configURL = url
                (file, diagnostics) = SiteConfigLoader().load(from: url, display: SiteConfigLoader.defaultFileName)
            } else if FileManager.default.fileExists(atPath: directory.appendingPathComponent("anthology.yaml").path) {
                diagnostics.append(.warning("anthology.yaml", "this file is ignored: the configuration file is \(SiteConfigLoader.defaultFileName)",
                                            fix: "rename it to \(SiteConfigLoader.defaultFileName)"))
            }
        }
        guard !diagnostics.hasErrors else { throw BuildFailure(diagnostics) }

        let folder = configURL?.deletingLastPathComponent() ?? directory
        /// A folder from the file, relative to the file's folder; one from a flag, to the working directory.
        func place(_ flag: String?, _ fromFile: String?, default name: String) -> (URL, String) {
            if let flag { return (resolve(flag, relativeTo: directory), flag) }
            let path = fromFile ?? name
            let expanded = (path as NSString).expandingTildeInPath
            let display = expanded.hasPrefix("/") || folderDisplay.isEmpty ? path : (folderDisplay as NSString).appendingPathComponent(path)
            return (resolve(path, relativeTo: folder), display)
        }

        let merged = file.overridden(by: overrides)
        var options = BuildOptions(includeDrafts: merged.drafts ?? false,
                                   metadata: SiteMetadata(title: merged.title.flatMap { $0.isEmpty ? nil : $0 } ?? SiteMetadata.defaultTitle,
                                                          description: merged.description.flatMap { $0.isEmpty ? nil : $0 },
                                                          author: merged.author.flatMap { $0.isEmpty ? nil : $0 },
                                                          language: merged.language ?? SiteMetadata.defaultLanguage,
                                                          baseURL: merged.baseURL,
                                                          storiesPerPage: merged.storiesPerPage ?? SiteMetadata.defaultStoriesPerPage,
                                                          feedLimit: merged.feedLimit ?? SiteMetadata.defaultFeedLimit),
                                   relativeTo: directory)
        (options.seeds, options.seedsDisplay) = place(overrides.seeds, file.seeds, default: "seeds")
        (options.templates, options.templatesDisplay) = place(overrides.templates, file.templates, default: "templates")
        (options.output, options.outputDisplay) = place(overrides.output, file.output, default: "public")
        options.configFile = configURL
        options.cacheFolder = folder.appendingPathComponent(CacheFile.folderName)
        return (options, diagnostics)
    }
}
