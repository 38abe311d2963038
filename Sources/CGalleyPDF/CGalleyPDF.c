#include <poppler.h>
#include <stdlib.h>
#include <string.h>
#include "CGalleyPDF.h"

struct GalleyPDFDocument {
    PopplerDocument *document;
    GBytes *bytes;
};

GalleyPDFDocument *galley_pdf_open(const void *bytes, size_t length, char **error) {
    GBytes *data = g_bytes_new(bytes, length);
    GError *failure = NULL;
    PopplerDocument *document = poppler_document_new_from_bytes(data, NULL, &failure);
    if (document == NULL) {
        const char *message = failure != NULL ? failure->message : "not a PDF poppler can read";
        *error = strdup(message);
        if (failure != NULL) g_error_free(failure);
        g_bytes_unref(data);
        return NULL;
    }
    GalleyPDFDocument *result = malloc(sizeof *result);
    result->document = document;
    result->bytes = data;
    return result;
}

void galley_pdf_close(GalleyPDFDocument *document) {
    if (document == NULL) return;
    g_object_unref(document->document);
    g_bytes_unref(document->bytes);
    free(document);
}

int galley_pdf_page_count(GalleyPDFDocument *document) {
    return poppler_document_get_n_pages(document->document);
}

int galley_pdf_page_size(GalleyPDFDocument *document, int index, double *width, double *height) {
    PopplerPage *page = poppler_document_get_page(document->document, index);
    if (page == NULL) return 0;
    poppler_page_get_size(page, width, height);
    g_object_unref(page);
    return 1;
}

static int is_bold(const char *name) {
    if (name == NULL) return 0;
    static const char *marks[] = {"Bold", "bold", "BOLD", "Black", "Heavy", "Semibold", "SemiBold", "Demi"};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
        if (strstr(name, marks[i]) != NULL) return 1;
    }
    return 0;
}

long galley_pdf_page_chars(GalleyPDFDocument *document, int index, GalleyPDFChar **out) {
    *out = NULL;
    PopplerPage *page = poppler_document_get_page(document->document, index);
    if (page == NULL) return -1;
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;
    guint count = 0;
    if (text == NULL || !poppler_page_get_text_layout(page, &rects, &count)) {
        g_free(text);
        g_object_unref(page);
        return 0;
    }
    GalleyPDFChar *chars = calloc(count == 0 ? 1 : count, sizeof *chars);
    const char *cursor = text;
    for (guint i = 0; i < count && *cursor != '\0'; i++) {
        gunichar scalar = g_utf8_get_char_validated(cursor, -1);
        chars[i].scalar = scalar == (gunichar)-1 || scalar == (gunichar)-2 ? 0xFFFD : scalar;
        chars[i].x0 = (float)rects[i].x1;
        chars[i].y0 = (float)rects[i].y1;
        chars[i].x1 = (float)rects[i].x2;
        chars[i].y1 = (float)rects[i].y2;
        cursor = g_utf8_next_char(cursor);
    }
    GList *attributes = poppler_page_get_text_attributes(page);
    for (GList *item = attributes; item != NULL; item = item->next) {
        PopplerTextAttributes *attribute = item->data;
        int bold = is_bold(attribute->font_name);
        for (gint i = attribute->start_index; i <= attribute->end_index && i < (gint)count; i++) {
            if (i < 0) continue;
            chars[i].size = (float)attribute->font_size;
            chars[i].bold = (uint8_t)bold;
        }
    }
    poppler_page_free_text_attributes(attributes);
    g_free(rects);
    g_free(text);
    g_object_unref(page);
    *out = chars;
    return (long)count;
}

void galley_pdf_free(void *pointer) { free(pointer); }
