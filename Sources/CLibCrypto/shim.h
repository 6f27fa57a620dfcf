// OpenSSL's libcrypto, for SHA-256 (its assembly uses the CPU's SHA instructions where present).
// The one-shot SHA256_* functions are deprecated in OpenSSL 3 in favour of EVP but remain
// supported; they keep the hash state a plain C struct (a Swift value).
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
