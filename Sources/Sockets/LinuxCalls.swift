#if canImport(Glibc)
import Glibc
#endif

/// epoll(7) and accept4(2) bindings. The toolchain's Glibc module map does not export <sys/epoll.h> or
/// accept4. The CSockets shim would, but its header declares accept4 without `_GNU_SOURCE` and so does not
/// build as a module on glibc yet; until it does, the functions are looked up with dlsym and called
/// through `@convention(c)` pointers with their exact C signatures (resolved once, at first use). `struct epoll_event` is handled as bytes:
/// it is packed (12 bytes, data at offset 4) on x86_64 and naturally aligned (16 bytes, data at 8) elsewhere.
/// Constants are the Linux ABI values, which never change.
enum LinuxCalls {
    typealias EpollCreate1 = @convention(c) (Int32) -> Int32
    typealias EpollCtl = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    typealias EpollWait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    typealias Accept4 = @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32

    static let epollIn: UInt32 = 0x001
    static let epollOut: UInt32 = 0x004
    static let epollErr: UInt32 = 0x008
    static let epollHup: UInt32 = 0x010
    static let epollRDHup: UInt32 = 0x2000
    static let epollEdgeTriggered: UInt32 = 1 << 31
    static let ctlAdd: Int32 = 1
    static let ctlDel: Int32 = 2
    static let ctlMod: Int32 = 3
    static let epollCloexec: Int32 = 0o2_000_000

    #if arch(x86_64)
    static let eventSize = 12
    static let dataOffset = 4
    #else
    static let eventSize = 16
    static let dataOffset = 8
    #endif

    struct Functions: Sendable {
        let create1: EpollCreate1
        let ctl: EpollCtl
        let wait: EpollWait
        let accept4: Accept4
    }

    /// The resolved functions, or nil if the C library lacks them (not Linux).
    static let functions: Functions? = {
        guard let create1 = dlsym(nil, "epoll_create1"), let ctl = dlsym(nil, "epoll_ctl"),
              let wait = dlsym(nil, "epoll_wait"), let accept4 = dlsym(nil, "accept4") else { return nil }
        return Functions(
            create1: unsafeBitCast(create1, to: EpollCreate1.self),
            ctl: unsafeBitCast(ctl, to: EpollCtl.self),
            wait: unsafeBitCast(wait, to: EpollWait.self),
            accept4: unsafeBitCast(accept4, to: Accept4.self))
    }()

    static func resolved() throws(SocketError) -> Functions {
        guard let functions else { throw .system(operation: "dlsym(epoll)", errno: ENOSYS, message: "epoll is unavailable") }
        return functions
    }

    /// epoll_ctl with an event built from `events` and `data`.
    static func control(_ functions: Functions, epoll: Int32, op: Int32, fd: Int32, events: UInt32, data: UInt64) -> Int32 {
        var bytes = (UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &bytes) { raw in
            raw.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: data, toByteOffset: dataOffset, as: UInt64.self)
            return functions.ctl(epoll, op, fd, raw.baseAddress)
        }
    }

    /// The `events` field of event `index` in a buffer filled by epoll_wait.
    static func eventFlags(_ buffer: UnsafeRawBufferPointer, at index: Int) -> UInt32 {
        buffer.loadUnaligned(fromByteOffset: index * eventSize, as: UInt32.self)
    }

    /// The `data` field of event `index` in a buffer filled by epoll_wait.
    static func eventData(_ buffer: UnsafeRawBufferPointer, at index: Int) -> UInt64 {
        buffer.loadUnaligned(fromByteOffset: index * eventSize + dataOffset, as: UInt64.self)
    }
}
