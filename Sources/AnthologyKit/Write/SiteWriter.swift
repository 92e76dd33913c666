import Foundation

/// Stage 6, write: puts the rendered site in the output folder without ever losing anything.
///
/// - The new site is written to a staging folder beside the output and swapped in only when
///   complete, so a failed build leaves the previous site as it was.
/// - A manifest (`.anthology-manifest`) records every file Anthology wrote. Anthology only
///   replaces a folder that carries its manifest (or is empty), so `--output ~` cannot clear
///   a home folder; files someone added to the site by hand (a `CNAME`, say) are carried over.
public struct SiteWriter: Sendable {
    public static let manifestName = ".anthology-manifest"
    static let manifestHeader = "# Written by Anthology; the files below are regenerated on every build."

    public var output: URL
    public var displayOutput: String

    public init(output: URL, displayOutput: String? = nil) {
        self.output = output.standardizedFileURL
        self.displayOutput = displayOutput ?? output.path
    }

    /// Writes `files`; returns how many files were written, the manifest included.
    public func write(_ files: [OutputFile]) throws(BuildFailure) -> Int {
        let fm = FileManager.default
        let previous = try previousManifest()
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).anthology-staging")
        let retired = parent.appendingPathComponent(".\(name).anthology-previous")

        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            for leftover in [staging, retired] where fm.fileExists(atPath: leftover.path) {
                // Left by an interrupted build: ours only if it carries our manifest.
                guard Self.isOurs(leftover) else {
                    throw BuildFailure([.error(leftover.path, "a folder with this name is in the way and was not made by Anthology",
                                               fix: "move it elsewhere, then build again")])
                }
                try fm.removeItem(at: leftover)
            }
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: url)
            }
            let manifest = ([Self.manifestHeader] + files.map(\.path).sorted()).joined(separator: "\n") + "\n"
            try Data(manifest.utf8).write(to: staging.appendingPathComponent(Self.manifestName))

            if let previous {
                try carryOverForeignFiles(from: output, to: staging, known: previous)
                try fm.moveItem(at: output, to: retired)
                do {
                    try fm.moveItem(at: staging, to: output)
                } catch {
                    try? fm.moveItem(at: retired, to: output)  // put the old site back
                    throw error
                }
                try fm.removeItem(at: retired)
            } else {
                if fm.fileExists(atPath: output.path) { try fm.removeItem(at: output) }  // empty folder
                try fm.moveItem(at: staging, to: output)
            }
        } catch let failure as BuildFailure {
            try? removeStaging(staging)
            throw failure
        } catch {
            try? removeStaging(staging)
            throw BuildFailure([.error(displayOutput, "could not write the site: \(error.localizedDescription)",
                                       fix: "check that the folder and its parent are writable; the previous site is unchanged")])
        }
        return files.count + 1
    }

    /// The manifest of the site in the output folder; nil when there is no output folder or it is empty.
    /// Throws when the folder holds anything Anthology did not make.
    private func previousManifest() throws(BuildFailure) -> Set<String>? {
        let fm = FileManager.default
        if let attributes = try? fm.attributesOfItem(atPath: output.path), attributes[.type] as? FileAttributeType == .typeSymbolicLink {
            throw BuildFailure([.error(displayOutput, "the output folder is a symbolic link",
                                       fix: "pass the real folder with --output")])
        }
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else {
            throw BuildFailure([.error(displayOutput, "the output path exists and is not a folder",
                                       fix: "pass another path with --output")])
        }
        let contents = (try? fm.contentsOfDirectory(atPath: output.path)) ?? []
        if contents.isEmpty { return nil }
        guard let manifest = Self.manifest(in: output) else {
            throw BuildFailure([.error(displayOutput, "the output folder is not empty and was not made by Anthology; refusing to replace it",
                                       fix: "pass an empty or new folder with --output (nothing was changed)")])
        }
        return manifest
    }

    static func manifest(in folder: URL) -> Set<String>? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(manifestName), encoding: .utf8),
              text.hasPrefix(manifestHeader) else { return nil }
        return Set(text.split(separator: "\n").dropFirst().map(String.init))
    }

    static func isOurs(_ folder: URL) -> Bool {
        manifest(in: folder) != nil || ((try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty ?? false)
    }

    /// The staging folder is this run's own, so it goes even before its manifest is written.
    private func removeStaging(_ folder: URL) throws {
        if FileManager.default.fileExists(atPath: folder.path) { try FileManager.default.removeItem(at: folder) }
    }

    /// Moves files that are in the old site but were never written by Anthology into the new one.
    private func carryOverForeignFiles(from old: URL, to new: URL, known: Set<String>) throws {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: old.path) else { return }
        var foreign: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: old.appendingPathComponent(relative).path, isDirectory: &isDirectory)
            if isDirectory.boolValue || relative == Self.manifestName || known.contains(relative) { continue }
            foreign.append(relative)
        }
        for relative in foreign.sorted() {
            let target = new.appendingPathComponent(relative)
            if fm.fileExists(atPath: target.path) {
                throw BuildFailure([.error(displayOutput + "/" + relative,
                                           "this file was not made by Anthology, and the new site has a page at the same path",
                                           fix: "move or rename the file, then build again (nothing was changed)")])
            }
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Copied, not moved: until the swap succeeds the old site must stay whole.
            try fm.copyItem(at: old.appendingPathComponent(relative), to: target)
        }
    }
}
