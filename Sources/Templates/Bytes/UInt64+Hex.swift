extension UInt64 {
    /// The value as 16 lower-case hex digits, leading zeros included: how hashes are written.
    public var hexDigits: String {
        String(unsafeUninitializedCapacity: 16) { digits in
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: self >> (60 - 4 * UInt64(index))) & 0xF
                digits[index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
    }
}
