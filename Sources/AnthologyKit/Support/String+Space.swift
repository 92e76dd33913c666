extension StringProtocol {
    /// Whether the text holds a space: for a name, whether it has more than one word.
    ///
    /// By byte: `contains(" ")` with a string argument is Foundation's, which on Linux hands
    /// the text to NSString; in detection, where names are sorted into full names and single
    /// words, that was some 2% of the stage.
    var containsSpace: Bool {
        utf8.contains(UInt8(ascii: " "))
    }
}
