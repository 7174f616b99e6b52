/* The freestanding run's string.h. */
#ifndef FREESTANDING_STRING_H
#define FREESTANDING_STRING_H
int strcmp(const char *a, const char *b);
int memcmp(const void *a, const void *b, unsigned long n);
unsigned long strlen(const char *s);
void *memset(void *p, int c, unsigned long n);
void *memcpy(void *dst, const void *src, unsigned long n);
#endif
