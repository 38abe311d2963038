#include "CGalleyRegex.h"
#include <stdlib.h>
#include <unicode/uregex.h>

struct galley_regex {
    URegularExpression *re;
};

/* ICU counts its time limit in ticks of the match engine (about ten
   thousand steps each); a syntax rule that needs more than this on one line
   is pathological and simply does not match. */
static const int32_t kTimeLimit = 20;

galley_regex *galley_regex_open(const uint16_t *pattern, int32_t length, int caseInsensitive) {
    UErrorCode status = U_ZERO_ERROR;
    uint32_t flags = caseInsensitive ? UREGEX_CASE_INSENSITIVE : 0;
    URegularExpression *re = uregex_open((const UChar *)pattern, length, flags, NULL, &status);
    if (U_FAILURE(status) || re == NULL) {
        if (re) uregex_close(re);
        return NULL;
    }
    uregex_setTimeLimit(re, kTimeLimit, &status);
    uregex_setStackLimit(re, 1 << 20, &status);
    galley_regex *regex = malloc(sizeof *regex);
    if (regex == NULL) {
        uregex_close(re);
        return NULL;
    }
    regex->re = re;
    return regex;
}

galley_regex *galley_regex_clone(const galley_regex *regex) {
    UErrorCode status = U_ZERO_ERROR;
    URegularExpression *re = uregex_clone(regex->re, &status);
    if (U_FAILURE(status) || re == NULL) return NULL;
    uregex_setTimeLimit(re, kTimeLimit, &status);
    uregex_setStackLimit(re, 1 << 20, &status);
    galley_regex *copy = malloc(sizeof *copy);
    if (copy == NULL) {
        uregex_close(re);
        return NULL;
    }
    copy->re = re;
    return copy;
}

void galley_regex_close(galley_regex *regex) {
    if (regex == NULL) return;
    uregex_close(regex->re);
    free(regex);
}

void galley_regex_set_text(galley_regex *regex, const uint16_t *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    static const UChar empty[1] = {0};
    uregex_setText(regex->re, length > 0 ? (const UChar *)text : empty, length, &status);
}

int32_t galley_regex_find(galley_regex *regex, int32_t start, int32_t *end) {
    UErrorCode status = U_ZERO_ERROR;
    if (!uregex_find(regex->re, start, &status) || U_FAILURE(status)) return -1;
    int32_t matchStart = uregex_start(regex->re, 0, &status);
    int32_t matchEnd = uregex_end(regex->re, 0, &status);
    if (U_FAILURE(status)) return -1;
    *end = matchEnd;
    return matchStart;
}

int32_t galley_regex_match_at(galley_regex *regex, int32_t start) {
    UErrorCode status = U_ZERO_ERROR;
    if (!uregex_lookingAt(regex->re, start, &status) || U_FAILURE(status)) return -1;
    int32_t matchEnd = uregex_end(regex->re, 0, &status);
    return U_FAILURE(status) ? -1 : matchEnd;
}

int32_t galley_regex_group_start(galley_regex *regex, int32_t group) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t value = uregex_start(regex->re, group, &status);
    return U_FAILURE(status) ? -1 : value;
}

int32_t galley_regex_group_end(galley_regex *regex, int32_t group) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t value = uregex_end(regex->re, group, &status);
    return U_FAILURE(status) ? -1 : value;
}

int32_t galley_regex_group_count(galley_regex *regex) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t value = uregex_groupCount(regex->re, &status);
    return U_FAILURE(status) ? 0 : value;
}
