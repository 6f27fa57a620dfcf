// The parts of libxml2 greenstat uses: the SAX2 push parser and its error records.
//
// Debian's libxml2 is built with ICU, and <libxml/encoding.h> then includes the system's ICU
// headers, whose enums clash with the ICU copy inside Foundation ("UErrorCode ... not present in
// definition"). Nothing here uses libxml2's ICU converters (only the tail of
// xmlCharEncodingHandler, which Swift never touches, depends on it), so the flag is dropped.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
