/// Anything that yields the rows of a table one at a time: a delimited text file, a worksheet.
///
/// Readers stream: they hold one row (plus their read buffer) at a time, whatever the table's size.
public protocol RowReader {
    /// The next row, or nil at the end of the table.
    mutating func next() throws -> DelimitedRow?

    /// The next rows for parallel parsing: a block of unparsed records where the format allows
    /// it (delimited text), else one parsed row; nil at the end of the table.
    mutating func nextChunk(targetBytes: Int) throws -> RowChunk?
}

extension RowReader {
    /// One parsed row at a time (formats that cannot be cut into blocks).
    public mutating func nextChunk(targetBytes: Int) throws -> RowChunk? {
        try next().map { .row($0) }
    }
}

extension DelimitedReader: RowReader {}
