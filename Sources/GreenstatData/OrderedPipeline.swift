import Foundation

/// Runs `transform` on submitted inputs on worker threads and hands the outputs back in
/// submission order, with at most `capacity` batches in flight (bounded memory).
///
/// The producer calls `submit` and `finish` from one thread; they deliver finished outputs to
/// `consume` on that same thread, in order, so the consumer needs no locking. Results therefore
/// do not depend on the number of workers or the batch size.
final class OrderedPipeline<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [(Int, Input)] = []
    private var results: [Int: Output] = [:]
    private var submitted = 0
    private var delivered = 0
    private var closed = false
    private let capacity: Int
    private var threads: [Thread] = []

    /// Starts `workers` threads (at least 1); each calls `makeWorker` once, on its own thread, for
    /// the function it runs, which may keep scratch state of its own between inputs.
    init(workers: Int, capacity: Int, makeWorker: @escaping @Sendable () -> (Input) -> Output) {
        self.capacity = max(1, capacity)
        for _ in 0..<max(1, workers) {
            let thread = Thread { self.work(makeWorker()) }
            thread.stackSize = 8 << 20
            threads.append(thread)
            thread.start()
        }
    }

    private func work(_ transform: (Input) -> Output) {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty && closed {
                condition.unlock()
                return
            }
            let (sequence, input) = queue.removeFirst()
            condition.unlock()
            let output = transform(input)
            condition.lock()
            results[sequence] = output
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Queues `input`, first delivering what is ready; waits while `capacity` batches are in flight.
    func submit(_ input: Input, consume: (Output) throws -> Void) throws {
        condition.lock()
        queue.append((submitted, input))
        submitted += 1
        condition.broadcast()
        condition.unlock()
        try deliver(waitingWhileInFlightAbove: capacity - 1, consume)
    }

    /// Delivers everything still in flight, in order.
    func drain(consume: (Output) throws -> Void) throws {
        try deliver(waitingWhileInFlightAbove: 0, consume)
    }

    /// Stops the workers (after `drain`); outputs not delivered are dropped. Must be called: the
    /// workers keep the pipeline alive until then.
    func close() {
        condition.lock()
        closed = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    deinit { close() }

    private func deliver(waitingWhileInFlightAbove limit: Int, _ consume: (Output) throws -> Void) throws {
        while true {
            condition.lock()
            if let ready = results.removeValue(forKey: delivered) {
                delivered += 1
                condition.unlock()
                try consume(ready)
                continue
            }
            if submitted - delivered > limit {
                condition.wait()
                condition.unlock()
                continue
            }
            condition.unlock()
            return
        }
    }
}
