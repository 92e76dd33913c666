/// Finds characters, cities and places in a story's prose.
///
/// Detection is a stage of its own behind this protocol so that a better detector can
/// replace the current one without touching loading, linking or rendering.
public protocol EntityDetector: Sendable {
    func detect(in prose: String) -> StoryEntities

    /// Starts reading, on other threads, whatever the detector reads before its first
    /// `detect`, so that a build loading its cache and story files meanwhile does not wait
    /// for it. A build calls this first; it may be called any number of times.
    func prepare()
}

extension EntityDetector {
    public func prepare() {}
}
