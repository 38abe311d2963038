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
