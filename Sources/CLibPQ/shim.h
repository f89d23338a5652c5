// libpq's public header; Debian installs it under postgresql/ (libpq-dev), pkg-config adds that path.
#include <libpq-fe.h>
