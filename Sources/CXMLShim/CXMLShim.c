#include "CXMLShim.h"

#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>
#include <pthread.h>
#include <zlib.h>

void greenstat_xml_free(void *pointer) {
    if (pointer != NULL) {
        xmlFree(pointer);
    }
}

const char *greenstat_xml_parser_version(void) { return xmlParserVersion; }

static pthread_once_t greenstat_xml_once = PTHREAD_ONCE_INIT;

static void greenstat_xml_initialize_once(void) { xmlInitParser(); }

void greenstat_xml_initialize(void) { pthread_once(&greenstat_xml_once, greenstat_xml_initialize_once); }

unsigned int greenstat_crc32(unsigned int crc, const void *bytes, unsigned long count) {
    uLong value = crc;
    const Bytef *cursor = (const Bytef *)bytes;
    while (count > 0) {
        uInt piece = count > (1u << 30) ? (1u << 30) : (uInt)count;
        value = crc32(value, cursor, piece);
        cursor += piece;
        count -= piece;
    }
    return (unsigned int)value;
}
