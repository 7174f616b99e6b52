/* Sleeps 300 ms and reports how much CLOCK_MONOTONIC moved, in whole milliseconds (at least 300). */
#include <stdio.h>
#include <time.h>

int main(void) {
    struct timespec a, b, nap = {0, 300 * 1000 * 1000};
    clock_gettime(CLOCK_MONOTONIC, &a);
    nanosleep(&nap, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
    printf("slept %s\n", ms >= 300 ? "at least 300 ms" : "too little");
    return 0;
}
