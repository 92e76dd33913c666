extension BuildReport {
    /// The lines `anthology build` prints after a successful build.
    public func summary(output: String) -> String {
        func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
            "\(n) \(n == 1 ? word : plural ?? word + "s")"
        }
        var lines = ["Built \(plural(stories, "story", "stories")), \(plural(characters, "character")), \(plural(cities, "city", "cities")): \(plural(pages, "page")) (\(plural(files, "file"))) in \(output), \(changed.count) changed"]
        if drafts > 0 { lines.append("Left out \(plural(drafts, "draft")) (build with --drafts to include them)") }
        let width = stages.map(\.name.count).max() ?? 0
        for stage in stages {
            lines.append("  \(stage.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(stage.duration.milliseconds)")
        }
        lines.append("  \("total".padding(toLength: width, withPad: " ", startingAt: 0))  \(total.milliseconds)")
        return lines.joined(separator: "\n")
    }
}

import Foundation
