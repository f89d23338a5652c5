/// The client's address: the peer, or the nearest untrusted address in `X-Forwarded-For` when the
/// peer is a trusted proxy (a load balancer). Never trusts the header from anyone else.
struct ClientAddress: Sendable {
    let trustedProxies: Set<String>

    func resolve(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, trustedProxies.contains(peer) else { return peer }
        // Walk from the nearest hop back; the first address that is not one of our proxies is the client.
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !hop.isEmpty && !trustedProxies.contains(hop) {
            return hop
        }
        return peer
    }
}
