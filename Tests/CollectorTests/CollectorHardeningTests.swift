import Foundation
import HTTP
import Lake
import Testing
@testable import Collector
import WireTestSupport

/// The public collector against hostile clients: idle-connection floods and requests for other hosts.
@Suite("Collector under hostile clients", .serialized)
struct CollectorHardeningTests {
    let lake: LocalLake

    init() throws {
        lake = try CollectorServer.temporaryLake()
    }

    @Test("4,200 idle connections from one address do not starve POSTs from another: 200, with every held one still open")
    func survivesIdleConnectionFlood() async throws {
        // Both ends of every connection live in this process: 4,200 here plus the server's.
        try #require(TestServer.raiseOpenFileLimit(to: 10_000), "needs an open-file limit of 10,000")
        let (statuses, heldAfter, refused) = try await CollectorServer.withServer(store: lake, server: {
            // The cap is under test here, not the header timeout: the held connections must outlive the test
            // however slowly this box opens 4,200 sockets.
            $0.headerTimeout = .seconds(300)
        }) { server in
            var idle: [RawHTTPClient] = []
            idle.reserveCapacity(4200)
            for _ in 0..<4200 {
                idle.append(try await RawHTTPClient(port: server.localPort))
            }
            let cap = CollectorApp.Configuration().maxConnectionsPerAddress
            #expect(await TestServer.eventually(within: .seconds(20)) { server.openConnections(from: "127.0.0.1") == cap })
            var statuses: [Int] = []
            for index in 0..<5 {
                let client = try await RawHTTPClient(port: server.localPort, from: "127.0.0.2")
                let response = try await client.post(#"{"eventName":"flood_survivor_\#(index)"}"#)
                statuses.append(response.status)
            }
            // The last of the 4,200 was refused at once, in the collector's JSON.
            let refused = try await idle[4199].readResponse(within: .seconds(5))
            return (statuses, server.openConnections(from: "127.0.0.1"), refused)
        }
        #expect(statuses == [200, 200, 200, 200, 200])
        #expect(heldAfter == CollectorApp.Configuration().maxConnectionsPerAddress, "no held connection had to be closed first")
        #expect(refused.status == 429)
        #expect(refused.json?["success"] as? Bool == false)
        #expect(refused.header("Access-Control-Allow-Origin") == "*")
        #expect(try await CollectorServer.storedEvents(in: lake).count == 5)
    }

    @Test("with allowed hosts set, a request naming another host gets 421 in the collector's JSON, and nothing is stored")
    func refusesOtherHostsWhenConfigured() async throws {
        let (refused, allowed) = try await CollectorServer.with(store: lake, server: {
            $0.allowedHosts = try? HostAllowList(bindAddress: "0.0.0.0", allowed: ["collect.shop.example"])
        }) { port in
            let client = try await RawHTTPClient(port: port)
            let refused = try await client.request("POST", "/clickstream", headers: [
                ("Host", "rebound.evil.example"), ("Content-Type", "application/json")], body: Array(#"{"eventName":"a"}"#.utf8))
            let allowed = try await client.request("POST", "/clickstream", headers: [
                ("Host", "collect.shop.example:443"), ("Content-Type", "application/json")], body: Array(#"{"eventName":"b"}"#.utf8))
            return (refused, allowed)
        }
        #expect(refused.status == 421)
        #expect(refused.header("Content-Type") == "application/json")
        #expect(refused.json?["success"] as? Bool == false)
        #expect(allowed.status == 200)
        #expect(try await CollectorServer.storedEvents(in: lake).compactMap { $0["eventName"] as? String } == ["b"])
    }

    @Test("without allowed hosts (the default: the collector is public) any Host is served")
    func servesAnyHostByDefault() async throws {
        let response = try await CollectorServer.with(store: lake) { port in
            try await RawHTTPClient(port: port).request("POST", "/clickstream", headers: [
                ("Host", "whatever.example"), ("Content-Type", "application/json")], body: Array(#"{"eventName":"a"}"#.utf8))
        }
        #expect(response.status == 200)
    }
}
