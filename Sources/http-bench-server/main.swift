// A minimal server for scripts/bench-http.sh: GET /small.json (about 100 bytes of JSON) and GET /page.html
// (40 KB of HTML), both from memory, on 127.0.0.1:<argv[1]>; SIGINT/SIGTERM drain and stop it.
// `http-bench-server --write-payloads DIR` writes the same bytes to DIR (for nginx) and exits.
// BENCH_ACCESS_LOG=1 turns the access log (info level, to stderr) on; it is off by default.
import Dispatch
import Foundation
import HTTP
import Logging

let smallJSON = Array(#"{"status":"ok","service":"clickstream","events":1234567,"clients":8910,"version":"2024.1"}"#.utf8)
let pageHTML: [UInt8] = {
    var html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>bench</title></head><body>\n"
    var row = 0
    while html.utf8.count < 40 * 1024 - 200 {
        html += "<tr><td>event \(row)</td><td>page_view</td><td class=\"num\">\(row * 37 % 1000)</td></tr>\n"
        row += 1
    }
    html += "</body></html>\n"
    html += String(repeating: " ", count: max(0, 40 * 1024 - html.utf8.count - 1)) + "\n"
    return Array(html.utf8)
}()

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--write-payloads", arguments.count == 2 {
    let directory = URL(fileURLWithPath: arguments[1])
    try Data(smallJSON).write(to: directory.appendingPathComponent("small.json"))
    try Data(pageHTML).write(to: directory.appendingPathComponent("page.html"))
    exit(0)
}
guard let port = arguments.first.flatMap(Int.init) else {
    FileHandle.standardError.write(Data("usage: http-bench-server PORT | --write-payloads DIR\n".utf8))
    exit(2)
}

let accessLog = ProcessInfo.processInfo.environment["BENCH_ACCESS_LOG"] == "1"
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = accessLog ? .info : .warning
    return handler
}
let logger = Logger(label: "http-bench-server")

var router = HTTPRouter()
router.get("/small.json") { _ in .json(smallJSON) }
router.get("/page.html") { _ in HTTPResponse(headers: ["Content-Type": "text/html; charset=utf-8"], body: pageHTML) }

var configuration = HTTPServer.Configuration()
configuration.port = port
configuration.shutdownGracePeriod = .seconds(5)
let server: HTTPServer
do {
    server = try HTTPServer.bind(configuration: configuration, router: router, logger: logger)
} catch {
    FileHandle.standardError.write(Data("http-bench-server: \(error)\n".utf8))
    exit(1)
}
let serving = Task { try await server.run() }

/// Cancels `task` (which drains the server) on SIGINT or SIGTERM. Nonisolated on purpose: the handlers run on
/// a Dispatch queue, not on the main actor that top-level code belongs to.
nonisolated func cancelOnSignals(_ task: Task<Void, any Error>) -> [any DispatchSourceSignal] {
    [SIGINT, SIGTERM].map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { task.cancel() }
        source.resume()
        return source
    }
}

let signalSources = cancelOnSignals(serving)
do {
    try await serving.value
} catch {
    FileHandle.standardError.write(Data("http-bench-server: \(error)\n".utf8))
    exit(1)
}
withExtendedLifetime(signalSources) {}
