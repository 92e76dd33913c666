extension Site {
    /// For each character, what tells them from the others of the same name: the title of
    /// the story they first appear in; nil when no other character has the name.
    ///
    /// A bare first name is only merged across stories when front matter says so, so an
    /// archive can hold dozens of characters called "Anna", one per story. Without this the
    /// character index would show dozens of identical rows, and their pages the same title.
    /// Characters are sorted by name, so those of one name are neighbours. Worked out once
    /// per render, as fingerprints need it for every character on every preview save.
    var characterDisambiguations: [String?] {
        // Through buffer pointers, which lend each character and story in place: reading an
        // element of the arrays copied it whole, retaining every field.
        characters.withUnsafeBufferPointer { characters in
            stories.withUnsafeBufferPointer { stories in
                characters.indices.map { index in
                    let name = characters[index].name
                    let shared = (index > 0 && characters[index - 1].name == name)
                        || (index + 1 < characters.count && characters[index + 1].name == name)
                    guard shared, let first = characters[index].appearances.first else { return nil }
                    return stories[first.story].title
                }
            }
        }
    }
}
