/// Decoded objects gathered for one transaction, up to an object or event limit.
struct BatchBuilder {
    let objectLimit: Int
    let eventLimit: Int
    private(set) var objects: [DecodedObject] = []
    private(set) var events = 0

    init(objectLimit: Int, eventLimit: Int) {
        self.objectLimit = max(1, objectLimit)
        self.eventLimit = max(1, eventLimit)
    }

    var isEmpty: Bool { objects.isEmpty }
    var isFull: Bool { objects.count >= objectLimit || events >= eventLimit }

    mutating func append(_ object: DecodedObject) {
        objects.append(object)
        events += object.events.count
    }

    mutating func take() -> [DecodedObject] {
        defer {
            objects = []
            events = 0
        }
        return objects
    }
}
