import AnthologyKit
import ArgumentParser
import Foundation

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure detection against stories with gold annotations.",
        discussion: "Every story in the folder needs a `<name>.gold.yml` beside it listing its characters and cities. Prints precision and recall for characters and cities, and every miss and false hit."
    )

    @Option(help: "Folder of stories with gold files.")
    var set = "Evaluation/stories"

    @Option(help: "Exit non-zero when any precision or recall is below this.")
    var minimum: Double?

    func run() throws {
        let folder = URL(fileURLWithPath: (set as NSString).expandingTildeInPath,
                         relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        do {
            let evaluation = try Evaluation.run(folder: folder.standardizedFileURL, display: set)
            print(evaluation.summary())
            if let minimum {
                let scores = [evaluation.characters.precision, evaluation.characters.recall,
                              evaluation.cities.precision, evaluation.cities.recall]
                if scores.contains(where: { $0 < minimum }) { throw ExitCode.failure }
            }
        } catch let failure as BuildFailure {
            printError(failure.description)
            throw ExitCode.failure
        }
    }
}
