extension Array {
    /// The first index whose element's `key` is not less than `value`, in an array sorted by
    /// `key`: where `value` is, or would be inserted. A binary search, so that `serve` can
    /// update its lists of 10,000 story files in place after a save instead of rebuilding them.
    func sortedIndex<Key: Comparable>(of value: Key, by key: (Element) -> Key) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if key(self[middle]) < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The element whose `key` is `value`, in an array sorted by `key`.
    func sortedElement<Key: Comparable>(_ value: Key, by key: (Element) -> Key) -> Element? {
        let index = sortedIndex(of: value, by: key)
        return index < count && key(self[index]) == value ? self[index] : nil
    }
}
