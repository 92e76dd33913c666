import AnthologyKit
import ArgumentParser
import Foundation

struct Entities: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the characters, cities and places found in each story.",
        discussion: "Nothing is written. Use it to check detection and to write `characters`, `cities` or `not` corrections in front matter."
    )

    @Option(help: "Folder holding the stories.")
    var seeds = "seeds"

    @Flag(help: "Print JSON (the format is documented in the README).")
    var json = false

    @Flag(help: "Include stories marked `draft: true`.")
    var drafts = false

    func run() throws {
        let options = BuildOptions(seeds: seeds, includeDrafts: drafts)
        var report = BuildReport()
        do {
            let site = try Builder(options: options).analyse(report: &report)
            for diagnostic in report.diagnostics { printError(diagnostic.description) }
            print(json ? EntitiesReport(site: site).json() : EntitiesReport.text(site: site, seedsDisplay: seeds))
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
