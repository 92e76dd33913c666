/// Stage 2, parse: front matter, Markdown, title heading and prose for every story.
public struct StoryParser: Sendable {
    public init() {}

    public func parse(_ file: SourceFile) -> (story: ParsedStory?, diagnostics: [Diagnostic]) {
        let split = FrontMatterParser().parse(file.text, file: file.displayPath)
        var diagnostics = split.diagnostics
        let markdown = Self.markdown(body: split.body, of: file)
        let document = MarkdownDocument(markdown: markdown)
        let opening = document.removeOpeningHeading()
        let headingTitle = opening ?? document.firstHeading()
        let prose = document.proseText()
        let wordCount = document.wordCount()
        // A story whose front matter could not be split has already been reported; its "body" is not empty.
        if (wordCount == 0 || prose.isEmpty) && !diagnostics.hasErrors {
            let what = split.bodyLineOffset > 0 ? "has front matter but no story text" : "is empty"
            diagnostics.append(.error(file.displayPath, line: split.bodyLineOffset + 1,
                                      "this story \(what)",
                                      fix: "write the story below the front matter, or move the file out of the seeds folder"))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let story = ParsedStory(relativePath: file.relativePath, displayPath: file.displayPath,
                                frontMatter: split.frontMatter, markdown: markdown, headingTitle: headingTitle,
                                opensWithHeading: opening != nil, prose: prose, wordCount: wordCount)
        return (story, diagnostics)
    }

    /// The body of a story file below its front matter, as Markdown: what `parse` makes of
    /// it, without reading the YAML.
    static func markdown(of file: SourceFile) -> String {
        markdown(body: FrontMatterParser().body(of: file.text), of: file)
    }

    /// A plain-text story's body is escaped so that it reads as written.
    private static func markdown(body: String, of file: SourceFile) -> String {
        file.isPlainText ? PlainText.markdown(from: body) : body
    }

    /// `story`, a parse of this very `file` read back from the build cache on disk without its
    /// text (see `BuildCache+Binary.swift`), with its Markdown again: the same steps as `parse`
    /// without reading the front matter's YAML. The prose needs the Markdown parsed, which is
    /// most of the parse stage's time, so it is derived only when `prose` is true (a story
    /// not detected yet); otherwise it stays empty.
    func restoreText(of story: ParsedStory, from file: SourceFile, prose: Bool) -> ParsedStory {
        var story = story
        story.markdown = Self.markdown(of: file)
        if prose {
            let document = MarkdownDocument(markdown: story.markdown)
            _ = document.removeOpeningHeading()
            story.prose = document.proseText()
        }
        return story
    }
}
