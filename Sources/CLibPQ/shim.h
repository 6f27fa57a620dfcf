// libpq, PostgreSQL's reference client library (Debian: libpq-dev).
#include <libpq-fe.h>
