/// Facts about this build of greenstat, recorded with every run in the store.
public enum ToolInfo {
    /// The version.
    public static let version = "0.2.0"
}
