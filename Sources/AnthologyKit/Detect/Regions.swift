/// Names of first-level regions that stories use to say which of several same-named cities
/// they mean ("Portland, Maine", "Perth in Scotland", "London, Ontario"), with their GeoNames
/// country and admin1 codes. Countries themselves come from the gazetteer.
enum Regions {
    static let byName: [String: (country: String, admin1: String)] = {
        var table: [String: (String, String)] = [:]
        let us = [
            "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA", "Colorado": "CO",
            "Connecticut": "CT", "Delaware": "DE", "Florida": "FL", "Georgia": "GA", "Hawaii": "HI", "Idaho": "ID",
            "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS", "Kentucky": "KY", "Louisiana": "LA",
            "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA", "Michigan": "MI", "Minnesota": "MN",
            "Mississippi": "MS", "Missouri": "MO", "Montana": "MT", "Nebraska": "NE", "Nevada": "NV",
            "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM", "New York State": "NY",
            "North Carolina": "NC", "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR",
            "Pennsylvania": "PA", "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD",
            "Tennessee": "TN", "Texas": "TX", "Utah": "UT", "Vermont": "VT", "Virginia": "VA", "Washington State": "WA",
            "West Virginia": "WV", "Wisconsin": "WI", "Wyoming": "WY",
        ]
        for (name, code) in us { table[name] = ("US", code) }
        for (name, code) in ["England": "ENG", "Scotland": "SCT", "Wales": "WLS", "Northern Ireland": "NIR"] {
            table[name] = ("GB", code)
        }
        let canada = [
            "Alberta": "01", "British Columbia": "02", "Manitoba": "03", "New Brunswick": "04",
            "Newfoundland": "05", "Nova Scotia": "07", "Ontario": "08", "Prince Edward Island": "09", "Quebec": "10",
            "Québec": "10", "Saskatchewan": "11", "Yukon": "12",
        ]
        for (name, code) in canada { table[name] = ("CA", code) }
        let australia = [
            "New South Wales": "02", "Queensland": "04", "South Australia": "05", "Tasmania": "06",
            "Western Australia": "08",
        ]
        for (name, code) in australia { table[name] = ("AU", code) }
        return table
    }()

    /// A first-level region's GeoNames codes.
    struct Code: Hashable {
        var country: String
        var admin1: String
    }

    /// The names of each region by its codes, so that finding the regions a city lies in is one
    /// lookup rather than a pass over the table for every candidate city.
    static let namesByCode: [Code: [String]] = Dictionary(
        grouping: byName.map { (name: $0.key, code: Code(country: $0.value.country, admin1: $0.value.admin1)) },
        by: \.code
    ).mapValues { $0.map(\.name).sorted() }

    /// The names of the region with these codes ("Quebec" and "Québec" for CA 10), if Anthology knows it.
    static func names(country: String, admin1: String) -> [String] {
        namesByCode[Code(country: country, admin1: admin1)] ?? []
    }
}
