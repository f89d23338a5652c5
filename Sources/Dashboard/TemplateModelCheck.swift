#if DEBUG
import Mustache

/// Debug builds only: finds the stored properties of a view model tree that its `child(named:)`
/// does not answer with their own value, and the model structs that do not answer by name at all
/// (`TemplateFields.swift`).
enum TemplateModelCheck {
    /// "Type.field" for each stored property templates could not read; empty when the model is whole.
    static func unreachableFields(in model: Any) -> [String] {
        var missing: [String] = []
        visit(model, into: &missing)
        return missing
    }

    private static func visit(_ value: Any, into missing: inout [String]) {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .collection {
            for child in mirror.children { visit(child.value, into: &missing) }
            return
        }
        guard mirror.displayStyle == .struct, !(value is any CustomStringConvertible) else { return }
        guard let parent = value as? any MustacheParent else {
            missing.append("\(type(of: value)) (not a MustacheParent)")
            return
        }
        for child in mirror.children {
            guard let label = child.label else { continue }
            // Same text, not merely some value: a switch case can name the wrong property.
            guard let answer = parent.child(named: label), "\(answer)" == "\(child.value)" else {
                missing.append("\(type(of: value)).\(label)")
                continue
            }
            visit(child.value, into: &missing)
        }
    }
}
#endif
