import Foundation
import Logging
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A lake in an S3 bucket (or an S3-compatible server through `endpoint`, path-style), signed with SigV4.
public struct S3Lake: RawStore {
    /// Bucket, region, endpoint and retry policy.
    public struct Configuration: Sendable {
        public var bucket: String
        /// `AWS_REGION`; default us-east-1.
        public var region = "us-east-1"
        /// `AWS_ENDPOINT_URL` for S3-compatible servers (path-style addressing); `nil` for AWS itself.
        public var endpoint: URL?
        /// Attempts per request on 5xx, throttling and timeouts, with exponential backoff. Default 5.
        public var maxAttempts = 5
        /// Per-request timeout. Default 30 s.
        public var timeout: TimeInterval = 30
        /// Keys per listing page (S3's max-keys). Default 1,000, S3's maximum.
        public var pageSize = 1_000

        public init(bucket: String) {
            self.bucket = bucket
        }

        /// From `RAW_BUCKET`-style settings plus `AWS_REGION` and `AWS_ENDPOINT_URL`.
        public static func fromEnvironment(bucket: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Configuration {
            var configuration = Configuration(bucket: bucket)
            if let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"], !region.isEmpty {
                configuration.region = region
            }
            if let endpoint = environment["AWS_ENDPOINT_URL_S3"] ?? environment["AWS_ENDPOINT_URL"], !endpoint.isEmpty {
                configuration.endpoint = URL(string: endpoint)
            }
            return configuration
        }
    }

    public let configuration: Configuration
    private let credentials: S3CredentialProvider
    private let session: URLSession
    private let logger: Logger

    public init(configuration: Configuration, logger: Logger,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.configuration = configuration
        self.credentials = S3CredentialProvider(environment: environment)
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.timeoutIntervalForRequest = configuration.timeout
        sessionConfiguration.httpMaximumConnectionsPerHost = 32
        // No cookie jar: S3 sends none, and URLSession parsed every response's headers for them.
        sessionConfiguration.httpShouldSetCookies = false
        sessionConfiguration.httpCookieAcceptPolicy = .never
        sessionConfiguration.httpCookieStorage = nil
        sessionConfiguration.urlCache = nil
        self.session = URLSession(configuration: sessionConfiguration)
        self.logger = logger
    }

    public var location: String { "s3://\(configuration.bucket)" }

    public func list(prefix: String, after token: String?) async throws -> LakePage {
        var query = [URLQueryItem(name: "list-type", value: "2"), URLQueryItem(name: "prefix", value: prefix),
                     URLQueryItem(name: "max-keys", value: String(configuration.pageSize))]
        // start-after with the last key of the previous page: the same resume token as the local lake.
        if let token { query.append(URLQueryItem(name: "start-after", value: token)) }
        let (data, _) = try await send("GET", key: nil, query: query, operation: "list")
        let parsed = try S3ListParser.parse(data)
        return LakePage(objects: parsed.objects, nextToken: parsed.isTruncated ? parsed.objects.last?.key : nil)
    }

    public func get(_ key: String) async throws -> LakeBlob {
        let (data, response) = try await send("GET", key: key, operation: "get")
        let etag = HTTPDate.unquoted(response.value(forHTTPHeaderField: "ETag") ?? "")
        let modified = response.value(forHTTPHeaderField: "Last-Modified").flatMap(Self.httpDate) ?? Date()
        return LakeBlob(key: key, bytes: Array(data), etag: etag, lastModified: modified)
    }

    public func put(_ key: String, bytes: [UInt8], contentType: String) async throws {
        _ = try await send("PUT", key: key, body: bytes, headers: ["content-type": contentType], operation: "put")
    }

    /// Creates the bucket (tests and demo set-up against S3-compatible servers).
    public func createBucket() async throws {
        // Outside us-east-1, S3 wants the region in the body.
        let body = configuration.region == "us-east-1" ? "" : """
            <CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\
            <LocationConstraint>\(configuration.region)</LocationConstraint></CreateBucketConfiguration>
            """
        _ = try await send("PUT", key: nil, body: Array(body.utf8), operation: "create bucket", acceptable: [200, 409])
    }

