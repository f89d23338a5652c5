// Zstandard's one-shot interface (Debian's libzstd-dev); the Zstd module is its only user.
#include <zstd.h>
