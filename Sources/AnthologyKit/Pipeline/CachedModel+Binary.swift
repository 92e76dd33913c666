/// The binary form (`BinaryCoding.swift`) of the model values a story's cached analysis
/// holds (`BuildCache+Binary.swift`): each writes its fields in declaration order.

extension FrontMatter: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(title)
        writer.write(date)
        writer.write(author)
        writer.write(summary)
        writer.write(characters)
        writer.write(cities)
        writer.write(not)
        writer.write(draft)
        writer.write(order)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self.init()
        title = try reader.read()
        date = try reader.read()
        author = try reader.read()
        summary = try reader.read()
        characters = try reader.read()
        cities = try reader.read()
        not = try reader.read()
        draft = try reader.read()
        order = try reader.read()
    }
}

extension FrontMatter.CharacterEntry: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(name)
        writer.write(aliases)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self.init(name: try reader.read(), aliases: try reader.read())
    }
}

extension StoryDate: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(year)
        writer.write(month)
        writer.write(day)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        guard let date = StoryDate(year: try reader.read(), month: try reader.read(), day: try reader.read()) else {
            throw BinaryReader.Malformed()
        }
        self = date
    }
}

extension Diagnostic: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(severity.rawValue)
        writer.write(file)
        writer.write(line)
        writer.write(column)
        writer.write(message)
        writer.write(fix)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        guard let severity = Severity(rawValue: try reader.read()) else { throw BinaryReader.Malformed() }
        self.init(severity, file: try reader.read(), line: try reader.read(), column: try reader.read(),
                  try reader.read(), fix: try reader.read())
    }
}

extension StoryEntities: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(characters)
        writer.write(cities)
        writer.write(places)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self.init(characters: try reader.read(), cities: try reader.read(), places: try reader.read())
    }
}

extension StoryEntities.Character: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(name)
        writer.write(aliases)
        writer.write(mentions)
        writer.write(firstOffset)
        writer.write(sentence)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self.init(name: try reader.read(), aliases: try reader.read(), mentions: try reader.read(),
                  firstOffset: try reader.read(), sentence: try reader.read())
    }
}

extension StoryEntities.CityMention: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(city)
        writer.write(forms)
        writer.write(mentions)
        writer.write(firstOffset)
        writer.write(sentence)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self.init(city: try reader.read(), forms: try reader.read(), mentions: try reader.read(),
                  firstOffset: try reader.read(), sentence: try reader.read())
    }
}

extension StoryEntities.Place: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(name)
        writer.write(cityID)
        writer.write(mentions)
        writer.write(sentence)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self.init(name: try reader.read(), cityID: try reader.read(), mentions: try reader.read(), sentence: try reader.read())
    }
}

extension City: BinaryCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(name)
        writer.write(countryCode)
        writer.write(countryName)
        writer.write(admin1)
        writer.write(population)
        writer.write(latitude)
        writer.write(longitude)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self.init(id: try reader.read(), name: try reader.read(), countryCode: try reader.read(),
                  countryName: try reader.read(), admin1: try reader.read(), population: try reader.read(),
                  latitude: try reader.read(), longitude: try reader.read())
    }
}
