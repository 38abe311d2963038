/// Identifier, classes and key–value pairs carried by most nodes, in the
/// manner of pandoc's `Attr`. Special blocks (signature, epigraph…) are a
/// `div` or `span` with a class, not new node kinds.
public struct Attributes: Hashable, Sendable, Codable {
    public var id: String?
    public var classes: [String]
    /// Ordered so that every writer emits them in a stable order.
    public var pairs: [KeyValue]

    public init(id: String? = nil, classes: [String] = [], pairs: [KeyValue] = []) {
        self.id = id
        self.classes = classes
        self.pairs = pairs
    }

    public static let empty = Attributes()

    public var isEmpty: Bool { id == nil && classes.isEmpty && pairs.isEmpty }

    public func hasClass(_ name: String) -> Bool { classes.contains(name) }

    public subscript(key: String) -> String? {
        get { pairs.first { $0.key == key }?.value }
        set {
            pairs.removeAll { $0.key == key }
            if let newValue { pairs.append(KeyValue(key, newValue)) }
        }
    }
}

public struct KeyValue: Hashable, Sendable, Codable {
    public var key: String
    public var value: String
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}
