// C library calls Swift cannot make directly: glibc's allocator settings (mallopt, which the Glibc
// module does not export) and snprintf of one double (a variadic function; through withVaList
// every first use of a format costs Swift generic-metadata lookups).
#include <stdio.h>
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

/// snprintf(buffer, size, format, value) for a format with one double conversion, e.g. "%.3g".
static inline int descent_format_double(char *buffer, unsigned long size, const char *format, double value) {
    return snprintf(buffer, size, format, value);
}
