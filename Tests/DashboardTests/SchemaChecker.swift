import Foundation

/// A small OpenAPI 3.0 schema checker for the tests: `$ref`, `allOf`, `nullable`, `type` (object,
/// array, string, integer, number, boolean), `required`, `properties`, `additionalProperties: false`,
/// `items`, `enum`, `minimum`/`maximum` and the `date-time` and `uuid` string formats. It returns
/// every mismatch with its JSON path, so a failing test says exactly which key is wrong.
struct SchemaChecker {
    let schemas: [String: Any]

    init(document: [String: Any]) {
        schemas = ((document["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
    }

    func check(_ value: Any, against schemaName: String) -> [String] {
        guard let schema = schemas[schemaName] else { return ["no schema named \(schemaName)"] }
        var problems: [String] = []
        check(value, schema, path: "$", problems: &problems)
        return problems
    }

    private func resolve(_ schema: Any) -> [String: Any] {
        guard var object = schema as? [String: Any] else { return [:] }
        if let reference = object["$ref"] as? String {
            let name = String(reference.split(separator: "/").last ?? "")
            return resolve(schemas[name] ?? [:])
        }
        if let all = object["allOf"] as? [Any] {
            for part in all { object.merge(resolve(part)) { current, _ in current } }
            object["allOf"] = nil
        }
        return object
    }

    private func check(_ value: Any, _ rawSchema: Any, path: String, problems: inout [String]) {
        let raw = rawSchema as? [String: Any] ?? [:]
        let schema = resolve(rawSchema)
        if value is NSNull {
            if raw["nullable"] as? Bool != true && schema["nullable"] as? Bool != true {
                problems.append("\(path): null but the schema is not nullable")
            }
            return
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return problems.append("\(path): expected an object") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                problems.append("\(path).\(name): required but missing")
            }
            for (name, member) in object {
                if let property = properties[name] {
                    check(member, property, path: "\(path).\(name)", problems: &problems)
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(path).\(name): not in the schema")
                }
            }
        case "array":
            guard let array = value as? [Any] else { return problems.append("\(path): expected an array") }
            for (index, item) in array.enumerated() {
                check(item, schema["items"] ?? [:], path: "\(path)[\(index)]", problems: &problems)
            }
        case "string":
            guard let string = value as? String else { return problems.append("\(path): expected a string") }
            if let allowed = schema["enum"] as? [String], !allowed.contains(string) {
                problems.append("\(path): \(string) is not one of \(allowed)")
            }
            if schema["format"] as? String == "date-time", !Self.isDateTime(string) {
                problems.append("\(path): \(string) is not an RFC 3339 date-time")
            }
            if schema["format"] as? String == "uuid", UUID(uuidString: string) == nil {
                problems.append("\(path): \(string) is not a UUID")
            }
        case "integer":
            guard let number = Self.number(value), number == number.rounded() else {
                return problems.append("\(path): expected an integer, got \(value)")
            }
            checkBounds(number, schema, path: path, problems: &problems)
        case "number":
            guard let number = Self.number(value) else { return problems.append("\(path): expected a number, got \(value)") }
            checkBounds(number, schema, path: path, problems: &problems)
        case "boolean":
            if !Self.isBool(value) { problems.append("\(path): expected a boolean") }
        default:
            break
        }
    }

    private func checkBounds(_ number: Double, _ schema: [String: Any], path: String, problems: inout [String]) {
        if let minimum = schema["minimum"] as? Double, number < minimum { problems.append("\(path): \(number) < \(minimum)") }
        if let maximum = schema["maximum"] as? Double, number > maximum { problems.append("\(path): \(number) > \(maximum)") }
    }

    /// JSONSerialization gives NSNumber for numbers and booleans alike: tell them apart.
    static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    static func number(_ value: Any) -> Double? {
        guard let number = value as? NSNumber, !isBool(value) else { return nil }
        return number.doubleValue
    }

    static func isDateTime(_ text: String) -> Bool {
        text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression) != nil
    }
}
