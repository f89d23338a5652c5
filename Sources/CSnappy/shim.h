// Snappy's C interface (Debian's libsnappy-dev); the Snappy module is its only user.
#include <snappy-c.h>
