#ifndef GALLEY_CGALLEYPDF_H
#define GALLEY_CGALLEYPDF_H
/* Plain C front for reading a PDF's text with its positions (poppler-glib).
   No glib or poppler header is visible from here, so Swift never sees them. */
#include <stddef.h>
#include <stdint.h>

/// One character of a page's text, in poppler's reading order. `scalar` is
/// '\n' where poppler ends a line. Coordinates are PDF points from the
/// page's top-left corner; `size` is the font size in points.
typedef struct {
    uint32_t scalar;
    float x0, y0, x1, y1;
    float size;
    /// 1 when the font's name says bold (Bold, Black, Heavy, Semibold, Demi).
    uint8_t bold;
} GalleyPDFChar;

typedef struct GalleyPDFDocument GalleyPDFDocument;

/// Opens a PDF held in memory (copied). NULL on failure, with `*error` a
/// malloc'd message the caller frees with galley_pdf_free.
GalleyPDFDocument *galley_pdf_open(const void *bytes, size_t length, char **error);
void galley_pdf_close(GalleyPDFDocument *document);
int galley_pdf_page_count(GalleyPDFDocument *document);
/// The page's size in points; 0 when the page cannot be read.
int galley_pdf_page_size(GalleyPDFDocument *document, int page, double *width, double *height);
/// The page's characters into a malloc'd array (free with galley_pdf_free);
/// returns their count, or -1 when the page cannot be read.
long galley_pdf_page_chars(GalleyPDFDocument *document, int page, GalleyPDFChar **chars);
void galley_pdf_free(void *pointer);

#endif
