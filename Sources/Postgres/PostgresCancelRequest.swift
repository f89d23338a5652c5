import CLibPQ

/// A request to cancel whatever statement one connection is running, sendable from any thread.
///
/// Made before the statement starts (libpq's `PQgetCancel` copies the server's address, the backend's pid and
/// its key) and sent when the caller gives up; it stays valid after the connection closes.
public final class PostgresCancelRequest: @unchecked Sendable {
    // @unchecked: the PGcancel is never changed after PQgetCancel, and libpq documents PQcancel as safe to
    // call from any thread (it opens a short connection of its own to the server).
    private let handle: OpaquePointer

    init?(connection: OpaquePointer) {
        guard let handle = PQgetCancel(connection) else { return nil }
        self.handle = handle
    }

    deinit { PQfreeCancel(handle) }

    /// Asks the server to cancel the running statement; true when the server took the request (a
    /// statement that ended meanwhile is not affected, and the server says nothing either way).
    @discardableResult
    public func send() -> Bool {
        var message = [CChar](repeating: 0, count: 256)
        return PQcancel(handle, &message, Int32(message.count)) == 1
    }
}

extension PostgresConnection {
    /// A request that cancels the statement this connection is running when it is sent.
    public func cancelRequest() -> PostgresCancelRequest? {
        PostgresCancelRequest(connection: handle)
    }
}
