import Foundation
import Synchronization

extension SiteWriter {
    /// A write in progress, which takes each file as soon as it is rendered, so that the
    /// site's HTML is never all in memory at once (at 10,000 stories it is about 150 MB).
    ///
    /// - `begin` checks the output folder and makes every folder the site needs. It is given
    ///   every path first, so that it can refuse a new page where someone put a file of their
    ///   own before anything is changed.
    /// - `write` may be called from any thread, once per file.
    /// - `finish` writes the manifest, removes the pages the site no longer has, and moves a
    ///   first build from its staging folder into place.
    public final class Session: Sendable {
        enum Mode: Sendable {
            /// A first build, written to `staging` and moved into place at the end.
            case fresh(staging: URL)
            /// Later builds update the output folder in place; `previous` is its manifest.
            case update(previous: Manifest)
            /// A build that keeps every file updates them in place, and the manifest's
            /// hashes where they changed (`SiteWriter.beginPatch`).
            case patch(previous: ManifestLines)
        }

        struct State: Sendable {
            var manifest: [String: UInt64] = [:]
            var written: [String] = []
            var failure: String?
        }

        let writer: SiteWriter
        let mode: Mode
        /// The folder the files go to: the staging folder or the output folder.
        let root: String
        private let state = Mutex(State())

        init(writer: SiteWriter, mode: Mode) {
            self.writer = writer
            self.mode = mode
            switch mode {
            case .fresh(let staging): root = staging.path
            case .update, .patch: root = writer.output.path
            }
        }

        /// Writes `file` unless the output folder already holds exactly these contents.
        /// A failure is kept for `finish` to report; files after it are not written.
        public func write(_ file: OutputFile) {
            let hash = ContentHash.of(file.contents)
            guard state.withLock({ $0.failure == nil }) else { return }
            let path = root + "/" + file.path
            var wrote = true
            do {
                switch mode {
                case .fresh:
                    try FileOutput.write(file.contents, to: path)
                case .update, .patch:
                    if previousHash(of: file.path) == hash, FileManager.default.fileExists(atPath: path) {
                        wrote = false
                    } else {
                        try replace(path, with: file.contents)
                    }
                }
            } catch {
                state.withLock { if $0.failure == nil { $0.failure = error.localizedDescription } }
                return
            }
            state.withLock { state in
                state.manifest[file.path] = hash
                if wrote { state.written.append(file.path) }
            }
        }

        /// The hash the previous build's manifest gives `path`, if any.
        private func previousHash(of path: String) -> UInt64? {
            switch mode {
            case .fresh: nil
            case .update(let previous): previous.hashes[path] ?? nil
            case .patch(let previous): previous.hash(of: path)
            }
        }

        /// Replaces a file of the site; its folder is made again if someone removed it.
        private func replace(_ path: String, with contents: Data) throws {
            do {
                try FileOutput.replace(path, with: contents)
            } catch {
                var folders: Set<String> = []
                try FileOutput.makeFolder((path as NSString).deletingLastPathComponent, known: &folders)
                try FileOutput.replace(path, with: contents)
            }
        }

