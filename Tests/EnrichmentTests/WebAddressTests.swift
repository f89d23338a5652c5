import Enrichment
import Testing

@Suite("Page and referrer URLs")
struct WebAddressTests {
    @Test("the page path drops query and fragment and keeps the path")
    func pathWithoutQuery() throws {
        let page = try #require(WebAddress("https://shop.example.vn/product/ban-phim-aula-m75-tm?utm_source=zalo#reviews"))
        #expect(page.normalizedPath == "/product/ban-phim-aula-m75-tm")
        #expect(page.host == "shop.example.vn")
        #expect(page.query == "utm_source=zalo")
    }

    @Test("a trailing slash goes, except the root's")
    func trailingSlash() throws {
        #expect(try #require(WebAddress("https://shop.example.vn/category/keyboard/")).normalizedPath == "/category/keyboard")
        #expect(try #require(WebAddress("https://shop.example.vn/")).normalizedPath == "/")
        #expect(try #require(WebAddress("https://shop.example.vn")).normalizedPath == "/")
        #expect(try #require(WebAddress("https://shop.example.vn?x=1")).normalizedPath == "/")
    }

    @Test("escapes of unreserved characters are decoded; other escapes stay, in upper case")
    func percentDecodesUnreservedOnly() throws {
        let page = try #require(WebAddress("https://shop.example.vn/%7Euser/b%C3%A0n-ph%c3%adm/a%2Fb/%41%2d%5F"))
        #expect(page.normalizedPath == "/~user/b%C3%A0n-ph%C3%ADm/a%2Fb/A-_")
    }

    @Test("the host is lower case, without port, user info or trailing dot")
    func hostNormalized() throws {
        #expect(try #require(WebAddress("HTTPS://user:pw@Shop.Example.VN.:8443/x")).host == "shop.example.vn")
        #expect(try #require(WebAddress("http://[2001:DB8::1]:8080/")).host == "[2001:db8::1]")
    }

    @Test("a relative page URL has a path and no host")
    func relativeReference() throws {
        let page = try #require(WebAddress("/laptops/asus-zenbook-14"))
        #expect(page.host == nil)
        #expect(page.normalizedPath == "/laptops/asus-zenbook-14")
        #expect(try #require(WebAddress("laptops")).normalizedPath == "/laptops")
    }

    @Test("an Android app referrer's package is its host")
    func androidAppReferrer() throws {
        #expect(try #require(WebAddress("android-app://com.google.android.gm/")).host == "com.google.android.gm")
    }

    @Test("what is not a URL is refused", arguments: [
        "", "   ", "javascript:alert(1)", "about:blank", "https://", "https://shop example.vn/", "https://bad_ho$t/x",
        "//shop.example.vn/x", "https://shop.example.vn/a b", "http://[not-an-ip]/", "https://shop.example.vn:80a/",
    ])
    func refusesNonURLs(_ text: String) {
        #expect(WebAddress(text) == nil)
    }
}
