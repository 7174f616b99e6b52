#include "lib.h"

#define N 5000
static long a[N], b[N];

static void quicksort(long *v, long lo, long hi) {
    while (lo < hi) {
        long pivot = v[lo + (hi - lo) / 2], i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) {
                long t = v[i];
                v[i++] = v[j];
                v[j--] = t;
            }
        }
        if (j - lo < hi - i) {
            quicksort(v, lo, j);
            lo = i;
        } else {
            quicksort(v, i, hi);
            hi = j;
        }
    }
}

static void insertion_sort(long *v, long n) {
    for (long i = 1; i < n; i++) {
        long x = v[i], j = i - 1;
        while (j >= 0 && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

int main(void) {
    unsigned long seed = 99;
    for (int i = 0; i < N; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        a[i] = b[i] = (long)(seed % 2000001) - 1000000;
    }
    quicksort(a, 0, N - 1);
    insertion_sort(b, N);
    long mismatches = 0, inversions = 0, weighted = 0;
    for (int i = 0; i < N; i++) {
        mismatches += a[i] != b[i];
        inversions += i > 0 && a[i - 1] > a[i];
        weighted += a[i] * (i + 1);
    }
    put_str("min ");
    put_dec(a[0]);
    put_str(" median ");
    put_dec(a[N / 2]);
    put_str(" max ");
    put_dec(a[N - 1]);
    put_str("\nmismatches ");
    put_dec(mismatches);
    put_str(" inversions ");
    put_dec(inversions);
    put_str(" weighted ");
    put_dec(weighted);
    put_char('\n');
    flush();
    return mismatches + inversions;
}
