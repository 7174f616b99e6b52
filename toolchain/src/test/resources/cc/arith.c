#include "test.h"

int ret3(void) { return 3; }
long add_long(long a, long b) { return a + b; }

int main(void) {
    ASSERT(0, 0);
    ASSERT(42, 42);
    ASSERT(21, 5 + 20 - 4);
    ASSERT(47, 5 + 6 * 7);
    ASSERT(15, 5 * (9 - 6));
    ASSERT(4, (3 + 5) / 2);
    ASSERT(10, - -10);
    ASSERT(10, - - +10);
    ASSERT(-3, -7 / 2);
    ASSERT(-1, -7 % 2);
    ASSERT(1, 7 % -2);
    ASSERT(0, 0 == 1);
    ASSERT(1, 42 == 42);
    ASSERT(1, 0 != 1);
    ASSERT(1, 0 < 1);
    ASSERT(0, 1 < 1);
    ASSERT(1, 1 <= 1);
    ASSERT(1, 2 > 1);
    ASSERT(1, 1 >= 1);
    ASSERT(0, 1 >= 2);
    ASSERT(1, !0);
    ASSERT(0, !3);
    ASSERT(-1, ~0);
    ASSERT(0, ~-1);
    ASSERT(2, 17 % 5);
    ASSERT(0, 0 & 1);
    ASSERT(1, 3 & 1);
    ASSERT(3, 1 | 2);
    ASSERT(2, 3 ^ 1);
    ASSERT(1, 1 << 0);
    ASSERT(8, 1 << 3);
    ASSERT(10, 5 << 1);
    ASSERT(2, 5 >> 1);
    ASSERT(-1, -1 >> 1);
    ASSERT(1, 0 || 1);
    ASSERT(0, 0 || 0);
    ASSERT(1, 2 && 3);
    ASSERT(0, 0 && 1);
    ASSERT(3, (1, 2, 3));
    ASSERT(3, ret3());

    // integer promotions and usual arithmetic conversions
    ASSERT(4, sizeof((char)1 + (char)1));
    ASSERT(4, sizeof((short)1 << 1));
    ASSERT(4, sizeof(~(unsigned char)0));
    ASSERT(-1, ~(unsigned char)0);
    ASSERT(8, sizeof(1 + 1L));
    ASSERT(8, sizeof(1U + 1L));
    ASSERT(1, -1 < 0U ? 0 : 1);
    ASSERT(1, -1L < 0U);
    ASSERT(0, -1 < 0UL);
    ASSERT(1, (unsigned char)255 == 255);
    ASSERT(-1, (signed char)255);
    ASSERT(255, (unsigned char)-1);
    ASSERT(65535, (unsigned short)-1);
    ASSERT(-1, (short)65535);
    ASSERT(4294967295L, (unsigned)-1);
    ASSERT(1, (unsigned)-1 > 0);
    ASSERT(2147483647, (unsigned)-1 >> 1);
    ASSERT(-1, (int)(unsigned)-1);
    ASSERT(1, (_Bool)2);
    ASSERT(0, (_Bool)0);
    ASSERT(1, (_Bool)0.5);
    ASSERT(1, (long)(unsigned)-1 == 4294967295L);
    ASSERT(-2147483648L, (long)(int)2147483648L);
    ASSERT(0, 2147483647 + 1U == 0);
    ASSERT(1, 0xffffffffU + 1 == 0);
    {
        unsigned char uc = 200;
        signed char sc = -56;
        ASSERT(400, uc + uc);
        ASSERT(144, sc + uc);
        ASSERT(1, uc > sc);
        unsigned u = 3;
        int i = -4;
        ASSERT(1, u + i > 100);
        ASSERT(-1, (int)(u + i));
        long l = -4;
        ASSERT(-1, u + l);
        unsigned long ul = 10;
        ASSERT(1, ul > -1 ? 0 : 1);
        ASSERT(5, ul / 2);
        ASSERT(1, (unsigned)10 / -1 == 0);
        ASSERT(-5, -10 / 2);
        ASSERT(9223372036854775807L, 0xffffffffffffffffUL >> 1);
        ASSERT(9223372036854775807L, 0xffffffffffffffffL >> 1);
        ASSERT(-1, -1L >> 1);
    }

    // literal types (C11 6.4.4.1)
    ASSERT(4, sizeof(2147483647));
    ASSERT(8, sizeof(2147483648));
    ASSERT(4, sizeof(0x7fffffff));
    ASSERT(4, sizeof(0xffffffff));
    ASSERT(8, sizeof(0x100000000));
    ASSERT(1, 0xffffffff > 0);
    ASSERT(1, 4294967295 > 0);
    ASSERT(4, sizeof(1U));
    ASSERT(8, sizeof(1L));
    ASSERT(8, sizeof(1LL));
    ASSERT(8, sizeof(1ULL));
    ASSERT(8, sizeof(1lu));
    ASSERT(8, sizeof(1Ul));
    ASSERT(8, sizeof(4294967296U));
    ASSERT(511, 0777);
    ASSERT(0, 00);
    ASSERT(10, 0b1010);
    ASSERT(255, 0XFF);
    ASSERT(-9223372036854775807L - 1, 0x8000000000000000);
    ASSERT(1, 0x8000000000000000 > 0);
    ASSERT(1, 18446744073709551615U == -1);

    // shifts and compound assignment
    {
        int x = 5;
        x += 3; ASSERT(8, x);
        x -= 1; ASSERT(7, x);
        x *= 2; ASSERT(14, x);
        x /= 3; ASSERT(4, x);
        x %= 3; ASSERT(1, x);
        x <<= 4; ASSERT(16, x);
        x >>= 2; ASSERT(4, x);
        x |= 3; ASSERT(7, x);
        x &= 5; ASSERT(5, x);
        x ^= 1; ASSERT(4, x);
        ASSERT(4, x++);
        ASSERT(5, x);
        ASSERT(6, ++x);
        ASSERT(6, x--);
        ASSERT(4, --x);
        char c = 127;
        c++;
        ASSERT(-128, c);
        unsigned char u = 255;
        u += 1;
        ASSERT(0, u);
        short s = 1;
        s <<= 15;
        ASSERT(-32768, s);
        long big = 1L << 40;
        ASSERT(1099511627776L, big);
        ASSERT(3, add_long(1, 2));
        int sh = 33;
        ASSERT(2, 1L << (sh - 32));
    }
    ASSERT(1, sizeof(char));
    ASSERT(2, sizeof(short));
    ASSERT(4, sizeof(int));
    ASSERT(8, sizeof(long));
    ASSERT(8, sizeof(long long));
    ASSERT(8, sizeof(void *));
    ASSERT(4, sizeof(float));
    ASSERT(8, sizeof(double));
    ASSERT(16, sizeof(long double));
    ASSERT(16, _Alignof(long double));
    ASSERT(1, sizeof(_Bool));
    ASSERT(2, sizeof(short int));
    ASSERT(8, sizeof(long int));
    ASSERT(8, sizeof(unsigned long long int));
    ASSERT(4, sizeof(signed));
    ASSERT(1, sizeof(unsigned char));
    report(__FILE__);
    return 0;
}
