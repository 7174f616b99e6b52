#include "test.h"

int sum(int n, int a[n]) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int proto(int n, int a[*]);
int proto(int n, int a[]) { return a[n - 1]; }

int fill(int n) {
    int v[n];
    for (int i = 0; i < n; i++) v[i] = i * i;
    ASSERT(n * sizeof(int), sizeof(v));
    return sum(n, v);
}

long grid(int rows, int cols) {
    long g[rows][cols];
    ASSERT(rows * cols * 8, sizeof(g));
    ASSERT(cols * 8, sizeof(g[0]));
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) g[r][c] = r * 100 + c;
    long (*row)[cols] = g + 1;
    if (rows > 1) ASSERT(100, (*row)[0]);
    return g[rows - 1][cols - 1];
}

int main(void) {
    ASSERT(0, fill(1));
    ASSERT(285, fill(10));
    ASSERT(7, proto(3, (int[]){5, 6, 7}));
    ASSERT(305, grid(4, 6));
    ASSERT(0, grid(1, 1));
    for (int k = 1; k < 2000; k++) {
        char big[k * 100];
        big[k * 100 - 1] = 1;
        if (k == 1999) ASSERT(1, big[k * 100 - 1]);
        if (k % 2) continue;
    }
    int n = 3;
    ASSERT(16, sizeof(int[n + 1]));
    char *p;
    {
        char buf[n];
        p = buf;
        buf[0] = 'x';
        ASSERT('x', *p);
    }
    report(__FILE__);
    return 0;
}
