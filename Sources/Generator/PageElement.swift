/// The `element{…}` block: the DOM element an event came from.
struct PageElement: Sendable, Equatable {
    /// nil for events the frontend fires without an element (checkout_complete sends only `dataset`).
    var tag: String?
    var id: String = ""
    var role: String?
    var text: String = ""
    /// `data-*` attributes in document order (the frontend sends them as strings).
    var dataset: [Attribute] = []

    /// One `data-*` attribute.
    struct Attribute: Sendable, Equatable {
        var name: String
        var value: String
    }

    static func link(_ text: String, id: String = "", dataset: [Attribute] = []) -> PageElement {
        PageElement(tag: "a", id: id, role: nil, text: text, dataset: dataset)
    }

    static func button(_ text: String, id: String, dataset: [Attribute] = []) -> PageElement {
        PageElement(tag: "button", id: id, role: "button", text: text, dataset: dataset)
    }
}
