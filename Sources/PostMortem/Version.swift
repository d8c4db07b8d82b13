/// The version of sentinel-report, written into every generated document.
public enum SentinelReportVersion {
    public static let current = "0.1.0"
}
