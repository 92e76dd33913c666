import Foundation
@testable import AnthologyKit

/// Hashes a whole template context: slow, but it sees every value a template can show, so
/// `PageFingerprintTests` uses it to check the renderer's own, cheaper page fingerprints.
///
/// Contexts hold only what `PageContexts` puts in them: dictionaries, arrays, strings,
/// numbers and booleans. Dictionary order varies between runs, so each entry is hashed on its
/// own and the entries' hashes are added up, which does not depend on their order (and
/// avoids sorting the keys of every one of the thousands of dictionaries a site has).
enum ContextFingerprint {
    static func combine(_ value: Any, into hash: inout ContentHash) {
        switch value {
        case let text as String:
            hash.combine(1)
            hash.combine(text)
        case let flag as Bool:
            hash.combine(2)
            hash.combine(flag)
        case let number as Int:
            hash.combine(3)
            hash.combine(number)
        case let dictionary as [String: Any]:
            hash.combine(4)
            hash.combine(dictionary.count)
            var entries: UInt64 = 0
            for (key, value) in dictionary {
                var entry = ContentHash()
                entry.combine(key)
                combine(value, into: &entry)
                entries &+= entry.value
            }
            hash.combine(entries)
        case let array as [Any]:
            hash.combine(5)
            hash.combine(array.count)
            for element in array { combine(element, into: &hash) }
        case let number as Double:
            hash.combine(6)
            hash.combine(number.bitPattern)
        default:
            // A type this hash does not know: never reuse the page.
            hash.combine(7)
            hash.combine(String(describing: value))
        }
    }
}
