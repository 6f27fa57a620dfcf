// greenstat-bench-io: throughput of the input layer, for scripts/bench_decode.sh and bench_xlsx.sh.
//
//   greenstat-bench-io decode FILE [ENCODING]   decode text to UTF-8 (TranscodingByteSource), count bytes and lines
//   greenstat-bench-io rows FILE [SHEET]        open by content (CSV/TSV/.xlsx) and count rows and cells
//   greenstat-bench-io raw FILE                 the UTF-8 CSV reader alone (no sniffing or decoding): the baseline
//   greenstat-bench-io register FILE [SHEET]    read as a register (header mapping, checks) and count records
//
// Prints one line: what was measured, MB/s or rows/s, and the peak resident memory (getrusage).

import Foundation
import GreenstatData
import GreenstatTable

#if canImport(Glibc)
    import Glibc
#endif

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func peakResidentMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(
        Data("usage: greenstat-bench-io decode|rows|raw|register FILE [ENCODING|SHEET]\n".utf8))
    exit(64)
}
let mode = arguments[1]
let path = arguments[2]
let extra = arguments.count > 3 ? arguments[3] : nil
let size = fileSize(path)

do {
    let start = now()
    switch mode {
    case "decode":
        let encoding = extra.flatMap(TextEncoding.init(name:))
        let source = try TranscodingByteSource(source: try FileByteSource(path: path), encoding: encoding, name: path)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var produced = 0
        var lines = 0
        while true {
            buffer.removeAll(keepingCapacity: true)
            let got = try source.read(into: &buffer, maxCount: 1 << 20)
            if got == 0 { break }
            produced += got
            lines += buffer.withUnsafeBufferPointer { pointer in
                var count = 0
                var cursor = UnsafeRawPointer(pointer.baseAddress!)
                let end = cursor + pointer.count
                while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
                    count += 1
                    cursor = UnsafeRawPointer(found) + 1
                }
                return count
            }
        }
        let seconds = now() - start
        print(
            String(
                format: "decode %@ (%@): %.1f MB in, %.1f MB UTF-8 out, %d lines, %.2f s, %.0f MB/s, peak RSS %.0f MiB",
                path, source.encoding.displayName, Double(size) / 1e6, Double(produced) / 1e6, lines, seconds,
                Double(size) / 1e6 / seconds, peakResidentMiB()))
    case "rows":
        var table = try TableFile.open(path: path, options: TableOpenOptions(sheet: extra))
        var rows = 0
        var cells = 0
        while let row = try table.rows.next() {
            rows += 1
            cells += row.fields.count
        }
        let seconds = now() - start
        print(
            String(
                format: "rows %@: %d rows, %d cells, %.2f s, %.0f rows/s, %.0f MB/s of file, peak RSS %.0f MiB",
                path, rows, cells, seconds, Double(rows) / seconds, Double(size) / 1e6 / seconds, peakResidentMiB()))
    case "raw":
        // The CSV reader straight over the file, without content sniffing or decoding (the baseline).
        var reader = try DelimitedReader(source: try FileByteSource(path: path))
        var rows = 0
        var cells = 0
        while let row = try reader.next() {
            rows += 1
            cells += row.fields.count
        }
        let seconds = now() - start
        print(
            String(
                format: "raw %@: %d rows, %d cells, %.2f s, %.0f rows/s, %.0f MB/s of file, peak RSS %.0f MiB",
                path, rows, cells, seconds, Double(rows) / seconds, Double(size) / 1e6 / seconds, peakResidentMiB()))
    case "register":
        var reader = try RegisterReader(path: path, sheet: extra)
        var accepted = 0
        var rejected = 0
        while let row = try reader.next() {
            if case .accepted = row { accepted += 1 } else { rejected += 1 }
        }
        let seconds = now() - start
        print(
            String(
                format: "register %@: %d accepted, %d rejected, %.2f s, %.0f rows/s, peak RSS %.0f MiB", path,
                accepted, rejected, seconds, Double(accepted + rejected) / seconds, peakResidentMiB()))
    default:
        FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
}
