import Foundation
import Logging

/// Runs the pipeline: load → parse → detect → link → render → write.
///
/// Each stage is timed with the injected clock. Problems are collected per stage; the build
/// stops before writing if any is an error, so a broken story never half-replaces a site.
public struct Builder: Sendable {
    public var options: BuildOptions
    public var detector: any EntityDetector
    public var clock: any Clock<Duration>
    public var logger: Logger

    public init(options: BuildOptions, detector: any EntityDetector = HeuristicDetector(),
                clock: any Clock<Duration> = ContinuousClock(), logger: Logger = Logger(label: "anthology")) {
        self.options = options
        self.detector = detector
        self.clock = clock
        self.logger = logger
    }

    /// The site as it would be built, without writing anything (used by `entities` and `build`).
    public func analyse(report: inout BuildReport) throws(BuildFailure) -> Site {
        var diagnostics: [Diagnostic] = []

        let files = time("load", &report) {
            let (files, problems) = SourceLoader(seedsFolder: options.seeds, displayFolder: options.seedsDisplay).load()
            diagnostics += problems
            return files
        }

        let parsed: [ParsedStory] = time("parse", &report) {
            files.compactMap { file in
                let (story, problems) = StoryParser().parse(file)
                diagnostics += problems
                return story
            }
        }
        guard !diagnostics.hasErrors else { throw BuildFailure(diagnostics) }

        let included = parsed.filter { options.includeDrafts || !$0.frontMatter.draft }
        report.drafts = parsed.count - included.count
        if included.isEmpty {
            diagnostics.append(.error(options.seedsDisplay, "every story is a draft, so there is nothing to publish",
                                      fix: "build with --drafts, or set `draft: false` in a story"))
            throw BuildFailure(diagnostics)
        }

        let inputs: [SiteLinker.Input] = time("detect", &report) {
            let corrections = EntityCorrections()
            return included.map { story in
                let detected = detector.detect(in: story.prose)
                let (entities, problems) = corrections.apply(story.frontMatter, to: detected, prose: story.prose, file: story.displayPath)
                diagnostics += problems
                return SiteLinker.Input(story: story, entities: entities)
            }
        }

        let site = time("link", &report) {
            let (site, notes) = SiteLinker().link(inputs)
            diagnostics += notes
            return site
        }
        report.stories = site.stories.count
        report.characters = site.characters.count
        report.cities = site.cities.count
        report.diagnostics = diagnostics.sorted()
        return site
    }

    /// Builds and writes the site.
    public func build() throws(BuildFailure) -> BuildReport {
        var report = BuildReport()
        // Templates are checked before anything else so that their errors are listed
        // together with the stories' errors.
        let (templates, templateProblems) = TemplateSet.load(from: options.templates, displayFolder: options.templatesDisplay)
        let site: Site
        do {
            site = try analyse(report: &report)
        } catch {
            throw BuildFailure(error.diagnostics + templateProblems)
        }
        guard let templates else { throw BuildFailure(report.diagnostics + templateProblems) }
        report.diagnostics = (report.diagnostics + templateProblems).sorted()

        let files = time("render", &report) {
            SiteRenderer(templates: templates, metadata: options.metadata).render(site)
        }
        let writer = SiteWriter(output: options.output, displayOutput: options.outputDisplay)
        var written = 0
        var failure: BuildFailure?
        time("write", &report) {
            do throws(BuildFailure) {
                written = try writer.write(files)
            } catch {
                failure = error
            }
        }
        if let failure { throw BuildFailure(report.diagnostics + failure.diagnostics) }
        report.filesWritten = written
        report.pagesWritten = files.filter { $0.path.hasSuffix(".html") }.count
        return report
    }

    private func time<T>(_ stage: String, _ report: inout BuildReport, _ work: () throws -> T) rethrows -> T {
        var result: T?
        let duration = try clock.measure { result = try work() }
        report.stages.append(.init(name: stage, duration: duration))
        logger.debug("\(stage) took \(duration.milliseconds)")
        return result!
    }
}
