import CGalleyICU

/// Line-edge rules (kinsoku) at clreq's "basic" level, the one clreq
/// recommends: UAX #14's closing/opening classes (from ICU), tailored where
/// UAX #14 does not say what Chinese typesetting needs.
///
/// - Not at line start: UAX #14 CL, CP, EX, IS, NS, PO, SY (、，。：；？！ ）》」』】〕〗,
///   . , : ; ! ? / % ℃…), plus the closing quotes ” ’ (UAX #14 puts them in QU,
///   which says nothing about their side), the middle dots · ‧ ・ and the connectors
///   – ‐ ～ (clreq: "connectors" do not start a line).
/// - Not at line end: UAX #14 OP and PR (（《〈「『【〔〖 ( [ { $ ￥…), plus the
///   opening quotes “ ‘.
/// - Never split: the two-em units —— and …… (clreq "unbreakable marks",
///   GB/T 15834 §5.1.4–5). At the basic level they may start a line.
enum Kinsoku {
    /// Closing quotes and dots that UAX #14 leaves free but clreq keeps off a line start.
    private static let extraNotStart: Set<UInt32> = [
        0x201D, 0x2019,   // ” ’
        0x00B7, 0x2027, 0x30FB,   // · ‧ ・
        0x2010, 0x2013, 0xFF5E,   // ‐ – ～
    ]
    /// Opening quotes that UAX #14 leaves free but clreq keeps off a line end.
    private static let extraNotEnd: Set<UInt32> = [0x201C, 0x2018]   // “ ‘

    /// Marks that come in inseparable pairs: ——, ……, ⋯⋯, ――.
    private static let pairedMarks: Set<UInt32> = [0x2014, 0x2026, 0x22EF, 0x2015, 0x2E3A, 0x2E3B]

    /// True when a cluster starting with `scalar` may not begin a line.
    static func isNotLineStart(_ scalar: Unicode.Scalar) -> Bool {
        if extraNotStart.contains(scalar.value) { return true }
        if scalar.value < 0x21 { return false }
        return galley_line_edge(scalar.value) & GALLEY_NOT_LINE_START != 0
    }

    /// True when a cluster starting with `scalar` may not end a line.
    static func isNotLineEnd(_ scalar: Unicode.Scalar) -> Bool {
        if extraNotEnd.contains(scalar.value) { return true }
        if scalar.value < 0x21 { return false }
        return galley_line_edge(scalar.value) & GALLEY_NOT_LINE_END != 0
    }

    /// True when `first` and `second` form a two-em unit (—— ……) that must
    /// stay on one line.
    static func isInseparablePair(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        first == second && pairedMarks.contains(first.value)
    }
}
