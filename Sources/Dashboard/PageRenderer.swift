import Foundation
import Mustache

/// The Mustache templates from `Templates/`, loaded once at start-up and rendered with HTML escaping.
struct PageRenderer: Sendable {
    /// Templates the dashboard cannot work without; a missing one stops start-up.
    static let requiredTemplates = ["dashboard", "error"]

    private let library: MustacheLibrary

    /// Loads every `*.mustache` in `directory` (synchronously: this runs once, before serving).
    init(directory: URL) throws(DashboardSetupError) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingDirectory(kind: "templates", path: directory.path)
        }
        let names: [String]
        do {
            names = try fileManager.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
        } catch {
            throw .unreadable(path: directory.path, reason: String(describing: error))
        }
        var templates: [String: MustacheTemplate] = [:]
        for name in names.sorted() {
            let url = directory.appendingPathComponent(name)
            do {
                let text = try String(contentsOf: url, encoding: .utf8)
                templates[String(name.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
            } catch {
                throw .badTemplate(path: url.path, reason: String(describing: error))
            }
        }
        for required in Self.requiredTemplates where templates[required] == nil {
            throw .missingTemplate(name: required + ".mustache", directory: directory.path)
        }
        library = MustacheLibrary(templates: templates)
    }

    /// Renders `template` with `model`; templates are checked at start-up, so a nil here is a bug.
    func render(_ template: String, _ model: some Sendable) throws(DashboardRenderError) -> String {
        #if DEBUG
        let unreachable = TemplateModelCheck.unreachableFields(in: model)
        guard unreachable.isEmpty else {
            throw DashboardRenderError(template: template, detail: "fields templates cannot read: \(unreachable.joined(separator: ", "))")
        }
        #endif
        guard let html = library.render(model, withTemplate: template) else {
            throw DashboardRenderError(template: template)
        }
        return html
    }
}
