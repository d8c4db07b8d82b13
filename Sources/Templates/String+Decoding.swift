extension String {
    /// `String(decoding: bytes, as: UTF8.self)`, checked eight bytes at a time wherever the
    /// text runs in ASCII for a while.
    ///
    /// Swift checks a buffer of ASCII eight bytes at a time, but one holding any other byte
    /// byte by byte, all of it: a post-mortem whose template has one `—` would have its whole
    /// log block checked slowly. Here each stretch of 512-byte blocks that are all ASCII
    /// (logs, tables) becomes a string of its own, and the stretches between them are checked
    /// as usual. Stretches meet only next to an ASCII byte, so never inside a character.
    init(decodingInASCIIStretches bytes: [UInt8]) {
        let block = 512
        self = bytes.withUnsafeBufferPointer { buffer in
            func isASCII(_ range: Range<Int>) -> Bool {
                let end = UnsafeBufferPointer(rebasing: buffer[range]).skippingWords(from: 0) { !$0.hasNonASCII }
                return buffer[(range.lowerBound + end)..<range.upperBound].allSatisfy { $0 < 0x80 }
            }
            var text = ""
            var stretchStart = 0
            var stretchIsASCII = true
            var offset = 0
            while offset < buffer.count {
                let end = Swift.min(offset + block, buffer.count)
                let blockIsASCII = isASCII(offset..<end)
                if blockIsASCII != stretchIsASCII, offset > stretchStart {
                    if text.isEmpty { text.reserveCapacity(buffer.count) }
                    text += String(decoding: UnsafeBufferPointer(rebasing: buffer[stretchStart..<offset]), as: UTF8.self)
                    stretchStart = offset
                }
                stretchIsASCII = blockIsASCII
                offset = end
            }
            let last = String(decoding: UnsafeBufferPointer(rebasing: buffer[stretchStart...]), as: UTF8.self)
            guard !text.isEmpty else { return last }
            text += last
            return text
        }
    }
}
