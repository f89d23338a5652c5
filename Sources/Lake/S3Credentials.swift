import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// AWS credentials for signing; never logged.
struct S3Credentials: Sendable, CustomStringConvertible {
    let accessKeyID: String
    let secretAccessKey: String
    let sessionToken: String?
    let expiration: Date?

    var description: String { "S3Credentials(\(accessKeyID.prefix(4))…)" }
}

/// Credentials from the standard `AWS_*` variables, else from the EC2 instance role via IMDSv2,
/// refreshed five minutes before they expire.
actor S3CredentialProvider {
    private let environment: [String: String]
    private var cached: S3Credentials?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    func credentials() async throws -> S3Credentials {
        if let key = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"],
           !key.isEmpty, !secret.isEmpty {
            return S3Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"],
                                 expiration: nil)
        }
        if let cached, let expiration = cached.expiration, expiration.timeIntervalSinceNow > 300 { return cached }
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" {
            throw LakeError.io(operation: "credentials", key: "", message: "no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and the instance metadata service is disabled")
        }
        let fresh = try await fromInstanceRole()
        cached = fresh
        return fresh
    }

    /// IMDSv2: a session token first (PUT), then the role name, then its credentials.
    private func fromInstanceRole() async throws -> S3Credentials {
        let base = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? "http://169.254.169.254"
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 2
        let session = URLSession(configuration: configuration)
        func fetch(_ path: String, method: String = "GET", headers: [String: String]) async throws -> Data {
            guard let url = URL(string: base + path) else {
                throw LakeError.io(operation: "credentials", key: "", message: "bad metadata endpoint \(base)")
            }
            var request = URLRequest(url: url)
            request.httpMethod = method
            headers.forEach { request.setValue($1, forHTTPHeaderField: $0) }
            let (data, response) = try await session.data(for: request)
            guard (response as? HTTPURLResponse)?.statusCode == 200 else {
                throw LakeError.io(operation: "credentials", key: path, message: "instance metadata answered \((response as? HTTPURLResponse)?.statusCode ?? 0)")
            }
            return data
        }
        do {
            let token = String(decoding: try await fetch("/latest/api/token", method: "PUT",
                                                         headers: ["X-aws-ec2-metadata-token-ttl-seconds": "21600"]), as: UTF8.self)
            let auth = ["X-aws-ec2-metadata-token": token]
            let roles = String(decoding: try await fetch("/latest/meta-data/iam/security-credentials/", headers: auth), as: UTF8.self)
            guard let role = roles.split(separator: "\n").first.map(String.init) else {
                throw LakeError.io(operation: "credentials", key: "", message: "the instance has no IAM role")
            }
            let body = try await fetch("/latest/meta-data/iam/security-credentials/\(role)", headers: auth)
            struct RoleCredentials: Decodable {
                let AccessKeyId: String, SecretAccessKey: String, Token: String, Expiration: String
            }
            let decoded = try JSONDecoder().decode(RoleCredentials.self, from: body)
            return S3Credentials(accessKeyID: decoded.AccessKeyId, secretAccessKey: decoded.SecretAccessKey,
                                 sessionToken: decoded.Token, expiration: ISO8601DateFormatter().date(from: decoded.Expiration))
        } catch {
            // Whatever the metadata service said, the fix is the same: set the keys or give the instance a role.
            let reason = (error as? LakeError).map { "\($0)" } ?? error.localizedDescription
            throw LakeError.io(operation: "credentials", key: "",
                               message: "no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY set and no instance role reachable (\(reason)): set the keys, or run on an instance with an IAM role")
        }
    }
}
