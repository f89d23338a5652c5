import HTTP
import Testing
import WireTestSupport

@Suite("HTTPServer bind")
struct HTTPServerBindTests {
    @Test("binds ::1 on port 0, reports the kernel's port and serves over IPv6")
    func servesOverIPv6() async throws {
        var configuration = HTTPServer.Configuration()
        configuration.host = "::1"
        configuration.port = 0
        let server = try HTTPServer.bind(configuration: configuration, router: TestServer.makeRouter(), logger: TestServer.quietLogger)
        #expect(server.localPort > 0)
        let running = Task { try await server.run() }
        let client = try await RawHTTPClient(host: "::1", port: server.localPort)
        try await client.send("GET /hello HTTP/1.1\r\nHost: [::1]\r\n\r\n")
        #expect(try await client.readResponse().text == "hello world")
        running.cancel()
        try await running.value
    }

    @Test("binding a port that is already in use fails at bind time")
    func failsOnPortClash() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            var configuration = HTTPServer.Configuration()
            configuration.port = port
            #expect(throws: (any Error).self) {
                try HTTPServer.bind(configuration: configuration, router: HTTPRouter(), logger: TestServer.quietLogger)
            }
        }
    }
}
