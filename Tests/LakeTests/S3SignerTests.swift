import Foundation
@testable import Lake
import Testing

@Suite("SigV4 signing")
struct S3SignerTests {
    @Test("signs AWS's documented GET Object example to the documented signature")
    func documentedExample() throws {
        let url = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/test.txt"))
        let credentials = S3Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE",
                                        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                        sessionToken: nil, expiration: nil)
        let headers = S3Signer(region: "us-east-1").sign(
            method: "GET", url: url, headers: ["Range": "bytes=0-9"], payload: [], credentials: credentials,
            date: Date(timeIntervalSince1970: 1_369_353_600))  // 2013-05-24T00:00:00Z
        #expect(headers["authorization"] == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test("query parameters are encoded and sorted as SigV4 requires")
    func canonicalQuery() throws {
        let url = try #require(URL(string: "https://b.s3.amazonaws.com/?prefix=events%2F&list-type=2&start-after=a%20b"))
        #expect(S3Signer.canonicalQuery(url) == "list-type=2&prefix=events%2F&start-after=a%20b")
    }
}
