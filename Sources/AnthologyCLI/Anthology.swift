import AnthologyKit
import ArgumentParser
import Logging

@main
struct Anthology: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anthology",
        abstract: "Build a cross-linked website from a folder of short stories.",
        subcommands: [Build.self, Serve.self, Check.self, Entities.self, Evaluate.self],
        defaultSubcommand: Build.self
    )
}
