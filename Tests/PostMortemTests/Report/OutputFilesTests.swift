import Testing
@testable import PostMortem

struct OutputFilesTests {
    @Test(arguments: [
        ("payments-api out of memory", "payments-api-out-of-memory"),
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("../../etc/passwd", "etc-passwd"),
        ("Café crème — ünïcode", "caf-cr-me-n-code"),
        ("🔥🔥", "incident"),
        (String(repeating: "a", count: 100), String(repeating: "a", count: 60)),
    ])
    func slugsAreSafeFileNames(title: String, slug: String) {
        #expect(OutputFiles.slug(title) == slug)
    }

    @Test func baseNameIsDateSlugAndIdPrefix() {
        let incident = Incident(
            id: "a0000000-0000-4000-8000-000000000001", title: "Disk full", target: "db", severity: "low",
            status: "resolved", createdAt: Timestamp(microseconds: 1_790_841_600_000_000))
        #expect(OutputFiles.baseName(for: incident) == "2026-10-01-disk-full-a0000000")
    }
}
