extension UnsafeBufferPointer where Element == UInt8 {
    /// How many Unicode scalars these UTF-8 bytes encode: every byte but the continuation bytes
    /// (`10xxxxxx`), counted eight at a time.
    public var unicodeScalarCount: Int {
        var continuations = 0
        var offset = 0
        while offset + 8 <= count {
            let bits = ByteWord(self, at: offset).bits
            // A byte's top bit set and the one below it clear.
            continuations += (bits & ~(bits << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            offset += 8
        }
        while offset < count {
            if self[offset] & 0xC0 == 0x80 { continuations += 1 }
            offset += 1
        }
        return count - continuations
    }
}

extension String {
    /// `unicodeScalars.count`, counted on the UTF-8 bytes eight at a time: the length Sentinel's
    /// dashboard limits, in a fraction of the time.
    public var unicodeScalarCount: Int {
        var text = self
        return text.withUTF8 { $0.unicodeScalarCount }
    }
}

extension Substring {
    /// `unicodeScalars.count`, counted on the UTF-8 bytes eight at a time.
    public var unicodeScalarCount: Int {
        var text = self
        return text.withUTF8 { $0.unicodeScalarCount }
    }
}
