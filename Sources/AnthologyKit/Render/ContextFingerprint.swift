/// Hashes a template context, so that a page whose context is the same as last build's (and
/// whose template did not change) need not be rendered again.
///
/// Contexts hold only what `PageContexts` puts in them: dictionaries, arrays, strings,
/// numbers and booleans. Keys are hashed in sorted order, because dictionary order varies.
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
            for key in dictionary.keys.sorted() {
                hash.combine(key)
                combine(dictionary[key]!, into: &hash)
            }
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
