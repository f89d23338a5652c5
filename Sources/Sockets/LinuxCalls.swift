import CSockets

/// epoll(7) and accept4(2) through the CSockets shim, since the toolchain's Glibc module exports neither.
enum LinuxCalls {
    static let epollIn = csockets_epollin
    static let epollOut = csockets_epollout
    static let epollErr = csockets_epollerr
    static let epollHup = csockets_epollhup
    static let epollRDHup = csockets_epollrdhup
    static let epollEdgeTriggered = csockets_epollet

    /// One ready descriptor reported by `wait`.
    typealias Event = csockets_event

    /// A close-on-exec epoll instance, or -1 with errno set.
    static func createEpoll() -> Int32 {
        csockets_epoll_create()
    }

    /// Adds `fd` to `epoll` for `events`; -1 with errno set on failure.
    static func add(_ fd: Int32, to epoll: Int32, events: UInt32) -> Int32 {
        csockets_epoll_add(epoll, fd, events)
    }

    /// Removes `fd` from `epoll`.
    static func remove(_ fd: Int32, from epoll: Int32) -> Int32 {
        csockets_epoll_remove(epoll, fd)
    }

    /// Waits up to `timeoutMilliseconds` and fills `events`; the count of ready descriptors, or -1 (errno).
    static func wait(_ epoll: Int32, into events: UnsafeMutableBufferPointer<Event>, timeoutMilliseconds: Int32) -> Int32 {
        csockets_epoll_wait(epoll, events.baseAddress, Int32(events.count), timeoutMilliseconds)
    }

    /// Accepts one connection as a non-blocking, close-on-exec socket; -1 with errno set when none is pending.
    static func accept(_ listener: Int32) -> Int32 {
        csockets_accept(listener)
    }
}
