/* poppler-glib is loaded when the first PDF is opened, not when galley
   starts: it and the sixty libraries it pulls in (cairo, curl, nss…) would
   otherwise be mapped and bound on every run, about 9 ms of a build that
   never reads a PDF. The few types used are glib's and poppler-glib's
   public, stable structures (poppler-glib soname 8), declared here. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "CGalleyPDF.h"

typedef struct { uint32_t domain; int code; char *message; } GError;
typedef struct GList { void *data; struct GList *next, *prev; } GList;
typedef struct { double x1, y1, x2, y2; } PopplerRectangle;
typedef struct { uint16_t red, green, blue; } PopplerColor;
typedef struct {
    char *font_name;
    double font_size;
    int is_underlined;
    PopplerColor color;
    int start_index, end_index;
} PopplerTextAttributes;
typedef struct GBytes GBytes;
typedef struct PopplerDocument PopplerDocument;
typedef struct PopplerPage PopplerPage;

static struct {
    GBytes *(*bytes_new)(const void *, size_t);
    void (*bytes_unref)(GBytes *);
    void (*error_free)(GError *);
    void (*free)(void *);
    void (*object_unref)(void *);
    PopplerDocument *(*document_new_from_bytes)(GBytes *, const char *, GError **);
    int (*document_get_n_pages)(PopplerDocument *);
    PopplerPage *(*document_get_page)(PopplerDocument *, int);
    void (*page_get_size)(PopplerPage *, double *, double *);
    char *(*page_get_text)(PopplerPage *);
    int (*page_get_text_layout)(PopplerPage *, PopplerRectangle **, unsigned *);
    GList *(*page_get_text_attributes)(PopplerPage *);
    void (*page_free_text_attributes)(GList *);
} poppler;
static char poppler_failure[512];
static pthread_once_t poppler_once = PTHREAD_ONCE_INIT;

static void load_poppler(void) {
    void *library = dlopen("libpoppler-glib.so.8", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(poppler_failure, sizeof poppler_failure, "cannot load poppler-glib (%s)", dlerror());
        return;
    }
    struct { void **slot; const char *name; } symbols[] = {
        {(void **)&poppler.bytes_new, "g_bytes_new"},
        {(void **)&poppler.bytes_unref, "g_bytes_unref"},
        {(void **)&poppler.error_free, "g_error_free"},
        {(void **)&poppler.free, "g_free"},
        {(void **)&poppler.object_unref, "g_object_unref"},
        {(void **)&poppler.document_new_from_bytes, "poppler_document_new_from_bytes"},
        {(void **)&poppler.document_get_n_pages, "poppler_document_get_n_pages"},
        {(void **)&poppler.document_get_page, "poppler_document_get_page"},
        {(void **)&poppler.page_get_size, "poppler_page_get_size"},
        {(void **)&poppler.page_get_text, "poppler_page_get_text"},
        {(void **)&poppler.page_get_text_layout, "poppler_page_get_text_layout"},
        {(void **)&poppler.page_get_text_attributes, "poppler_page_get_text_attributes"},
        {(void **)&poppler.page_free_text_attributes, "poppler_page_free_text_attributes"},
    };
    for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++) {
        *symbols[i].slot = dlsym(library, symbols[i].name);
        if (*symbols[i].slot == NULL) {
            snprintf(poppler_failure, sizeof poppler_failure, "poppler-glib has no %s", symbols[i].name);
            return;
        }
    }
}

/* The code point at `cursor` (U+FFFD for a malformed sequence) and where the next one starts. */
static uint32_t next_scalar(const unsigned char **cursor) {
    const unsigned char *p = *cursor;
    unsigned char lead = p[0];
    int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0) {
        *cursor = p + 1;
        return 0xFFFD;
    }
    uint32_t scalar = length == 1 ? lead : lead & (0x7F >> length);
    for (int i = 1; i < length; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *cursor = p + i;
            return 0xFFFD;
        }
        scalar = (scalar << 6) | (p[i] & 0x3F);
    }
    *cursor = p + length;
    return scalar;
}

struct GalleyPDFDocument {
    PopplerDocument *document;
    GBytes *bytes;
};

GalleyPDFDocument *galley_pdf_open(const void *bytes, size_t length, char **error) {
    pthread_once(&poppler_once, load_poppler);
    if (poppler_failure[0] != '\0') {
        *error = strdup(poppler_failure);
        return NULL;
    }
    GBytes *data = poppler.bytes_new(bytes, length);
    GError *failure = NULL;
    PopplerDocument *document = poppler.document_new_from_bytes(data, NULL, &failure);
    if (document == NULL) {
        const char *message = failure != NULL ? failure->message : "not a PDF poppler can read";
        *error = strdup(message);
        if (failure != NULL) poppler.error_free(failure);
        poppler.bytes_unref(data);
        return NULL;
    }
    GalleyPDFDocument *result = malloc(sizeof *result);
    result->document = document;
    result->bytes = data;
    return result;
}

void galley_pdf_close(GalleyPDFDocument *document) {
    if (document == NULL) return;
    poppler.object_unref(document->document);
    poppler.bytes_unref(document->bytes);
    free(document);
}

int galley_pdf_page_count(GalleyPDFDocument *document) {
    return poppler.document_get_n_pages(document->document);
}

int galley_pdf_page_size(GalleyPDFDocument *document, int index, double *width, double *height) {
    PopplerPage *page = poppler.document_get_page(document->document, index);
    if (page == NULL) return 0;
    poppler.page_get_size(page, width, height);
    poppler.object_unref(page);
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
    PopplerPage *page = poppler.document_get_page(document->document, index);
    if (page == NULL) return -1;
    char *text = poppler.page_get_text(page);
    PopplerRectangle *rects = NULL;
    unsigned count = 0;
    if (text == NULL || !poppler.page_get_text_layout(page, &rects, &count)) {
        poppler.free(text);
        poppler.object_unref(page);
        return 0;
    }
    GalleyPDFChar *chars = calloc(count == 0 ? 1 : count, sizeof *chars);
    const unsigned char *cursor = (const unsigned char *)text;
    for (unsigned i = 0; i < count && *cursor != '\0'; i++) {
        chars[i].scalar = next_scalar(&cursor);
        chars[i].x0 = (float)rects[i].x1;
        chars[i].y0 = (float)rects[i].y1;
        chars[i].x1 = (float)rects[i].x2;
        chars[i].y1 = (float)rects[i].y2;
    }
    GList *attributes = poppler.page_get_text_attributes(page);
    for (GList *item = attributes; item != NULL; item = item->next) {
        PopplerTextAttributes *attribute = item->data;
        int bold = is_bold(attribute->font_name);
        for (int i = attribute->start_index; i <= attribute->end_index && i < (int)count; i++) {
            if (i < 0) continue;
            chars[i].size = (float)attribute->font_size;
            chars[i].bold = (uint8_t)bold;
        }
    }
    poppler.page_free_text_attributes(attributes);
    poppler.free(rects);
    poppler.free(text);
    poppler.object_unref(page);
    *out = chars;
    return (long)count;
}

void galley_pdf_free(void *pointer) { free(pointer); }
