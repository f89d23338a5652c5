import Foundation
import HTTP
import Testing

@Suite("HTTPCredentials")
struct HTTPCredentialsTests {
    @Test("Basic is base64 of user:password (the password may hold colons); Bearer is a token68")
    func parsesSchemes() {
        let encoded = Data("me:pa:ss".utf8).base64EncodedString()
        #expect(HTTPCredentials(authorization: "Basic \(encoded)") == .basic(user: "me", password: "pa:ss"))
        #expect(HTTPCredentials(authorization: "BASIC \(encoded)")?.secret == "pa:ss")
        #expect(HTTPCredentials(authorization: "Bearer cst_a-b_c") == .bearer("cst_a-b_c"))
    }

    @Test("anything else is no credentials", arguments: [
        nil, "", "Basic", "Basic !!!", "Basic \(Data("no-colon".utf8).base64EncodedString())", "Bearer a b", "Bearer é",
        "Digest username=x", "cst_token",
    ])
    func refusesOthers(value: String?) {
        #expect(HTTPCredentials(authorization: value) == nil)
    }
}
