import AnthologyKit
import ArgumentParser
import Foundation
import Logging

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from the stories and templates.",
        discussion: "Reads every *.md, *.markdown and *.txt file under the seeds folder and writes the site to the output folder. The output folder is changed only when the build succeeds, only if Anthology made it, and only where pages changed. What the build learnt is kept in .anthology-cache/ for the next one (see --no-cache). Settings come from anthology.yml when it exists; a flag wins over the file."
    )

    @OptionGroup var site: SiteOptions

    @Flag(help: "Check the site right after building it, as `anthology check` does.")
    var check = false

    @Flag(name: .customLong("no-cache"), help: ArgumentHelp("Neither read nor write the build cache.", discussion: "The cache is .anthology-cache/ beside anthology.yml (or in the current folder without one); deleting it is always safe."))
    var noCache = false

    @Flag(name: .shortAndLong, help: "Log each stage as it runs.")
    var verbose = false

    func run() throws {
        let level: Logger.Level = verbose ? .debug : .info
        let logger = Logger(label: "anthology") { ConsoleLogHandler(label: $0, level: level) }
        let options: BuildOptions
        do {
            let warnings: [Diagnostic]
            var resolved: BuildOptions
            (resolved, warnings) = try site.buildOptions()
            if noCache { resolved.cacheFolder = nil }
            options = resolved
            for warning in warnings { printError(warning.description) }
            let report = try Builder(options: options, logger: logger).build()
            for line in DiagnosticList(report.diagnostics, noteLimit: verbose ? nil : DiagnosticList.defaultNoteLimit).lines {
                printError(line)
            }
            print(report.summary(output: options.outputDisplay))
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        if check {
            try Check.run(on: options.output, display: options.outputDisplay, baseURL: options.metadata.baseURL?.description)
        }
    }
}
