/// Decoding one scalar from valid UTF-8 bytes, for the loops that read a story's text byte by
/// byte and need a scalar only now and then: `String.unicodeScalars` decodes every one.
extension UnsafeBufferPointer<UInt8> {
    /// The scalar whose UTF-8 starts at `index`, and how many bytes it takes. The bytes must
    /// be valid UTF-8 (a Swift string's always are) and `index` must start a scalar.
    @inline(__always)
    func utf8Scalar(at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let byte = self[index]
        if byte < 0x80 { return (Unicode.Scalar(byte), 1) }
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        var value = UInt32(byte) & (0x7F >> length)
        for offset in 1..<length { value = value << 6 | UInt32(self[index + offset] & 0x3F) }
        // Valid UTF-8 never encodes a surrogate or a value past U+10FFFF.
        return (Unicode.Scalar(value)!, length)
    }
}
