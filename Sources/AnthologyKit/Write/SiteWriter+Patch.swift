import Foundation

extension SiteWriter {
    /// Starts a write that keeps every file of the previous build, as a render planned
    /// only from a few changed stories does (`SiteRenderer.Plan.isLimited`): the manifest is
    /// kept as its bytes and changed where the files delivered changed, instead of being
    /// read into a dictionary of 14,000 paths and written again from it. Nil, and the
    /// caller begins an ordinary write, unless `manifest`, as read from the output folder
    /// (`manifestOnDisk`), is exactly the one with the hash `expected` and lists its files
    /// sorted by their bytes.
    func beginPatch(_ manifest: ManifestFile, expecting expected: UInt64) -> Session? {
        // As `previousManifest`: never through a symbolic link.
        guard (try? FileManager.default.destinationOfSymbolicLink(atPath: output.path)) == nil,
              manifest.hash == expected, manifest.data.starts(with: Self.manifestHeader.utf8) else { return nil }
        let bytes = [UInt8](manifest.data)
        // The header is a comment line, which `ByteLines` skips.
        let lines = ByteLines(bytes)
        guard lines.isSorted else { return nil }
        return Session(writer: self, mode: .patch(previous: ManifestLines(lines: lines)))
    }

    /// A manifest's lines (`path`, a tab, 16 hex digits), found by binary search.
    struct ManifestLines: Sendable {
        let lines: ByteLines

        /// The line of `path`, if listed.
        func line(of path: String) -> Int? {
            lines.firstLine(withPrefix: Array(path.utf8) + [UInt8(ascii: "\t")])
        }

        /// Where the hash of line `index` is, if it has one of 16 hex digits.
        func hashRange(of index: Int) -> Range<Int>? {
            let line = lines.range(of: index)
            guard line.count > 17, lines.bytes[line.upperBound - 17] == UInt8(ascii: "\t") else { return nil }
            return (line.upperBound - 16)..<line.upperBound
        }

        func hash(of path: String) -> UInt64? {
            line(of: path).flatMap(hashRange).flatMap { UInt64(lines.string($0), radix: 16) }
        }

        /// The manifest with the hashes of `files` replaced; nil when one of them is not
        /// listed with a hash.
        func replacing(_ files: [String: UInt64]) -> [UInt8]? {
            var bytes = lines.bytes
            for (path, hash) in files {
                guard let range = line(of: path).flatMap(hashRange) else { return nil }
                var digits: [UInt8] = []
                hash.appendHex(digits: 16, to: &digits)
                bytes.replaceSubrange(range, with: digits)
            }
            return bytes
        }

        /// Every path listed, as `readManifest` reads them: for a write that cannot patch.
        var manifest: Manifest? {
            SiteWriter.parseManifest(lines.bytes)
        }
    }
}
