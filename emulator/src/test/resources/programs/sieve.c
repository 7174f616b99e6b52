#include "lib.h"

#define N 100000
static unsigned char composite[N];

int main(void) {
    long count = 0, sum = 0, last = 0;
    for (long i = 2; i < N; i++) {
        if (composite[i]) {
            continue;
        }
        count++;
        sum += i;
        last = i;
        for (long j = i * i; j < N; j += i) {
            composite[j] = 1;
        }
    }
    put_str("primes below ");
    put_dec(N);
    put_str(": ");
    put_dec(count);
    put_str(" sum ");
    put_dec(sum);
    put_str(" largest ");
    put_dec(last);
    put_char('\n');
    flush();
    return 0;
}
