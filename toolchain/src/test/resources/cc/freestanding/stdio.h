/* The freestanding run's stdio.h: just the formatted output rt.c provides. */
#ifndef FREESTANDING_STDIO_H
#define FREESTANDING_STDIO_H
#include <stdarg.h>
int printf(const char *fmt, ...);
int sprintf(char *buf, const char *fmt, ...);
int vsprintf(char *buf, const char *fmt, va_list ap);
#endif
