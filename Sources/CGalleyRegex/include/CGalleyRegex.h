#ifndef GALLEY_CGALLEYREGEX_H
#define GALLEY_CGALLEYREGEX_H
/* Plain C front for ICU regular expressions (uregex), used by the syntax
   highlighter. No ICU header is visible from here, so Swift never sees ICU
   types (see DESIGN.md, the libxml2/ICU pitfall). Text is UTF-16. */
#include <stdint.h>

typedef struct galley_regex galley_regex;

/// Compiles `pattern` (UTF-16); NULL when ICU rejects it. Matching is
/// bounded: a match that takes more than ICU's time limit fails.
galley_regex *galley_regex_open(const uint16_t *pattern, int32_t length, int caseInsensitive);
/// A matcher of the same compiled pattern with its own text and state
/// (one per thread); NULL when out of memory.
galley_regex *galley_regex_clone(const galley_regex *regex);
void galley_regex_close(galley_regex *regex);

/// Sets the text the next calls search. The text is not copied: it must stay
/// alive and unchanged until the next call of this function.
void galley_regex_set_text(galley_regex *regex, const uint16_t *text, int32_t length);

/// The first match starting at or after `start` (the text before `start`
/// is seen by lookbehind and `\b`; `^` matches at 0 only). Returns its start
/// and sets `*end`, or returns -1 when there is none (or the limit was hit).
int32_t galley_regex_find(galley_regex *regex, int32_t start, int32_t *end);

/// A match starting exactly at `start`: returns its end, or -1.
int32_t galley_regex_match_at(galley_regex *regex, int32_t start);

/// The bounds of capture group `group` of the last match; -1 when unset.
int32_t galley_regex_group_start(galley_regex *regex, int32_t group);
int32_t galley_regex_group_end(galley_regex *regex, int32_t group);
/// The number of capture groups in the pattern.
int32_t galley_regex_group_count(galley_regex *regex);

#endif
