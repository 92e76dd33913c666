import Foundation
import Logging

/// Runs the pipeline: load → parse → detect → link → render → write.
///
/// Each stage is timed with the injected clock. Problems are collected per stage; the build
/// stops before writing if any is an error, so a broken story never half-replaces a site.
/// Given a `BuildCache` from the previous build, the stages redo only what changed.
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
        var cache = BuildCache()
        return try analyse(report: &report, cache: &cache)
    }

    func analyse(report: inout BuildReport, cache: inout BuildCache) throws(BuildFailure) -> Site {
        detector.prepare()

        // Taken apart at once: kept whole, the load would hold every file's text until the end.
        let (files, looked, loadProblems) = time("load", &report) {
            let loaded = load(&cache)
            return (loaded.files, loaded.looked, loaded.diagnostics)
        }

        let paths = files.map(\.relativePath)
        var previous = cache.stories
        defer { cache.retired.stories = previous }
        // Kept only by a build that succeeds, so that a file a failed build read is analysed again.
        let reusable = cache.analyses
        cache.analyses = []
        // Taken out, so that it is updated in place.
        var lastTally = cache.tally.take()
        var updatedTally: AnalysisTally?
        var detected: [StoryAnalysis] = []
        let corrections = EntityCorrections()
        if let looked, reusable.count == cache.storyPaths.count, cache.analysedDrafts == options.includeDrafts {
            let fresh: [Int], replaced: [StoryAnalysis]?
            (detected, fresh, replaced) = reanalyse(files, at: paths, looked: looked, lastPaths: cache.storyPaths,
                                                    lastAnalyses: consume reusable, previous: previous,
                                                    corrections: corrections, report: &report)
            // `replaced` says the paths are the last ones, which are the tally's.
            if let replaced, lastTally?.update(fresh, to: detected, replacing: replaced, loadProblems: loadProblems,
                                               options: options) == true {
                // Nothing but the stories read again changed: their entries are replaced in
                // place, where building the table again touched every story.
                updatedTally = lastTally.take()
                previous = [:]
                for index in fresh { cache.stories[paths[index]] = detected[index] }
            }
        } else {
            // Parse and detect take the stories a batch at a time, so that only one batch's
            // prose is in memory at once (detection reads it, then it goes), and, in a build
            // that runs once, only the files not yet parsed: at 30,000 stories either would be
            // some 90 MB. Detecting before the parse errors are known costs nothing when there
            // are none; a build with errors stops before linking all the same.
            detected.reserveCapacity(paths.count)
            var batches = Self.batches(of: consume files)
            for index in batches.indices {
                let batch = batches[index]
                batches[index] = []
                let analyses = time("parse", &report) { [previous] in batch.concurrentMap { parse($0, previous: previous) } }
                detected += time("detect", &report) { analyses.concurrentMap { detect($0, corrections: corrections) } }
            }
        }

        var tally: AnalysisTally
        if let updatedTally {
            tally = updatedTally
        } else {
            tally = try gather(detected, loadProblems: loadProblems)
            cache.stories = Dictionary(zip(paths, detected), uniquingKeysWith: { _, last in last })
        }
        report.drafts = tally.drafts
        cache.storyPaths = paths
        if cache.keepsFiles { (cache.analyses, cache.analysedDrafts) = (detected, options.includeDrafts) }

        let (inputs, sources) = (tally.inputs, tally.sources)
        let (site, notes) = time("link", &report) {
            // `serve` keeps the last link; a build reading the cache from disk rebuilds it.
            let stored = cache.linked == nil ? cache.storedLink : nil
            // Taken out of the cache, so that a patch changes the one site in place.
            var last = cache.linked.take() ?? stored?.linked(with: inputs, sources: sources, previous: previous)
            var linked = SiteLinker().link(inputs, after: &last)
            // A link made again replaces `last`, which is freed once the pages are told to reload.
            cache.retired.linked = last
            if !linked.patched {
                var generation = ContentHash()
                generation.combine(sources)
                linked.generation = generation.value
            }
            logger.debug("link: \(linked.patched ? "patched the last link" : "linked \(inputs.count) stories")")
            cache.linked = linked
            cache.linkSources = sources
            // A patched link decides what the one it patched did, so the bytes of that one's
            // decisions still hold.
            cache.linkDecisions = linked.patched ? stored?.encodedDecisions ?? cache.linkDecisions : nil
            cache.storedLink = nil
            return (linked.site, linked.notes)
        }
        report.diagnostics = tally.report(notes: notes)
        if cache.keepsFiles { cache.tally = tally }
        report.stories = site.stories.count
        report.characters = site.characters.count
        report.cities = site.cities.count
        return site
    }

    /// Builds and writes the site; with `options.cacheFolder`, through the cache on disk there:
    /// it is loaded first (an unusable one is ignored) and saved after a successful build. The
    /// report then has two more stages, `cache` (loading) and `save`.
    public func build() throws(BuildFailure) -> BuildReport {
        // The detector's data is read while the cache loads.
        detector.prepare()
        var cache = BuildCache()
        guard let folder = options.cacheFolder else { return try build(cache: &cache) }
        let file = CacheFile(folder: folder)
        let key = CacheFile.key(for: options, detector: detector)
        var timing = BuildReport()
        cache = time("cache", &timing) { file.load(key: key, logger: logger) }
        var report = try build(cache: &cache)
        time("save", &timing) { file.save(cache, key: key, logger: logger) }
        report.stages = [timing.stages[0]] + report.stages + [timing.stages[1]]
        Self.release(consume cache)
        return report
    }

    /// Frees `cache` on another thread. Freeing every story's analysis and the linked site
    /// took a tenth of a second at 10,000 stories, which the report need not wait for, nor
    /// a process that exits right after it (the command line's `build`).
    private static func release(_ cache: consuming BuildCache) {
        let retired = cache
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(retired) {} }
    }

    /// Builds and writes the site, reusing and then updating `cache`.
    public func build(cache: inout BuildCache) throws(BuildFailure) -> BuildReport {
        var report = BuildReport()
        // Templates are checked before anything else so that their errors are listed
        // together with the stories' errors.
        let (templates, templateProblems) = loadTemplates(reusing: &cache)
        let site: Site
        do {
            site = try analyse(report: &report, cache: &cache)
        } catch {
            throw BuildFailure(error.diagnostics + templateProblems)
        }
        guard let templates else { throw BuildFailure(report.diagnostics + templateProblems) }
        // `analyse` sorted its own; a rebuild of a large archive can carry thousands of notes.
        if !templateProblems.isEmpty { report.diagnostics = (report.diagnostics + templateProblems).sorted() }

        let writer = SiteWriter(output: options.output, displayOutput: options.outputDisplay)
        var renderer = SiteRenderer(templates: templates, metadata: options.metadata)
        renderer.sitemapLimit = options.sitemapLimit
        // Pages are only skipped when the output folder is exactly as the cache left it.
        let manifest = writer.manifestOnDisk()
        if cache.render.manifest != manifest?.hash { cache.render = RenderCache() }
        // Each page is written as soon as it is rendered: "render" times both, and "write"
        // the rest (checking and preparing the output folder, the manifest, removals).
        let rendered: SiteRenderer.Rendered
        let result: SiteWriter.Result
        do throws(BuildFailure) {
            var plan = time("render", &report) {
                renderer.plan(site, link: cache.linked?.generation ?? 0, sources: Self.storySources(cache), cache: cache.render)
            }
            report.planned = plan.plannedPages
            logger.debug("render: planned \(report.planned) of \(plan.pagePaths.count) pages")
            try time("load", &report) { () throws(BuildFailure) in
                try readMarkdown(for: &plan, renderer: renderer, cache: cache.render)
            }
            let session = try time("write", &report) { () throws(BuildFailure) in
                // A plan of a few changed stories keeps every file: the manifest is changed in place.
                if plan.isLimited, let manifest, let expected = cache.render.manifest,
                   let session = writer.beginPatch(manifest, expecting: expected) {
                    return session
                }
                return try writer.begin(paths: plan.paths, known: cache.written)
            }
            rendered = time("render", &report) { renderer.render(plan, cache: &cache.render, deliver: session.write) }
            result = try time("write", &report) { () throws(BuildFailure) in
                try session.finish(unchanged: rendered.unchanged)
            }
        } catch {
            cache.render = RenderCache()
            cache.written = nil
            throw BuildFailure(report.diagnostics + error.diagnostics)
        }
        cache.written = result
        cache.render.manifest = result.manifestHash
        report.files = result.files
        report.pages = rendered.pages
        report.rendered = rendered.renderedPages
        report.changed = result.changed
        return report
    }

    /// The sources of the analyses the site's stories came from, in reading order; empty
    /// without a link.
    private static func storySources(_ cache: BuildCache) -> [UInt64] {
        guard let linked = cache.linked, linked.storyIndexes.count == cache.linkSources.count else { return [] }
        var sources = [UInt64](repeating: 0, count: linked.storyIndexes.count)
        for (input, position) in linked.storyIndexes.enumerated() { sources[position] = cache.linkSources[input] }
        return sources
    }

    /// The story files: after `serve`'s watcher reported changes, only those (`rescan`);
    /// else every file, reusing those `stat` shows unchanged, kept in memory (`serve`) or
    /// known from the disk cache's analyses.
    private func load(_ cache: inout BuildCache) -> SourceLoader.Loaded {
        let loader = SourceLoader(seedsFolder: options.seeds, displayFolder: options.seedsDisplay)
        let loaded: SourceLoader.Loaded
        // Taken out of the cache, so that a rescan changes the one array in place.
        var files = cache.files
        cache.files = []
        if let changed = cache.watch?.changed, let listing = cache.listing,
           let (problems, listing, looked) = loader.rescan(changed: changed, listing: listing, files: &files) {
            loaded = .init(files: files, diagnostics: problems, listing: listing, looked: looked)
        } else if files.isEmpty {
            // Made on the threads that stat the files, from the analyses, as they are needed.
            loaded = loader.scan { [stories = cache.stories] in BuildCache.unreadFile($0, in: stories) }
        } else {
            loaded = loader.scan { [files] in files.sortedElement($0, by: \.relativePath) }
        }
        files = []
        cache.watch?.loaded()
        cache.listing = cache.keepsFiles ? loaded.listing : nil
        cache.files = cache.keepsFiles ? loaded.files : []
        return loaded
    }

    /// The analyses of `files` (at `paths`) after a rescan that looked only at the sorted
    /// paths `looked`: every other file is the one the last successful build analysed
    /// (`lastPaths`, sorted, and `lastAnalyses`), so its analysis is taken as it is, and
    /// only the files looked at (`fresh`, by index) are parsed and detected. At 10,000
    /// stories, checking every file against its previous analysis was a tenth of a preview
    /// save. When the paths are the last ones, as after most saves, the last analyses are
    /// updated in place, and `replaced` holds the ones the fresh analyses replaced; nil
    /// when the paths changed.
    private func reanalyse(_ files: [SourceFile], at paths: [String], looked: [String],
                           lastPaths: [String], lastAnalyses: consuming [StoryAnalysis],
                           previous: [String: StoryAnalysis], corrections: EntityCorrections,
                           report: inout BuildReport) -> (analyses: [StoryAnalysis], fresh: [Int], replaced: [StoryAnalysis]?) {
        if paths == lastPaths {
            var analyses = lastAnalyses
            let fresh = looked.compactMap { path -> Int? in
                let index = paths.sortedIndex(of: path, by: { $0 })
                return index < paths.count && paths[index] == path ? index : nil
            }
            let replaced = fresh.map { analyses[$0] }
            let analysed = parseAndDetect(fresh, of: files, previous: previous, corrections: corrections, report: &report)
            for (index, analysis) in zip(fresh, analysed) { analyses[index] = analysis }
            return (analyses, fresh, replaced)
        }
        var taken: [StoryAnalysis?] = []
        taken.reserveCapacity(files.count)
        var fresh: [Int] = []
        var lookedIndex = 0, lastIndex = 0
        for (index, path) in paths.enumerated() {
            while lookedIndex < looked.count, looked[lookedIndex] < path { lookedIndex += 1 }
            while lastIndex < lastPaths.count, lastPaths[lastIndex] < path { lastIndex += 1 }
            let wasLooked = lookedIndex < looked.count && looked[lookedIndex] == path
            if !wasLooked, lastIndex < lastPaths.count, lastPaths[lastIndex] == path {
                taken.append(lastAnalyses[lastIndex])
            } else {
                taken.append(nil)
                fresh.append(index)
            }
        }
        let analysed = parseAndDetect(fresh, of: files, previous: previous, corrections: corrections, report: &report)
        for (index, analysis) in zip(fresh, analysed) { taken[index] = analysis }
        return (taken.map { $0! }, fresh, nil)
    }

    /// The files at the indexes `fresh` of `files`, parsed and detected.
    private func parseAndDetect(_ fresh: [Int], of files: [SourceFile], previous: [String: StoryAnalysis],
                         corrections: EntityCorrections, report: inout BuildReport) -> [StoryAnalysis] {
        let parsed = time("parse", &report) { fresh.concurrentMap { parse(files[$0], previous: previous) } }
        return time("detect", &report) { parsed.concurrentMap { detect($0, corrections: corrections) } }
    }

    /// What the link takes from `analyses` (of every story), unless a story did not parse or
    /// none is published.
    private func gather(_ analyses: [StoryAnalysis], loadProblems: [Diagnostic]) throws(BuildFailure) -> AnalysisTally {
        // The problems are listed only to fail with them: the tally lists them itself.
        func problems() -> [Diagnostic] { loadProblems + analyses.flatMap(\.parseProblems) }
        guard !loadProblems.hasErrors, !analyses.contains(where: { $0.parseProblems.hasErrors }) else {
            throw BuildFailure(problems())
        }
        let tally = AnalysisTally(analyses: analyses, loadProblems: loadProblems, options: options)
        guard !tally.inputs.isEmpty else {
            throw BuildFailure(problems() + [
                .error(options.seedsDisplay, "every story is a draft, so there is nothing to publish",
                       fix: "build with --drafts, or set `draft: false` in a story"),
            ])
        }
        return tally
    }

    /// Stories per batch of the parse and detect stages: enough to keep every core busy.
    static let batchSize = 512

    static func batches<T>(of items: consuming [T]) -> [[T]] {
        stride(from: 0, to: items.count, by: batchSize).map { Array(items[$0..<min($0 + batchSize, items.count)]) }
    }

    /// A story's parse, reused from `previous` while its file is unchanged.
    private func parse(_ file: SourceFile, previous: [String: StoryAnalysis]) -> StoryAnalysis {
        var source = ContentHash()
        source.combine(file.displayPath)
        source.combine(file.textHash)
        let stored = file.stamp.map { StoredFile(textHash: file.textHash, stamp: $0) }
        if var cached = previous[file.relativePath], cached.source == source.value {
            // A file left unread (`BuildCache.unreadFile`) has nothing to restore: its
            // Markdown is read if its page is rendered (`readMarkdown`).
            guard file.isRead else { return cached }
            if cached.needsText, let story = cached.parsed {
                cached.parsed = StoryParser().restoreText(of: story, from: file, prose: cached.detection == nil)
                cached.needsText = false
            }
            cached.file = stored
            return cached
        }
        let (story, problems) = StoryParser().parse(file)
        var analysis = StoryAnalysis(source: source.value, parsed: story, parseProblems: problems, detection: nil)
        analysis.file = stored
        return analysis
    }

    /// Reads the Markdown of the stories whose files the load stage left unread and whose
    /// pages are rendered again (a neighbour's new title, a character's new slug, a changed
    /// template). A file that no longer holds the text the build used fails the build, which
    /// has written nothing yet: it was saved while the site was being built.
    private func readMarkdown(for plan: inout SiteRenderer.Plan, renderer: SiteRenderer, cache: RenderCache) throws(BuildFailure) {
        guard plan.site.stories.contains(where: { !$0.markdownIsRead }) else { return }
        let unread = renderer.storiesToRender(plan, cache: cache).filter { !plan.site.stories[$0].markdownIsRead }
        guard !unread.isEmpty else { return }
        let loader = SourceLoader(seedsFolder: options.seeds, displayFolder: options.seedsDisplay)
        let stories = plan.site.stories
        let results = unread.concurrentMap { index -> Result<String, Diagnostic> in
            loader.readFile(stories[index].relativePath).flatMap { file in
                let markdown = StoryParser.markdown(of: file)
                guard ContentHash.of(markdown) == stories[index].markdownHash else {
                    return .failure(.error(file.displayPath, "this story changed while the site was being built",
                                           fix: "build again"))
                }
                return .success(markdown)
            }
        }
        var problems: [Diagnostic] = []
        for (index, result) in zip(unread, results) {
            switch result {
            case .success(let markdown): plan.site.stories[index].markdown = markdown
            case .failure(let problem): problems.append(problem)
            }
        }
        if !problems.isEmpty { throw BuildFailure(problems) }
    }

    /// A published story's detection (unless the analysis has it), and what linking takes from it.
    private func detect(_ analysis: StoryAnalysis, corrections: EntityCorrections) -> StoryAnalysis {
        // The story is taken out once: each reading of `parsed` is a copy of it.
        guard analysis.input == nil, analysis.isPublished(with: options), var story = analysis.parsed else { return analysis }
        var analysis = analysis
        if analysis.detection == nil {
            let found = detector.detect(in: story.prose)
            analysis.detection = corrections.apply(story.frontMatter, to: found, prose: story.prose, file: story.displayPath)
        }
        // Only detection reads the prose, and what later stages show of it is kept in
        // `opening` and `leadWords`. A story from the disk cache has none, and setting
        // `parsed` copies the shared analysis and compares what it stores: a quarter of the
        // detect stage of a one-story rebuild at 10,000 stories, spent on unchanged stories.
        if !story.prose.isEmpty {
            story.prose = ""
            analysis.parsed = story
        }
        // A story from the disk cache comes with its detection but not this.
        if let detection = analysis.detection {
            analysis.input = SiteLinker.Input(story: story, entities: detection.entities)
        }
        return analysis
    }

    /// The templates, from the cache while their files are unchanged: `serve` would otherwise
    /// read and parse them again after every save to a story.
    private func loadTemplates(reusing cache: inout BuildCache) -> (TemplateSet?, [Diagnostic]) {
        let folder = options.templates.standardizedFileURL
        if let cached = cache.templates, cached.folder == folder, cached.set.isCurrent(in: folder) {
            return (cached.set, cached.problems)
        }
        let (set, problems) = TemplateSet.load(from: folder, displayFolder: options.templatesDisplay)
        cache.templates = set.map { (folder, $0, problems) }
        return (set, problems)
    }

    /// Runs `work` and adds its duration to the stage's (a stage may be timed in parts).
    private func time<T, E: Error>(_ stage: String, _ report: inout BuildReport, _ work: () throws(E) -> T) throws(E) -> T {
        var result: Result<T, E>?
        let duration = clock.measure {
            result = Result { () throws(E) in try work() }
        }
        if let index = report.stages.firstIndex(where: { $0.name == stage }) {
            report.stages[index].duration += duration
            logger.debug("\(stage) took \(duration.milliseconds) more, \(report.stages[index].duration.milliseconds) in all")
        } else {
            report.stages.append(.init(name: stage, duration: duration))
            logger.debug("\(stage) took \(duration.milliseconds)")
        }
        return try result!.get()
    }
}
