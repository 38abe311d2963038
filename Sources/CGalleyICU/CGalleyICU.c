#include "CGalleyICU.h"
#include <unicode/uchar.h>

int galley_east_asian_width(uint32_t c) {
    return u_getIntPropertyValue((UChar32)c, UCHAR_EAST_ASIAN_WIDTH);
}
int galley_general_category(uint32_t c) {
    return u_charType((UChar32)c);
}
int galley_emoji_presentation(uint32_t c) {
    return u_hasBinaryProperty((UChar32)c, UCHAR_EMOJI_PRESENTATION) ? 1 : 0;
}
int galley_line_break_class(uint32_t c) {
    return u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK);
}

/* The blocks of Chinese prose that are wholly Wide with no marks or emoji:
   CJK Unified Ideographs (and Extension A), U+3001–303E punctuation and
   U+FF01–FF60 fullwidth forms. Answered without ICU: they are most of a
   Chinese book. */
static int galley_is_plain_wide(uint32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x3001 && c <= 0x3029) || (c >= 0x3030 && c <= 0x303E)
        || (c >= 0xFF01 && c <= 0xFF60);
}

int galley_display_width(uint32_t c, int ambiguousIsWide) {
    if (c < 0x7F) return c >= 0x20 ? 1 : 0;
    if (c < 0xA0) return 0; /* DEL and C1 controls */
    if (galley_is_plain_wide(c)) return 2;
    switch (u_charType((UChar32)c)) {
    case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_FORMAT_CHAR: case U_CONTROL_CHAR:
        return 0;
    default:
        break;
    }
    /* Conjoining Hangul medial vowels and final consonants join the leading
       consonant's two columns (they are N, so they would count 1 otherwise). */
    if ((c >= 0x1160 && c <= 0x11FF) || (c >= 0xD7B0 && c <= 0xD7FF)) return 0;
    if (u_hasBinaryProperty((UChar32)c, UCHAR_EMOJI_PRESENTATION)) return 2;
    switch (u_getIntPropertyValue((UChar32)c, UCHAR_EAST_ASIAN_WIDTH)) {
    case U_EA_WIDE: case U_EA_FULLWIDTH: return 2;
    case U_EA_AMBIGUOUS: return ambiguousIsWide ? 2 : 1;
    default: return 1;
    }
}

int galley_is_wide(uint32_t c) {
    if (c < 0x1100) return 0;
    if (galley_is_plain_wide(c)) return 1;
    switch (u_getIntPropertyValue((UChar32)c, UCHAR_EAST_ASIAN_WIDTH)) {
    case U_EA_WIDE: case U_EA_FULLWIDTH: return 1;
    default: return u_hasBinaryProperty((UChar32)c, UCHAR_EMOJI_PRESENTATION) ? 1 : 0;
    }
}

int galley_line_edge(uint32_t c) {
    switch (u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK)) {
    case U_LB_CLOSE_PUNCTUATION: case U_LB_CLOSE_PARENTHESIS: case U_LB_EXCLAMATION:
    case U_LB_INFIX_NUMERIC: case U_LB_NONSTARTER: case U_LB_POSTFIX_NUMERIC:
    case U_LB_BREAK_SYMBOLS:
        return GALLEY_NOT_LINE_START;
    case U_LB_OPEN_PUNCTUATION: case U_LB_PREFIX_NUMERIC:
        return GALLEY_NOT_LINE_END;
    default:
        return 0;
    }
}