        /// Completes the write. `unchanged` names files of the previous build that the
        /// renderer knew to be current and did not hand over; they stay as they are. A patch
        /// (`SiteWriter.beginPatch`) keeps every file it was not given, and needs no list.
        public func finish(unchanged: [String]) throws(BuildFailure) -> Result {
            let state = state.withLock { $0 }
            do {
                if let failure = state.failure {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure])
                }
                switch mode {
                case .fresh(let staging):
                    return try finishFresh(state, staging: staging)
                case .update(let previous):
                    return try finishUpdate(state, unchanged: unchanged, previous: previous)
                case .patch(let previous):
                    return try finishPatch(state, previous: previous)
                }
            } catch {
                abandon()
                throw writer.failure(error)
            }
        }

        /// Removes what a first build staged; an update has nothing of its own to remove.
        public func abandon() {
            if case .fresh(let staging) = mode { try? FileManager.default.removeItem(at: staging) }
        }

        private func finishFresh(_ state: State, staging: URL) throws -> Result {
            let fm = FileManager.default
            let (text, order) = SiteWriter.manifestText(state.manifest)
            try FileOutput.write(text, to: root + "/" + SiteWriter.manifestName)
            if fm.fileExists(atPath: writer.output.path) { try fm.removeItem(at: writer.output) }  // an empty folder
            try fm.moveItem(at: staging, to: writer.output)
            return Result(written: state.written.sorted(), removed: [], files: state.manifest.count + 1,
                          manifestHash: ContentHash.of(text), manifest: state.manifest, order: order)
        }

        /// The manifest with the delivered files' hashes changed in place; should a delivered
        /// file not be listed, the manifest is made again as `finishUpdate` makes it, keeping
        /// every file not delivered (a patch keeps every file).
        private func finishPatch(_ state: State, previous: ManifestLines) throws -> Result {
            guard let bytes = previous.replacing(state.manifest) else {
                guard let manifest = previous.manifest else { throw CocoaError(.fileReadCorruptFile) }
                let kept = manifest.hashes.keys.filter { state.manifest[$0] == nil }
                return try finishUpdate(state, unchanged: kept, previous: manifest)
            }
            let text = Data(bytes)
            // Unchanged, it is not written: nothing in the folder changes.
            if bytes != previous.lines.bytes { try FileOutput.replace(root + "/" + SiteWriter.manifestName, with: text) }
            var result = Result()
            result.manifestHash = ContentHash.of(text)
            result.written = state.written.sorted()
            result.files = previous.lines.count + 1
            return result
        }

        private func finishUpdate(_ state: State, unchanged: [String], previous: Manifest) throws -> Result {
            let fm = FileManager.default
            var manifest = state.manifest
            manifest.reserveCapacity(state.manifest.count + unchanged.count)
            for path in unchanged {
                if let hash = previous.hashes[path] ?? nil { manifest[path] = hash }
            }
            var result = Result()
            for path in previous.hashes.keys.filter({ manifest[$0] == nil }).sorted() {
                let url = writer.output.appendingPathComponent(path)
                if fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
                writer.removeEmptyFolders(above: url)
                result.removed.append(path)
            }
            let (text, order) = SiteWriter.manifestText(manifest, order: previous.order)
            try FileOutput.replace(root + "/" + SiteWriter.manifestName, with: text)
            result.manifestHash = ContentHash.of(text)
            result.manifest = manifest
            result.order = order
            result.written = state.written.sorted()
            result.files = manifest.count + 1
            return result
        }
    }

    /// Starts writing a site whose files will be `paths`. `known` is the `Result` of the
    /// previous write to this folder, if at hand: when the manifest on disk is still the one
    /// it wrote, it is taken from there rather than parsed again.
    public func begin(paths: [String], known: Result? = nil) throws(BuildFailure) -> Session {
        do {
            if let previous = try previousManifest(known: known) {
                try beginUpdate(paths: paths, previous: previous.hashes)
                return Session(writer: self, mode: .update(previous: previous))
            }
            return Session(writer: self, mode: .fresh(staging: try beginFresh(paths: paths)))
        } catch let failure as BuildFailure {
            throw failure
        } catch {
            throw self.failure(error)
        }
    }

    /// A first build: a staging folder beside the output, with every folder of the site.
    /// It gets a manifest before anything else, so that a build interrupted while writing
    /// leaves a folder the next build recognises as its own and clears.
    private func beginFresh(paths: [String]) throws -> URL {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).anthology-staging")
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        if fm.fileExists(atPath: staging.path) {
            // Left by an interrupted build: ours only if it carries our manifest.
            guard Self.isOurs(staging) else {
                throw BuildFailure([.error(staging.path, "a folder with this name is in the way and was not made by Anthology",
                                           fix: "move it elsewhere, then build again")])
            }
            try fm.removeItem(at: staging)
        }
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            try FileOutput.write(Self.manifestText([:]).text, to: staging.path + "/" + Self.manifestName)
            try FileOutput.makeFolders(for: paths, in: staging.path)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        return staging
    }

    /// Later builds: stop before changing anything if a new page would replace a file that
    /// is not Anthology's; then make the folders of the new pages.
    private func beginUpdate(paths: [String], previous: [String: UInt64?]) throws {
        let fm = FileManager.default
        let added = paths.filter { previous[$0] == nil }
        for path in added where fm.fileExists(atPath: output.appendingPathComponent(path).path) {
            throw BuildFailure([.error(displayOutput + "/" + path,
                                       "this file was not made by Anthology, and the new site has a page at the same path",
                                       fix: "move or rename the file, then build again (nothing was changed)")])
        }
        try FileOutput.makeFolders(for: added, in: output.path)
    }

    /// The error a failed write reports.
    func failure(_ error: Error) -> BuildFailure {
        if let failure = error as? BuildFailure { return failure }
        return BuildFailure([.error(displayOutput, "could not write the site: \(error.localizedDescription)",
                                    fix: "check that the folder and its parent are writable, then build again")])
    }
}
