#if canImport(Glibc)
import Glibc
#endif

/// The process's limit on open descriptors (RLIMIT_NOFILE), which bounds a server's connections: each is a
/// descriptor, and the usual soft limit (1,024) is far below what a server is configured to hold.
public enum OpenFileLimit {
    /// Raises the soft limit to `wanted`, or as far as the hard limit allows; never lowers it. Returns the soft
    /// limit now in force.
    @discardableResult
    public static func raise(to wanted: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < rlim_t(wanted) {
            var raised = limit
            raised.rlim_cur = min(rlim_t(wanted), limit.rlim_max)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 {
                limit = raised
            }
        }
        return limit.rlim_cur > rlim_t(Int.max) ? Int.max : Int(limit.rlim_cur)
    }
}
