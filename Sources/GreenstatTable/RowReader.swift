/// Anything that yields the rows of a table one at a time: a delimited text file, a worksheet.
///
/// Readers stream: they hold one row (plus their read buffer) at a time, whatever the table's size.
public protocol RowReader {
    /// The next row, or nil at the end of the table.
    mutating func next() throws -> DelimitedRow?
}

extension DelimitedReader: RowReader {}
