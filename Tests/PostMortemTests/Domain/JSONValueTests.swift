import Testing
@testable import PostMortem

struct JSONValueTests {
    typealias Leaf = JSONValue.Leaf

    @Test(arguments: [
        (
            #"{"type": "container", "mem_percent": 99.20, "restarts_1h": 3}"#,
            [
                Leaf(path: "type", value: "container"), Leaf(path: "mem_percent", value: "99.20"),
                Leaf(path: "restarts_1h", value: "3"),
            ]
        ),
        (
            #"{"labels": {"app": "gw", "tier": ["edge", null]}, "ready": false}"#,
            [
                Leaf(path: "labels.app", value: "gw"), Leaf(path: "labels.tier[0]", value: "edge"),
                Leaf(path: "labels.tier[1]", value: "null"), Leaf(path: "ready", value: "false"),
            ]
        ),
        (
            #"[{"a": 1e3}, 2, "x"]"#,
            [Leaf(path: "[0].a", value: "1e3"), Leaf(path: "[1]", value: "2"), Leaf(path: "[2]", value: "x")]
        ),
        ("42", [Leaf(path: "", value: "42")]),
        ("null", [Leaf(path: "", value: "null")]),
        (#"{"empty": {}, "none": []}"#, [Leaf(path: "empty", value: "{}"), Leaf(path: "none", value: "[]")]),
        (#"{"s": "tab\there \"q\" \u00e9 \ud83d\udd25 \ud800"}"#, [Leaf(path: "s", value: "tab\there \"q\" é 🔥 \u{FFFD}")]),
        (#"{"big": 123456789012345678901234567890.000001}"#, [Leaf(path: "big", value: "123456789012345678901234567890.000001")]),
    ])
    func flattensAnyShapeToLeaves(json: String, leaves: [Leaf]) throws {
        #expect(try JSONValue(parsing: json).leaves == leaves)
    }

    @Test(arguments: ["", "{", "{\"a\" 1}", "[1,]", "tru", "01x", "\"unterminated", "{\"a\":1} extra", "-", "1.", "\"\\q\""])
    func rejectsInvalidJSON(text: String) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func refusesPathologicalNesting() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: deep) }
    }
}
