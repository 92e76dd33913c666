import AnthologyKit
import ArgumentParser
import Foundation
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site: build it, serve it locally, rebuild and reload on every save.",
        discussion: "Watches the seeds and templates folders (and anthology.yml). Pages open in a browser reload after each save; a stylesheet change is applied without a reload; a build error is shown in the browser until the next good save. Press Ctrl-C to stop."
    )

    @Option(help: "Folder holding the stories.")
    var seeds = "seeds"

    @Option(help: "Folder holding the Mustache templates and assets/.")
    var templates = "templates"

    @Option(help: "Folder to write the site to.")
    var output = "public"

    @Flag(help: "Include stories marked `draft: true`.")
    var drafts = false

    @Option(help: "Address to listen on. The default keeps the preview private to this machine.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8000

    @Option(help: "Serve the site under this path, as it will be deployed (for example /anthology/).")
    var basePath = "/"

    @Flag(help: "Scan for changes instead of using inotify (for network shares and some containers).")
    var poll = false

    func run() async throws {
        let logger = Logger(label: "anthology") { ConsoleLogHandler(label: $0, level: .info) }
        let options = BuildOptions(seeds: seeds, templates: templates, output: output, includeDrafts: drafts)
        let base: String
        do {
            base = try PreviewServer.normalisedBasePath(basePath)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        let config = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("anthology.yml")
        let server = PreviewServer(options: options, host: host, port: port, basePath: base, poll: poll,
                                   watchedFiles: [config], logger: logger)
        try await server.run { url in
            FileHandle.standardOutput.write(Data("Serving \(output) at \(url) (Ctrl-C to stop)\n".utf8))
        }
        print("Stopped.")
    }
}
