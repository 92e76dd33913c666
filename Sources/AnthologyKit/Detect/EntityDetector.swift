/// Finds characters, cities and places in a story's prose.
///
/// Detection is a stage of its own behind this protocol so that a better detector can
/// replace the current one without touching loading, linking or rendering.
public protocol EntityDetector: Sendable {
    func detect(in prose: String) -> StoryEntities
}
