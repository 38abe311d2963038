/* Seen only by the CGalleyPDF C target: glib and poppler types never reach Swift. */
#include <poppler.h>
