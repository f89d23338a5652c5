import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Plain POSIX file access for the local lake's hot paths. Loading a lake of 100,000 one-event files
/// spent most of its time in Foundation (`Data(contentsOf:)`, `attributesOfItem`, URL building); these
/// calls are one `openat`/`fstat`/`read`/`close` per file, and a listing `readdir`s each folder and `fstatat`s (relative to
/// it) only the files it returns.
enum LocalFile {
    /// What a directory entry is; symbolic links are reported as such and not followed (as before).
    enum Kind {
        case file(size: Int64, modified: Date)
        case folder
        /// Anything else, named for the reject that records it (`symbolic link`, `FIFO`, …).
        case special(String, modified: Date)
        /// Gone, or not stat-able.
        case other
    }

    /// The whole file and its modification time. `ENOENT` is `notFound`; other failures are `io`.
    static func read(path: String, key: String) throws(LakeError) -> (bytes: [UInt8], modified: Date) {
        try read(in: AT_FDCWD, path: path, key: key)
    }

    /// The whole file at `path`'s bytes from `offset` on, relative to the open folder `folder` (or the working
    /// folder for `AT_FDCWD`). An offset rather than a substring: no copy of the name per file.
    fileprivate static func read(in folder: Int32, path: String, from offset: Int = 0,
                                 key: String) throws(LakeError) -> (bytes: [UInt8], modified: Date) {
        // Never through a final symbolic link (out of the lake), and never waiting on a FIFO that replaced
        // a listed file: the fstat below then refuses it.
        let descriptor = path.withCString { openat(folder, $0 + offset, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK) }
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw LakeError.notFound(key) }
            if code == ELOOP { throw LakeError.io(operation: "read", key: key, message: "a symbolic link, not followed") }
            throw LakeError.io(operation: "read", key: key, message: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw LakeError.io(operation: "read", key: key, message: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw LakeError.io(operation: "read", key: key, message: "not a regular file")
        }
        // Read to end of file rather than trusting st_size: a file that grows meanwhile is still read whole.
        let expected = max(Int(status.st_size), 0)
        var bytes = [UInt8](repeating: 0, count: expected + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let requested = bytes.count - count
            let got = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress.map { $0 + count }, requested)
            }
            if got > 0 {
                count += got
                // A short read once fstat's size is in is the end of the file (regular files read short only
                // there), so no second read is needed to hear it: one syscall less per small file.
                if got < requested && count >= expected { break }
            } else if got == 0 {
                break
            } else if errno != EINTR {
                throw LakeError.io(operation: "read", key: key, message: String(cString: strerror(errno)))
            }
        }
        bytes.removeLast(bytes.count - count)
        return (bytes, date(status.st_mtim))
    }

    /// An open folder: its entries, and their kinds looked up relative to it (no walk of the whole path per entry).
    final class Folder {
        /// What `readdir` says an entry is, without a `stat`; `unknown` when the file system does not say.
        enum EntryType { case file, folder, other, unknown }

        private let directory: OpaquePointer

        /// Nil when `path` cannot be opened as a folder (missing, not a folder).
        init?(path: String) {
            guard let directory = opendir(path) else { return nil }
            self.directory = directory
        }

        deinit { closedir(directory) }

        /// The entries except `.` and `..`, in directory order.
        func entries() -> [(name: String, type: EntryType)] {
            var entries: [(name: String, type: EntryType)] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard name != "." && name != ".." else { continue }
                let type: EntryType = switch Int(entry.pointee.d_type) {
                case Int(DT_REG): .file
                case Int(DT_DIR): .folder
                case Int(DT_UNKNOWN): .unknown
                default: .other  // symbolic links (never followed), FIFOs, devices, sockets
                }
                entries.append((name, type))
            }
            return entries
        }

        /// What the entry `name` is, by a `stat` (for file systems whose `readdir` does not say).
        func type(of name: String) -> EntryType {
            switch kind(of: name) {
            case .folder: .folder
            case .file: .file
            case .special, .other: .other
            }
        }

        /// The file of `key` whose name starts at UTF-8 offset `nameOffset`, in this folder, read whole: opened
        /// relative to the folder, so the kernel walks one path component instead of the lake root's and the
        /// key's (a few percent of a small-file load).
        func read(key: String, nameOffset: Int) throws(LakeError) -> (bytes: [UInt8], modified: Date) {
            try LocalFile.read(in: dirfd(directory), path: key, from: nameOffset, key: key)
        }

        /// The kind, size and modification time of the entry `name`, without following a final symbolic link.
        func kind(of name: String) -> Kind {
            var status = stat()
            guard fstatat(dirfd(directory), name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return .other }
            let modified = LocalFile.date(status.st_mtim)
            switch status.st_mode & S_IFMT {
            case S_IFREG: return .file(size: Int64(status.st_size), modified: modified)
            case S_IFDIR: return .folder
            case S_IFLNK: return .special("symbolic link", modified: modified)
            case S_IFIFO: return .special("FIFO", modified: modified)
            case S_IFSOCK: return .special("socket", modified: modified)
            case S_IFCHR: return .special("character device", modified: modified)
            case S_IFBLK: return .special("block device", modified: modified)
            default: return .special("special file", modified: modified)
            }
        }
    }

    /// True when `path` is a folder (following links, as the lake root may be one).
    static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    fileprivate static func date(_ time: timespec) -> Date {
        Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000)
    }
}
