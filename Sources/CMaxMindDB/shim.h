// libmaxminddb's public header (libmaxminddb-dev), and accessors for the members of an anonymous union.
#include <maxminddb.h>

static inline const char *cmaxminddb_utf8_string(const MMDB_entry_data_s *data) { return data->utf8_string; }
