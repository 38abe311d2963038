#ifndef GALLEY_CGALLEYICU_H
#define GALLEY_CGALLEYICU_H
/* Plain C front for the few ICU services Galley needs. No ICU header is
   visible from here, so Swift never sees ICU types. */
#include <stdint.h>

/// East Asian Width of a code point: 0 N, 1 A, 2 H, 3 F, 4 Na, 5 W.
int galley_east_asian_width(uint32_t codePoint);
/// Unicode general category (ICU UCharCategory value).
int galley_general_category(uint32_t codePoint);
/// 1 when the code point has Emoji_Presentation.
int galley_emoji_presentation(uint32_t codePoint);
/// UAX #14 line break class (ICU ULineBreak value).
int galley_line_break_class(uint32_t codePoint);

/// Columns one code point takes in a monospace terminal (UAX #11):
/// 0 for controls, combining marks (Mn, Me), format characters (Cf: ZWJ,
/// ZWSP, soft hyphen…) and conjoining Hangul vowels/finals; 2 for East Asian
/// Wide/Fullwidth and Emoji_Presentation; Ambiguous takes 2 only when
/// `ambiguousIsWide` is non-zero; everything else 1.
int galley_display_width(uint32_t codePoint, int ambiguousIsWide);

/// 1 when the code point belongs to East Asian typography (East Asian
/// Wide/Fullwidth or Emoji_Presentation): a line may break on either side
/// of it. Ambiguous characters (“ — …) are not wide here, whatever their width.
int galley_is_wide(uint32_t codePoint);

/// The UAX #14 line-edge restrictions of a code point, before clreq tailoring.
/// Classes CL, CP, EX, IS, NS, PO, SY: closing marks, 、，。：；？！, solidus…
#define GALLEY_NOT_LINE_START 1
/// Classes OP, PR: opening brackets and prefixed signs.
#define GALLEY_NOT_LINE_END 2
int galley_line_edge(uint32_t codePoint);

#endif
