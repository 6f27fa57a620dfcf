/// Fixed-point number text without `String(format:)` (slow on Linux): `fixed(0.5, 3)` is `0.500`.
public enum FixedPoint {
    /// `value` rounded half away from zero to `decimals` decimals, as a sign, the whole part and
    /// the `decimals` digits after the point (as a number): the one rounding rule of the text
    /// forms (`text`, and JSON written digit by digit).
    public static func parts(_ value: Double, decimals: Int) -> (negative: Bool, whole: UInt64, fraction: UInt64) {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((value * Double(scale)).rounded())
        let magnitude = scaled.magnitude
        return (scaled < 0, magnitude / UInt64(scale), magnitude % UInt64(scale))
    }

    /// `value` rounded half away from zero to `decimals` decimals.
    public static func text(_ value: Double, decimals: Int) -> String {
        let (negative, whole, fractionValue) = parts(value, decimals: decimals)
        var out = (negative ? "-" : "") + String(whole)
        if decimals > 0 {
            let fraction = String(fractionValue)
            out += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return out
    }
}
