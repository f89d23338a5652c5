/// Thrift's compact protocol, the encoding of every Parquet page header and of the footer: only what
/// writing parquet.thrift's structs needs (structs, i8/i16/i32/i64, binary, bool fields, lists of structs,
/// strings and i32s).
///
/// Field headers carry the delta from the previous field id of the same struct (1...15) in their high
/// nibble, or a zigzag varint id after a byte holding just the type. Integers are zigzag varints; a
/// boolean field carries its value in the header's type nibble (1 true, 2 false).
public struct ThriftCompactWriter: Sendable {
    /// The compact protocol's type ids.
    public enum FieldType: UInt8, Sendable {
        case booleanTrue = 1, booleanFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7, binary = 8
        case list = 9, set = 10, map = 11, structure = 12
    }

    public private(set) var bytes: [UInt8] = []
    /// The last field id written in each open struct, innermost last.
    private var lastFieldIDs: [Int16] = [0]

    public init() {}

    public mutating func fieldHeader(_ id: Int16, _ type: FieldType) {
        let delta = Int(id) - Int(lastFieldIDs[lastFieldIDs.count - 1])
        if (1...15).contains(delta) {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            bytes.appendVarint(zigzag(Int64(id)))
        }
        lastFieldIDs[lastFieldIDs.count - 1] = id
    }

    public mutating func field(_ id: Int16, bool value: Bool) {
        fieldHeader(id, value ? .booleanTrue : .booleanFalse)
    }

    public mutating func field(_ id: Int16, i8 value: Int8) {
        fieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    public mutating func field(_ id: Int16, i16 value: Int16) {
        fieldHeader(id, .i16)
        bytes.appendVarint(zigzag(Int64(value)))
    }

    public mutating func field(_ id: Int16, i32 value: Int32) {
        fieldHeader(id, .i32)
        bytes.appendVarint(zigzag(Int64(value)))
    }

    public mutating func field(_ id: Int16, i64 value: Int64) {
        fieldHeader(id, .i64)
        bytes.appendVarint(zigzag(value))
    }

    public mutating func field(_ id: Int16, binary value: [UInt8]) {
        fieldHeader(id, .binary)
        binary(value)
    }

    public mutating func field(_ id: Int16, string value: String) {
        field(id, binary: Array(value.utf8))
    }

    /// A struct-valued field: `body` writes its fields; the closing stop byte is added here.
    public mutating func field(_ id: Int16, structure body: (inout ThriftCompactWriter) -> Void) {
        fieldHeader(id, .structure)
        structure(body)
    }

    /// A list-valued field of `count` elements of `elementType`; `body` writes the elements.
    public mutating func field(_ id: Int16, listOf elementType: FieldType, count: Int, _ body: (inout ThriftCompactWriter) -> Void) {
        fieldHeader(id, .list)
        listHeader(elementType, count: count)
        body(&self)
    }

    /// A struct as a list element or the top-level value: its fields, then the stop byte.
    public mutating func structure(_ body: (inout ThriftCompactWriter) -> Void) {
        lastFieldIDs.append(0)
        body(&self)
        bytes.append(0)  // stop
        lastFieldIDs.removeLast()
    }

    /// A complete value encoded by another writer (a struct closed with its stop byte), as a list element.
    public mutating func raw(_ encoded: [UInt8]) {
        bytes.append(contentsOf: encoded)
    }

    public mutating func listHeader(_ elementType: FieldType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            bytes.appendVarint(UInt64(count))
        }
    }

    /// A list element or value of type i32 (enums are i32 too).
    public mutating func i32(_ value: Int32) {
        bytes.appendVarint(zigzag(Int64(value)))
    }

    /// A list element or value of type binary (strings are UTF-8 binary).
    public mutating func binary(_ value: [UInt8]) {
        bytes.appendVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }


    func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }
}
