import CLibpq

/// The rows of a statement's result, copied out of libpq's `PGresult` as text.
struct PostgresRows {
    /// Each row's values by column position; `nil` is SQL NULL.
    let rows: [[String?]]
    /// Rows affected by an INSERT, UPDATE or DELETE; 0 otherwise.
    let affectedRows: Int

    /// Copies every value of `result`; the caller keeps ownership of `result`.
    init(_ result: OpaquePointer) {
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        var rows: [[String?]] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(nil)
                } else {
                    let length = Int(PQgetlength(result, row, column))
                    let bytes = UnsafeRawBufferPointer(start: PQgetvalue(result, row, column), count: length)
                    values.append(String(decoding: bytes, as: UTF8.self))
                }
            }
            rows.append(values)
        }
        self.rows = rows
        self.affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
    }
}
