import AnthologyKit
import ArgumentParser
import Foundation

struct Entities: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "List the characters, cities and places found in each story.",
        discussion: "Nothing is written. Use it to check detection and to write `characters`, `cities` or `not` corrections in front matter."
    )

    @Option(help: ArgumentHelp("Configuration file (default: anthology.yml, when it exists); only `seeds` and `drafts` matter here.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Folder holding the stories (default: seeds).", valueName: "dir"))
    var seeds: String?

    @Flag(help: "Print JSON (the format is documented in the README).")
    var json = false

    @Flag(inversion: .prefixedNo, help: "Include stories marked `draft: true` (default: no).")
    var drafts: Bool?

    func run() throws {
        var report = BuildReport()
        do {
            let (options, warnings) = try BuildOptions.resolving(config: config, overrides: SiteConfig(seeds: seeds, drafts: drafts))
            for warning in warnings { printError(warning.description) }
            let site = try Builder(options: options).analyse(report: &report)
            for diagnostic in report.diagnostics { printError(diagnostic.description) }
            print(json ? EntitiesReport(site: site).json() : EntitiesReport.text(site: site, seedsDisplay: options.seedsDisplay))
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
