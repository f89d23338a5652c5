import HTTP
import Testing
import WireTestSupport

/// The DNS-rebinding defence: a request is answered only when it names a host the server is for.
@Suite("HostAllowList")
struct HostAllowListTests {
    private func allows(_ host: String?, in list: HostAllowList, target: String = "/hello",
                        version: HTTPVersion = .http1_1) -> Bool {
        list.allows(HTTPRequest(target: target, version: version, headers: host.map { ["Host": $0] } ?? [:]))
    }

    @Test("localhost, loopback addresses and the bind address are allowed, on any port")
    func allowsLocalNames() throws {
        let list = try HostAllowList(bindAddress: "10.1.2.3")
        for host in ["localhost", "LOCALHOST:3838", "localhost.", "127.0.0.1", "127.9.9.9:80", "[::1]", "[::1]:3838",
                     "[0:0:0:0:0:0:0:1]", "10.1.2.3", "10.1.2.3:8080"] {
            #expect(allows(host, in: list), "\(host)")
        }
    }

    @Test("any other name or address is refused, including look-alikes")
    func refusesOtherHosts() throws {
        let list = try HostAllowList(bindAddress: "127.0.0.1")
        for host in ["evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "evil.localhost", "[::2]",
                     "10.1.2.4", "user@localhost", "localhost:80x", "[::1", "::1", "", "0.0.0.0"] {
            #expect(!allows(host, in: list), "\(host)")
        }
    }

    @Test("configured names and addresses are allowed on any port; * allows every host")
    func allowsConfiguredHosts() throws {
        let list = try HostAllowList(bindAddress: "0.0.0.0", allowed: ["Dashboard.Example.com", "10.0.0.5:3838", "fd00::5", " "])
        #expect(allows("dashboard.example.com:443", in: list))
        #expect(allows("10.0.0.5", in: list))
        #expect(allows("[fd00::5]:3838", in: list))
        #expect(!allows("other.example.com", in: list))
        #expect(!allows("0.0.0.0", in: list), "a wildcard bind address is no host name")
        #expect(allows("anything.example", in: try HostAllowList(bindAddress: nil, allowed: ["*"])))
    }

    @Test("an entry that is not a host is refused at configuration time, naming it")
    func refusesInvalidEntries() {
        for entry in ["http://dashboard.example.com", "a b", "host/path", "x:y"] {
            #expect(throws: HostAllowList.InvalidEntry.self) { try HostAllowList(bindAddress: nil, allowed: [entry]) }
        }
    }

    @Test("an absolute-form target is judged by its authority; HTTP/1.0 without Host is allowed")
    func judgesTheHostTheRequestNames() throws {
        let list = try HostAllowList(bindAddress: "127.0.0.1")
        #expect(!allows("localhost", in: list, target: "http://evil.example/hello"))
        #expect(allows("evil.example", in: list, target: "http://localhost:3838/hello"))
        #expect(allows(nil, in: list, version: .http1_0))
    }

    @Test("over the wire: another host gets 421 through the error renderer; allowed hosts and HTTP/1.0 without Host are served")
    func answersMisdirectedRequests() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: {
            $0.allowedHosts = try? HostAllowList(bindAddress: "127.0.0.1", refusalHint: "Add it to HOSTS.")
            $0.errorResponse = { error, _ in .json(Array("{\"message\":\"\(error.publicMessage)\"}".utf8)) }
        }) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: rebound.evil.example:\(port)\r\n\r\n")
            let refused = try await client.readResponse()
            #expect(refused.status == 421)
            #expect(refused.header("Content-Type") == "application/json")
            #expect(refused.text == #"{"message":"This server does not answer for the host this request names. Add it to HOSTS."}"#)
            try await client.send("GET /hello HTTP/1.1\r\nHost: localhost:\(port)\r\n\r\n")
            #expect(try await client.readResponse().status == 200, "the connection stays usable")
            try await client.send("GET /hello HTTP/1.0\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
        }
    }

    @Test("without an allow-list every host is answered")
    func answersAnyHostByDefault() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: anything.example\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
        }
    }
}
