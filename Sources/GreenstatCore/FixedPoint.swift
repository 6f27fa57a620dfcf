/// Fixed-point number text without `String(format:)` (slow on Linux): `fixed(0.5, 3)` is `0.500`.
public enum FixedPoint {
    /// `value` rounded half away from zero to `decimals` decimals.
    public static func text(_ value: Double, decimals: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((value * Double(scale)).rounded())
        let negative = scaled < 0
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt64(scale)
        var out = (negative ? "-" : "") + String(whole)
        if decimals > 0 {
            let fraction = String(magnitude % UInt64(scale))
            out += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return out
    }
}
