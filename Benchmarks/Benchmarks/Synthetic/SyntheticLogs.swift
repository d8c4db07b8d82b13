/// Log text as incidents carry it, for measuring redaction: Loki lines of plain services, JSON
/// structured logs, stack traces, words that look like secrets and are not (`token_count`,
/// `cache key`), and a real credential in about one line of 200.
public enum SyntheticLogs {
    /// About `bytes` bytes of log lines, the same every time.
    public static func text(bytes: Int) -> String {
        var random = Generator(seed: 42)
        var text = ""
        text.reserveCapacity(bytes + 512)
        var line = 0
        while text.utf8.count < bytes {
            let second = line % 60
            let stamp = "[2026-10-01 08:\(pad(line / 60 % 60)):\(pad(second)) UTC] "
            let id = random.hex(16)
            switch random.next() % 10 {
            case 0...4:
                text +=
                    stamp
                    + "INFO payments-api request_id=\(id) latency_ms=\(random.next() % 900) path=/api/v1/orders/\(random.next() % 100_000) status=200 cache key=orders:\(random.next() % 5000)\n"
            case 5...7:
                text +=
                    stamp
                    + #"{"ts":"2026-10-01T08:00:00Z","level":"error","service":"payments-api","msg":"upstream timed out","route":"/pay","trace_id":"\#(id)\#(random.hex(16))","attempt":3,"token_count":12,"user":"ana@example.com"}"#
                    + "\n"
            case 8:
                text += stamp + "ERROR java.lang.IllegalStateException: pool exhausted (secret: db-creds mounted)\n"
                for frame in 0..<4 { text += "    at com.example.payments.Client.call(Client.java:\(100 + frame))\n" }
            default:
                text += stamp + "WARN worker-\(random.next() % 16) retrying job \(id) after 250 ms (pwd=/var/lib/app)\n"
            }
            if random.next() % 200 == 0 {
                let secrets = [
                    "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.\(random.hex(24))",
                    "connecting to postgresql://app:\(random.hex(12))@db:5432/app",
                    "export DB_PASSWORD=\(random.hex(20))",
                    "aws_access_key_id=AKIA\(random.hex(8).uppercased())QRSTUVWX",
                ]
                text += stamp + secrets[Int(random.next() % 4)] + "\n"
            }
            line += 1
        }
        return text
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// A linear congruential generator: the same text on every machine.
    private struct Generator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        mutating func hex(_ digits: Int) -> String {
            String((0..<digits).map { _ in Array("0123456789abcdef")[Int(next() % 16)] })
        }
    }
}
