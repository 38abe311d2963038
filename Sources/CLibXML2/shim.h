#ifndef GALLEY_CLIBXML2_SHIM_H
#define GALLEY_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its headers would pull in system ICU,
   which clashes with the ICU Foundation bundles. Turn that off first. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlreader.h>
#endif
