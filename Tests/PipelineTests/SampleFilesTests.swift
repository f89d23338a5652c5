import Foundation
import Testing

@Suite("Embedded samples")
struct SampleFilesTests {
    /// shared/samples beside the repo, when this checkout has it (CI does; a lone clone may not).
    static let sharedSamples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/samples")

    @Test("the embedded copies are byte for byte the shared samples",
          .enabled(if: FileManager.default.fileExists(atPath: sharedSamples.path)))
    func embeddedSamplesMatchShared() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.sharedSamples.path)
        var sharedPaths: [String] = []
        for folder in folders {
            for file in try FileManager.default.contentsOfDirectory(atPath: Self.sharedSamples.appendingPathComponent(folder).path) {
                sharedPaths.append("\(folder)/\(file)")
            }
        }
        #expect(Set(sharedPaths) == Set(SampleFiles.all.keys))
        for path in sharedPaths {
            let shared = Array(try Data(contentsOf: Self.sharedSamples.appendingPathComponent(path)))
            #expect(SampleFiles.all[path] == shared, "\(path)")
        }
    }
}
