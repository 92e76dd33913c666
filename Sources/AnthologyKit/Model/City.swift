/// A real city, as the gazetteer knows it.
public struct City: Sendable, Hashable, Codable {
    /// GeoNames id, or the name itself for a city given only in front matter.
    public var id: String
    public var name: String
    /// ISO 3166 code ("JP"); empty when unknown.
    public var countryCode: String
    public var countryName: String
    /// GeoNames first-level region code ("ME" for Maine, "SCT" for Scotland); empty when unknown.
    public var admin1: String
    public var population: Int
    public var latitude: Double?
    public var longitude: Double?

    public init(id: String, name: String, countryCode: String = "", countryName: String = "", admin1: String = "",
                population: Int = 0, latitude: Double? = nil, longitude: Double? = nil) {
        self.admin1 = admin1
        self.id = id
        self.name = name
        self.countryCode = countryCode
        self.countryName = countryName
        self.population = population
        self.latitude = latitude
        self.longitude = longitude
    }
}
