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

#endif
