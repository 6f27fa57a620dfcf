#ifndef GREENSTAT_CXMLSHIM_H
#define GREENSTAT_CXMLSHIM_H

// Small C helpers for what Swift cannot reach directly: libxml2 macros and globals, zlib's CRC-32.
// Declared without libxml2's or zlib's headers so that importing this module pulls in nothing else.

/// Frees memory that libxml2 allocated (Swift 6 cannot call the `xmlFree` function-pointer variable).
void greenstat_xml_free(void *pointer);

/// The libxml2 version the program runs with, e.g. "20914" (`xmlParserVersion` is a macro Swift cannot import).
const char *greenstat_xml_parser_version(void);

/// Initialises libxml2 once (safe to call repeatedly, from any thread), before parsers run on other threads.
void greenstat_xml_initialize(void);

/// zlib's CRC-32 of `count` bytes continuing `crc` (ZIPFoundation's Linux build falls back to a slower
/// table-driven CRC in Swift because its zlib module is not named `zlib`).
unsigned int greenstat_crc32(unsigned int crc, const void *bytes, unsigned long count);

#endif
