#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, so its encoding.h includes the system's ICU headers, which
// clash with the ICU that Foundation bundles. Only the layout of xmlCharEncodingHandler (never
// used from Swift, only pointed to) depends on this, so hiding ICU here is safe.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
