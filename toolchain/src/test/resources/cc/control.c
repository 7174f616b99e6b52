#include "test.h"

int sum_to(int n) {
    int s = 0;
    for (int i = 1; i <= n; i++) s += i;
    return s;
}

int classify(int x) {
    switch (x) {
    case 0: return 10;
    case 1:
    case 2: return 20;
    case 3 ... 5: return 30;
    case -1: return -10;
    default: return 99;
    }
}

int fallthrough(int x) {
    int r = 0;
    switch (x) {
    case 1: r += 1;
    case 2: r += 2;
        break;
    case 3: r += 3;
    default: r += 100;
    }
    return r;
}

long switch_long(long x) {
    switch (x) {
    case 0x100000000L: return 1;
    case -5: return 2;
    }
    return 3;
}

int labels_as_values(int i) {
    static void *table[] = {&&zero, &&one, &&two};
    goto *table[i];
zero: return 100;
one: return 101;
two: return 102;
}

int main(void) {
    int i = 0, j = 0;
    if (1) i = 2; else i = 3;
    ASSERT(2, i);
    if (0) i = 2; else i = 3;
    ASSERT(3, i);
    if (0) ; else if (0) i = 4; else i = 5;
    ASSERT(5, i);
    ASSERT(55, sum_to(10));
    for (i = 0; i < 10; i++) { if (i == 5) break; }
    ASSERT(5, i);
    for (i = 0, j = 0; i < 10; i++) { if (i % 2) continue; j++; }
    ASSERT(5, j);
    i = 0;
    while (i < 7) i++;
    ASSERT(7, i);
    i = 0;
    while (1) { if (i++ == 3) break; }
    ASSERT(4, i);
    i = 0;
    do { i += 2; } while (i < 9);
    ASSERT(10, i);
    i = 100;
    do i++; while (0);
    ASSERT(101, i);
    j = 0;
    do { j++; if (j < 5) continue; break; } while (1);
    ASSERT(5, j);
    for (;;) { j = 42; break; }
    ASSERT(42, j);

    ASSERT(10, classify(0));
    ASSERT(20, classify(1));
    ASSERT(20, classify(2));
    ASSERT(30, classify(4));
    ASSERT(30, classify(5));
    ASSERT(-10, classify(-1));
    ASSERT(99, classify(77));
    ASSERT(3, fallthrough(1));
    ASSERT(2, fallthrough(2));
    ASSERT(103, fallthrough(3));
    ASSERT(100, fallthrough(9));
    ASSERT(1, switch_long(0x100000000L));
    ASSERT(2, switch_long(-5));
    ASSERT(3, switch_long(0));
    {
        char c = 'b';
        int r = 0;
        switch (c) { case 'a': r = 1; break; case 'b': r = 2; break; }
        ASSERT(2, r);
        switch (3) { default: r = 9; }
        ASSERT(9, r);
        switch (r) { }
        switch (r) case 9: r = 11;
        ASSERT(11, r);
        r = 0;
        for (int k = 0; k < 3; k++) {
            switch (k) { case 1: continue; default: break; }
            r += 10;
        }
        ASSERT(20, r);
    }
    i = 0;
    goto skip;
    i = 1;
skip:
    ASSERT(0, i);
    j = 0;
again:
    j++;
    if (j < 3) goto again;
    ASSERT(3, j);
    ASSERT(100, labels_as_values(0));
    ASSERT(102, labels_as_values(2));
    {
        int n = 0;
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 4; b++) {
                if (b > a) break;
                n++;
            }
        ASSERT(10, n);
    }
    ASSERT(3, ({ int x = 1; x + 2; }));
    ASSERT(1, 2 > 1 ? 1 : 0);
    ASSERT(5, 0 ?: 5);
    ASSERT(7, 7 ?: 5);
    {
        int x = 1;
        x ? (void)0 : (void)(x = 5);
        ASSERT(1, x);
    }
    report(__FILE__);
    return 0;
}
