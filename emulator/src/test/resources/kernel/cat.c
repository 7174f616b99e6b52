/* Copies stdin to stdout in odd-sized reads, then prints the byte count. */
#include "sys.h"

void _start(void) {
    char buf[7];
    long total = 0, n;
    while ((n = sys3(0, 0, buf, sizeof buf)) > 0) {
        sys3(1, 1, buf, n);
        total += n;
    }
    kv("total", total);
    sys1(60, n < 0 ? 1 : 0);
}
