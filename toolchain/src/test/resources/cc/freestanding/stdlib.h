/* The freestanding run's stdlib.h. */
#ifndef FREESTANDING_STDLIB_H
#define FREESTANDING_STDLIB_H
void exit(int code);
#endif
