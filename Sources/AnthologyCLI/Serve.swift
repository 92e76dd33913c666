import AnthologyKit
import ArgumentParser
import Foundation
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site: build it, serve it locally, rebuild and reload on every save.",
        discussion: "Watches the seeds and templates folders (and anthology.yml). Pages open in a browser reload after each save; a stylesheet change is applied without a reload; a build error is shown in the browser until the next good save. Press Ctrl-C to stop."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "Address to listen on. The default keeps the preview private to this machine.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8000

    @Option(help: "Serve the site under this path, as it will be deployed (for example /anthology/).")
    var basePath = "/"

    @Flag(help: "Scan for changes instead of using inotify (for network shares and some containers).")
    var poll = false

    @Flag(name: .shortAndLong, help: "Log each stage of every rebuild.")
    var verbose = false

    func run() async throws {
        let logger = Logger(label: "anthology") { ConsoleLogHandler(label: $0, level: verbose ? .debug : .info) }
        let options: BuildOptions
        let base: String
        do {
            let warnings: [Diagnostic]
            (options, warnings) = try site.buildOptions()
            for warning in warnings { printError(warning.description) }
            base = try PreviewServer.normalisedBasePath(basePath)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        let config = options.configFile
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(SiteConfigLoader.defaultFileName)
        let server = PreviewServer(options: options, host: host, port: port, basePath: base, poll: poll,
                                   configFile: config, reloadOptions: { [site] () throws(BuildFailure) in try site.buildOptions().0 },
                                   logger: logger)
        try await server.run { url in
            FileHandle.standardOutput.write(Data("Serving \(options.outputDisplay) at \(url) (Ctrl-C to stop)\n".utf8))
        }
        print("Stopped.")
    }
}
