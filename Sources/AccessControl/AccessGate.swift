import Foundation
import HTTP
import Logging
import Synchronization

/// Optional access control by tokens from a file: every protected request carries one (HTTP Basic with the
/// token as the password, any user name, so a browser prompts; or `Authorization: Bearer`). The presented
/// token is hashed and compared with every stored hash in constant time. Wrong tokens are limited per
/// address (past `failureBurst`, a 429 until the budget refills); a right one is always let through, so a
/// guesser behind the same address (every port-forwarded browser is 127.0.0.1) cannot lock others out.
/// Nothing here logs a token or a hash: only token names, reasons and addresses.
///
/// The file is re-read when it changes (`reloadIfChanged`, which `watch` calls every second): a malformed
/// new version is logged and the tokens in force stay; a file that disappears leaves no token valid.
public final class AccessGate: Sendable {
    /// Rate and realm; the defaults suit a dashboard for a handful of people.
    public struct Configuration: Sendable {
        /// The realm of the challenges (browsers show it in the prompt). Default "clickstream".
        public var realm = "clickstream"
        /// Wrong tokens an address may send at once before getting 429. Default 10.
        public var failureBurst: Double = 10
        /// Wrong tokens per second an address earns back. Default 1 every 6 s (10 a minute).
        public var failuresPerSecond: Double = 1.0 / 6

        public init() {}
    }

    /// The file's identity when last read, so an unchanged file is not parsed again.
    private struct FileStamp: Equatable {
        var modified: Date?
        var size: Int?
        var inode: Int?
    }

    private struct State {
        var tokens: [AccessToken]
        var stamp: FileStamp?
    }

    public let path: String
    private let configuration: Configuration
    private let failures: RateLimiter
    private let logger: Logger
    private let state: Mutex<State>

    /// Reads the file now; a missing, unreadable or malformed file is an error, so a server refuses to start.
    public init(path: String, configuration: Configuration = .init(), logger: Logger) throws(AccessControlError) {
        self.path = path
        self.configuration = configuration
        self.logger = logger
        failures = RateLimiter(ratePerSecond: configuration.failuresPerSecond, burst: configuration.failureBurst)
        let stamp = Self.stamp(of: path)
        let tokens = try AccessTokenFile.load(path)
        state = Mutex(State(tokens: tokens, stamp: stamp))
        if tokens.isEmpty {
            logger.warning("the access tokens file holds no token: every protected request is refused until one is added",
                           metadata: ["access.file": "\(path)"])
        }
    }

    /// Tokens in force now.
    public var tokenCount: Int { state.withLock { $0.tokens.count } }

    /// Lets `request` through when it carries a token whose scope covers `required`; otherwise throws the 401,
    /// 403 or 429 to answer. Returns the token's name (for logs).
    @discardableResult
    public func authorize(_ request: HTTPRequest, requires required: AccessScope) throws(AccessDenied) -> String {
        let offersBearer = required == .api
        let peer = request.remoteAddress ?? "unknown"
        guard let credentials = HTTPCredentials(authorization: request.headers["Authorization"]) else {
            throw .unauthorized(.missingToken, realm: configuration.realm, offersBearer: offersBearer, wasBearer: false)
        }
        let candidate = AccessToken.digest(of: credentials.secret)
        let tokens = state.withLock { $0.tokens }
        var match: AccessToken?
        for token in tokens where token.matches(candidate) {
            match = token  // no early exit: the time taken does not depend on which token matched
        }
        guard let match else {
            // Past the limit nothing is logged either: a guesser cannot flood the log.
            guard failures.allow(peer) else { throw .tooManyFailures(retryAfter: failures.retryAfterSeconds(peer)) }
            logger.warning("access denied: wrong token", metadata: [
                "net.peer": "\(peer)", "http.path": "\(request.path)", "http.request_id": "\(request.requestID)",
            ])
            let wasBearer = if case .bearer = credentials { true } else { false }
            throw .unauthorized(.wrongToken, realm: configuration.realm, offersBearer: offersBearer, wasBearer: wasBearer)
        }
        guard match.scope.covers(required) else {
            logger.info("access denied: token out of scope", metadata: [
                "access.token": "\(match.name)", "access.scope": "\(match.scope.rawValue)", "net.peer": "\(peer)",
                "http.path": "\(request.path)", "http.request_id": "\(request.requestID)",
            ])
            throw .outOfScope
        }
        return match.name
    }

    /// Re-reads the file if it changed since it was last read. Returns whether the tokens were replaced.
    @discardableResult
    public func reloadIfChanged() -> Bool {
        let stamp = Self.stamp(of: path)
        guard state.withLock({ $0.stamp != stamp }) else { return false }
        guard stamp.size != nil else {
            state.withLock { $0 = State(tokens: [], stamp: stamp) }
            logger.error("the access tokens file is gone: no token is valid until it is back", metadata: ["access.file": "\(path)"])
            return true
        }
        do throws(AccessControlError) {
            let tokens = try AccessTokenFile.load(path)
            state.withLock { $0 = State(tokens: tokens, stamp: stamp) }
            logger.info("access tokens reloaded", metadata: ["access.file": "\(path)", "access.tokens": "\(tokens.count)"])
            return true
        } catch {
            // Remember the stamp so the same broken version is reported once, not every second.
            state.withLock { $0.stamp = stamp }
            logger.error("access tokens file not reloaded; the tokens in force stay", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Checks the file for changes every `interval` until the task is cancelled (file I/O off the cooperative pool).
    public func watch(every interval: Duration = .seconds(1)) async {
        while (try? await Task.sleep(for: interval)) != nil {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().async {
                    self.reloadIfChanged()
                    continuation.resume()
                }
            }
        }
    }

    private static func stamp(of path: String) -> FileStamp {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return FileStamp() }
        return FileStamp(modified: attributes[.modificationDate] as? Date, size: (attributes[.size] as? NSNumber)?.intValue,
                         inode: (attributes[.systemFileNumber] as? NSNumber)?.intValue)
    }
}
