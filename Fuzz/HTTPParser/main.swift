// libFuzzer target for the HTTP/1.1 request parser. scripts/fuzz.sh compiles this file together with the
// parser sources listed there (they depend on nothing but the standard library) using `-sanitize=fuzzer`.
//
// Each input is parsed twice: whole, and fed in pieces whose sizes come from the input's first byte. The
// parser must never crash or trap, every request it yields must respect the limits, and both feedings must
// yield the same requests.

/// A request reduced to what the comparison needs.
struct Summary: Equatable {
    var method: String
    var target: String
    var path: String
    var headers: [String]
    var body: [UInt8]
    var isKeepAlive: Bool
}

let limits = HTTPRequestParser.Limits(maxRequestLineBytes: 256, maxHeaderBytes: 1024, maxHeaderCount: 16, maxBodyBytes: 4096)

/// Parses `input` fed in pieces of `step` bytes (the whole input when step is 0); stops at the first error.
func parse(_ input: [UInt8], step: Int) -> (requests: [Summary], failed: Bool) {
    var parser = HTTPRequestParser(limits: limits)
    var requests: [Summary] = []
    var offset = 0
    while offset < input.count {
        let end = step == 0 ? input.count : min(input.count, offset + step)
        parser.buffer.append(contentsOf: input[offset..<end])
        offset = end
        do {
            while let parsed = try parser.next() {
                let head = parsed.head
                precondition(parsed.body.count <= limits.maxBodyBytes, "body over the limit")
                precondition(head.headers.count <= limits.maxHeaderCount, "too many headers accepted")
                precondition(head.path.hasPrefix("/") || head.target == "*", "path without a slash")
                precondition(!head.path.utf8.contains(0), "NUL in path")
                _ = head.query.items.count
                requests.append(Summary(
                    method: head.method.rawValue, target: head.target, path: head.path,
                    headers: head.headers.map { "\($0.name): \($0.value)" }, body: parsed.body,
                    isKeepAlive: head.isKeepAlive))
            }
        } catch {
            _ = error.status
            return (requests, true)
        }
    }
    return (requests, false)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    let input = Array(bytes.dropFirst())
    let whole = parse(input, step: 0)
    let pieces = parse(input, step: Int(first % 17) + 1)
    // How the bytes arrive must not change what is accepted: the same requests, and an error in both or neither.
    precondition(whole.requests == pieces.requests, "feeding in pieces changed the requests")
    precondition(whole.failed == pieces.failed, "feeding in pieces changed whether the input is rejected")
    return 0
}
