import Testing
@testable import Parquet

/// Byte vectors worked out by hand from the Thrift compact protocol specification.
@Suite("Thrift compact protocol")
struct ThriftCompactWriterTests {
    @Test("a field within 15 of the previous id is one header byte: delta in the high nibble, type in the low")
    func shortFieldHeader() {
        var writer = ThriftCompactWriter()
        writer.structure { $0.field(1, i32: 2) }
        #expect(writer.bytes == [0x15, 0x04, 0x00])  // delta 1, i32 (5); zigzag(2) = 4; stop
    }

    @Test("a field more than 15 past the previous id gets a type byte and its id as a zigzag varint")
    func longFieldHeader() {
        var writer = ThriftCompactWriter()
        writer.structure { $0.field(1, i32: 0); $0.field(20, i64: -1) }
        #expect(writer.bytes == [0x15, 0x00, 0x06, 0x28, 0x01, 0x00])  // id 20 → zigzag 40; -1 → 1
    }

    @Test("integers are zigzag varints: -1 → 1, 1 → 2, -64 → 127, 300 → ac 02 before zigzag")
    func zigzagVarints() {
        var writer = ThriftCompactWriter()
        writer.i32(-1)
        writer.i32(1)
        writer.i32(-64)
        writer.i32(150)  // zigzag 300
        #expect(writer.bytes == [0x01, 0x02, 0x7F, 0xAC, 0x02])
    }

    @Test("a boolean field carries its value in the type nibble: 1 true, 2 false")
    func booleanFields() {
        var writer = ThriftCompactWriter()
        writer.structure { $0.field(1, bool: true); $0.field(2, bool: false) }
        #expect(writer.bytes == [0x11, 0x12, 0x00])
    }

    @Test("binary is a varint length then the bytes")
    func binaryField() {
        var writer = ThriftCompactWriter()
        writer.structure { $0.field(4, string: "ab") }
        #expect(writer.bytes == [0x48, 0x02, 0x61, 0x62, 0x00])
    }

    @Test("lists of fewer than 15 put the size in the high nibble; longer ones use 0xF and a varint size")
    func listHeaders() {
        var writer = ThriftCompactWriter()
        writer.listHeader(.i32, count: 3)
        writer.listHeader(.binary, count: 20)
        #expect(writer.bytes == [0x35, 0xF8, 0x14])
    }

    @Test("a nested struct counts its field ids from zero, and the outer struct resumes from its own last id")
    func nestedStructIDs() {
        var writer = ThriftCompactWriter()
        writer.structure { outer in
            outer.field(5) { inner in inner.field(1, i32: 1) }
            outer.field(6, i32: 1)
        }
        #expect(writer.bytes == [0x5C, 0x15, 0x02, 0x00, 0x15, 0x02, 0x00])
    }

    @Test("an i8 field is one raw byte; i16 a zigzag varint")
    func smallIntegers() {
        var writer = ThriftCompactWriter()
        writer.structure { $0.field(1, i8: -2); $0.field(2, i16: 300) }
        #expect(writer.bytes == [0x13, 0xFE, 0x14, 0xD8, 0x04, 0x00])
    }
}
