/// Arithmetic on numbers that come from arguments or from Coolify's answers: nil instead of a
/// trap, so a page near Int.max or a hostile count becomes a clear tool error or a missing
/// "next", never the end of the process (an overflow traps, and the trap ends every session).
enum CheckedMath {
    static func sum(_ left: Int, _ right: Int) -> Int? {
        let (value, overflow) = left.addingReportingOverflow(right)
        return overflow ? nil : value
    }

    static func product(_ left: Int, _ right: Int) -> Int? {
        let (value, overflow) = left.multipliedReportingOverflow(by: right)
        return overflow ? nil : value
    }

    /// The next page number, if there is one.
    static func successor(_ page: Int) -> Int? { sum(page, 1) }
}
