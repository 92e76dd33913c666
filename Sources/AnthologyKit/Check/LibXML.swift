import CLibXML2
import Foundation

/// The bits of libxml2 both page and feed scanning share.
enum LibXML {
    /// libxml2 must be initialised once, on one thread, before parsers run on several threads.
    static let initialized: Void = xmlInitParser()

    /// An error libxml2 reported, copied out of its buffers.
    struct Problem: Sendable {
        var code: Int
        var message: String
        var line: Int
        var column: Int
        /// The name the message is about (`str1`), such as the element of a stray end tag.
        var subject: String?

        init?(_ error: UnsafePointer<xmlError>?) {
            guard let error = error?.pointee, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return nil }
            code = Int(error.code)
            message = error.message.map { String(cString: $0).trimmedWhitespace } ?? "libxml2 error \(error.code)"
            line = Int(error.line)
            column = Int(error.int2)
            subject = error.str1.map { String(cString: $0) }
        }
    }

    /// libxml2's names are UTF-8 C strings.
    static func string(_ text: UnsafePointer<xmlChar>?) -> String? {
        text.map { String(cString: $0) }
    }
}