    private func url(for key: String?, query: [URLQueryItem]) throws -> URL {
        var components: URLComponents
        let encodedKey = key.map { S3Signer.uriEncode($0, keepSlash: true) } ?? ""
        if let endpoint = configuration.endpoint {
            guard let base = URLComponents(url: endpoint, resolvingAgainstBaseURL: false) else {
                throw LakeError.io(operation: "configure", key: "", message: "bad AWS_ENDPOINT_URL \(endpoint)")
            }
            components = base
            let basePath = components.percentEncodedPath.hasSuffix("/") ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
            components.percentEncodedPath = basePath + "/" + S3Signer.uriEncode(configuration.bucket) + "/" + encodedKey
        } else {
            components = URLComponents()
            components.scheme = "https"
            components.host = "\(configuration.bucket).s3.\(configuration.region).amazonaws.com"
            components.percentEncodedPath = "/" + encodedKey
        }
        if !query.isEmpty {
            components.percentEncodedQuery = query.map { "\(S3Signer.uriEncode($0.name))=\(S3Signer.uriEncode($0.value ?? ""))" }
                .joined(separator: "&")
        }
        guard let url = components.url else {
            throw LakeError.io(operation: "configure", key: key ?? "s3://\(configuration.bucket)", message: "cannot build the S3 URL")
        }
        return url
    }

    /// Sends a signed request, retrying 5xx, 429 and transport errors with exponential backoff and jitter.
    func send(_ method: String, key: String?, query: [URLQueryItem] = [], body: [UInt8] = [],
                      headers: [String: String] = [:], operation: String,
                      acceptable: Set<Int> = [200, 204]) async throws -> (Data, HTTPURLResponse) {
        let url = try url(for: key, query: query)
        var attempt = 0
        while true {
            attempt += 1
            let signed = S3Signer(region: configuration.region).sign(
                method: method, url: url, headers: headers, payload: body, credentials: try await credentials.credentials())
            var request = URLRequest(url: url)
            request.httpMethod = method
            for (name, value) in signed { request.setValue(value, forHTTPHeaderField: name) }
            if method == "PUT" || !body.isEmpty { request.httpBody = Data(body) }
            var retryReason: String
            do {
                let (data, response) = try await session.data(for: request)
                guard let http = response as? HTTPURLResponse else {
                    throw LakeError.io(operation: operation, key: key ?? "s3://\(configuration.bucket)", message: "not an HTTP response")
                }
                if acceptable.contains(http.statusCode) { return (data, http) }
                let message = Self.errorMessage(data) ?? HTTPURLResponse.localizedString(forStatusCode: http.statusCode)
                if http.statusCode == 404 {
                    // S3 says which is missing: the bucket (any request) or the key (GET).
                    if Self.errorCode(data) == "NoSuchBucket" { throw LakeError.missingBucket(configuration.bucket) }
                    throw LakeError.notFound(key ?? configuration.bucket)
                }
                guard http.statusCode >= 500 || http.statusCode == 429, attempt < configuration.maxAttempts else {
                    throw LakeError.io(operation: operation, key: key ?? "s3://\(configuration.bucket)", message: "S3 answered \(http.statusCode): \(message)")
                }
                retryReason = "S3 answered \(http.statusCode)"
            } catch let error as LakeError {
                throw error
            } catch {
                guard attempt < configuration.maxAttempts else {
                    throw LakeError.io(operation: operation, key: key ?? "s3://\(configuration.bucket)", message: error.localizedDescription)
                }
                retryReason = error.localizedDescription
            }
            let delay = min(8.0, 0.1 * pow(2, Double(attempt - 1))) * Double.random(in: 0.5...1.5)
            logger.warning("retrying an S3 request", metadata: [
                "s3.operation": "\(operation)", "s3.key": "\(key ?? "")", "s3.attempt": "\(attempt)", "s3.reason": "\(retryReason)"])
            try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
        }
    }

    private static func errorMessage(_ data: Data) -> String? {
        element("Message", in: data)
    }

    /// The error's code (`NoSuchKey`, `NoSuchBucket`, ...).
    private static func errorCode(_ data: Data) -> String? {
        element("Code", in: data)
    }

    static func element(_ name: String, in data: Data) -> String? {
        let text = String(decoding: data, as: UTF8.self)
        guard let start = text.range(of: "<\(name)>"), let end = text.range(of: "</\(name)>"), start.upperBound <= end.lowerBound else {
            return nil
        }
        return String(text[start.upperBound..<end.lowerBound])
    }

    private static func httpDate(_ text: String) -> Date? {
        HTTPDate.parse(text)
    }
}
