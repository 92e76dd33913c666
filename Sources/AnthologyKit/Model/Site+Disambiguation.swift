extension Site {
    /// What tells a character from the others of the same name: the title of the story they
    /// first appear in; nil when no other character has the name.
    ///
    /// A bare first name is only merged across stories when front matter says so, so an
    /// archive can hold dozens of characters called "Anna", one per story. Without this the
    /// character index would show dozens of identical rows, and their pages the same title.
    /// Characters are sorted by name, so those of one name are neighbours.
    func disambiguation(ofCharacter index: Int) -> String? {
        let name = characters[index].name
        let shared = (index > characters.startIndex && characters[index - 1].name == name)
            || (index + 1 < characters.endIndex && characters[index + 1].name == name)
        guard shared, let first = characters[index].appearances.first else { return nil }
        return stories[first.story].title
    }
}
