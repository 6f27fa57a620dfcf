import Foundation
import GreenstatTable

/// Finds the 64-bit keys that occur more than once in a stream of any length, in bounded memory:
/// keys are collected into runs of at most `runLength`, each run is sorted and written to a
/// temporary file; the runs are then merged, and a key seen twice in a row of the merge is
/// repeated (the finder serves inputs too large to remember, so there is always more than one
/// run in practice, and one merge serves every case). Memory is one run (8 MiB by default) plus 64 KiB per run
/// while merging; disk is eight bytes a key, removed when done.
struct RepeatedKeyFinder {
    private let runLength: Int
    private let directory: URL
    private var buffer: [UInt64] = []
    private var runFiles: [URL] = []

    /// A finder that keeps at most `runLength` keys in memory and spills runs to `directory`.
    init(runLength: Int = 1 << 20, directory: URL = FileManager.default.temporaryDirectory) {
        self.runLength = max(2, runLength)
        self.directory = directory
        buffer.reserveCapacity(min(self.runLength, 1 << 16))
    }

    /// Adds one key.
    mutating func add(_ key: UInt64) throws {
        buffer.append(key)
        if buffer.count >= runLength { try spill() }
    }

    /// The keys added more than once. Removes the run files.
    mutating func finish() throws -> Set<UInt64> {
        defer { removeRuns() }
        var repeated = Set<UInt64>()
        if !buffer.isEmpty { try spill() }
        buffer = []
        var readers = try runFiles.map { try RunReader(url: $0) }
        // A binary min-heap of (key, run): the next key of the merge is at the top.
        var heap: [(key: UInt64, run: Int)] = []
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { return }
                var child = left
                if left + 1 < heap.count && heap[left + 1].key < heap[left].key { child = left + 1 }
                guard heap[child].key < heap[parent].key else { return }
                heap.swapAt(child, parent)
                parent = child
            }
        }
        for (run, reader) in readers.enumerated() { if let head = reader.head { heap.append((head, run)) } }
        for index in stride(from: heap.count / 2, through: 0, by: -1) { siftDown(index) }
        var previous: UInt64?
        while let top = heap.first {
            if top.key == previous { repeated.insert(top.key) }
            previous = top.key
            try readers[top.run].advance()
            if let next = readers[top.run].head {
                heap[0] = (next, top.run)
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            siftDown(0)
        }
        return repeated
    }

    /// Sorts the buffered keys and writes them to a new run file.
    private mutating func spill() throws {
        buffer.sort()
        let url = directory.appendingPathComponent("greenstat-keys-\(UUID().uuidString).run")
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: url.path)
        else {
            throw FileReadError(path: url.path, reason: "cannot write a temporary file for the duplicate check")
        }
        runFiles.append(url)
        defer { try? handle.close() }
        try buffer.withUnsafeBytes { try handle.write(contentsOf: Data($0)) }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func removeRuns() {
        for url in runFiles { try? FileManager.default.removeItem(at: url) }
        runFiles = []
    }

    /// Reads one sorted run file in chunks.
    private struct RunReader {
        let handle: FileHandle
        var chunk: [UInt64] = []
        var position = 0

        init(url: URL) throws {
            guard let handle = FileHandle(forReadingAtPath: url.path) else {
                throw FileReadError(path: url.path, reason: "cannot read a temporary file of the duplicate check")
            }
            self.handle = handle
            try refill()
        }

        var head: UInt64? { position < chunk.count ? chunk[position] : nil }

        mutating func advance() throws {
            position += 1
            if position == chunk.count { try refill() }
        }

        private mutating func refill() throws {
            let data = try handle.read(upToCount: 64 << 10) ?? Data()
            chunk = data.withUnsafeBytes { raw in
                (0..<(raw.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) }
            }
            position = 0
            if chunk.isEmpty { try? handle.close() }
        }
    }
}
