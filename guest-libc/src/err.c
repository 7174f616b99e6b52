/* err.c: err/warn family and assertion failures, worded as glibc words them. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "libc.h"

void vwarn(const char *fmt, va_list ap)
{
    int saved = errno;

    if (fmt) {
        fprintf(stderr, "%s: ", __progname);
        vfprintf(stderr, fmt, ap);
        fprintf(stderr, ": %s\n", strerror(saved));
    } else {
        fprintf(stderr, "%s: %s\n", __progname, strerror(saved));
    }
}

void vwarnx(const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: ", __progname);
    if (fmt)
        vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void warn(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vwarn(fmt, ap);
    va_end(ap);
}

void warnx(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vwarnx(fmt, ap);
    va_end(ap);
}

void verr(int status, const char *fmt, va_list ap)
{
    vwarn(fmt, ap);
    exit(status);
}

void verrx(int status, const char *fmt, va_list ap)
{
    vwarnx(fmt, ap);
    exit(status);
}

void err(int status, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    verr(status, fmt, ap);
}

void errx(int status, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    verrx(status, fmt, ap);
}

void __assert_fail(const char *expr, const char *file, unsigned int line, const char *func)
{
    fprintf(stderr, "%s%s%s:%u: %s%sAssertion `%s' failed.\n",
            __progname, __progname[0] ? ": " : "", file, line,
            func ? func : "", func ? ": " : "", expr);
    abort();
}
