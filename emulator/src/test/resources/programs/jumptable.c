#include "lib.h"

/* A dense switch compiles to an indirect jump through a table; function pointers to indirect calls. */
static int classify(int c) {
    switch (c) {
    case 0: return 11;
    case 1: return 7;
    case 2: return 31;
    case 3: return 2;
    case 4: return 99;
    case 5: return 13;
    case 6: return 5;
    case 7: return 64;
    case 8: return 3;
    case 9: return 41;
    default: return -1;
    }
}

static long twice(long x) { return 2 * x; }
static long square(long x) { return x * x; }
static long negate(long x) { return -x; }
static long (*const ops[])(long) = {twice, square, negate};

struct point {
    int x, y;
    char tag;
};

int main(void) {
    long sum = 0;
    for (int i = 0; i < 10000; i++) {
        sum += classify(i % 12) * (i & 7);
    }
    put_str("switch sum ");
    put_dec(sum);
    long v = 3;
    for (int i = 0; i < 20; i++) {
        v = ops[i % 3](v) % 1000003;
    }
    put_str("\nops ");
    put_dec(v);
    struct point pts[50];
    for (int i = 0; i < 50; i++) {
        pts[i].x = i * 3 - 70;
        pts[i].y = 100 - i * i;
        pts[i].tag = 'a' + i % 26;
    }
    long dist = 0;
    char tags[51];
    for (int i = 0; i < 50; i++) {
        dist += pts[i].x * pts[i].x + pts[i].y * (long)pts[i].y;
        tags[i] = pts[49 - i].tag;
    }
    tags[50] = 0;
    put_str("\npoints ");
    put_dec(dist);
    put_char(' ');
    put_str(tags);
    put_char('\n');
    flush();
    return 0;
}
