/* The sizes and alignments of C's basic types on x86-64 Linux, and how printf shows a null pointer. */
#include <stdio.h>
#include <stddef.h>

#define SHOW(type) printf("%-12s size %2zu  align %2zu\n", #type, sizeof(type), _Alignof(type))

int main(void)
{
    SHOW(char);
    SHOW(short);
    SHOW(int);
    SHOW(long);
    SHOW(long long);
    SHOW(float);
    SHOW(double);
    SHOW(long double);
    SHOW(void *);
    SHOW(size_t);
    SHOW(max_align_t);
    printf("%%p of NULL:  %p\n", (void *)NULL);
    printf("%%#x of 0:    %#x\n", 0u);
    printf("%%#x of 255:  %#x\n", 255u);
    return 0;
}
