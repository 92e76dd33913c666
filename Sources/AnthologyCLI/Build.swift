import AnthologyKit
import ArgumentParser
import Foundation
import Logging

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site from the stories and templates.",
        discussion: "Reads every *.md, *.markdown and *.txt file under the seeds folder and writes the site to the output folder. The output folder is replaced only when the build succeeds, and only if Anthology made it."
    )

    @Option(help: "Folder holding the stories.")
    var seeds = "seeds"

    @Option(help: "Folder holding the Mustache templates and assets/.")
    var templates = "templates"

    @Option(help: "Folder to write the site to.")
    var output = "public"

    @Flag(help: "Include stories marked `draft: true`.")
    var drafts = false

    @Flag(help: "Check the site right after building it, as `anthology check` does.")
    var check = false

    @Flag(name: .shortAndLong, help: "Log each stage as it runs.")
    var verbose = false

    func run() throws {
        let level: Logger.Level = verbose ? .debug : .info
        let logger = Logger(label: "anthology") { ConsoleLogHandler(label: $0, level: level) }
        let options = BuildOptions(seeds: seeds, templates: templates, output: output, includeDrafts: drafts)
        do {
            let report = try Builder(options: options, logger: logger).build()
            for diagnostic in report.diagnostics { printError(diagnostic.description) }
            print(report.summary(output: output))
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        if check { try Check.run(on: output, baseURL: nil) }
    }
}
