#include "lib.h"

static unsigned int data[20000];
static unsigned int crc_table[256];

static void make_crc_table(void) {
    for (unsigned int n = 0; n < 256; n++) {
        unsigned int c = n;
        for (int k = 0; k < 8; k++) {
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        crc_table[n] = c;
    }
}

static unsigned int crc32(const unsigned char *p, size_t n) {
    unsigned int c = 0xFFFFFFFFu;
    while (n--) {
        c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    }
    return c ^ 0xFFFFFFFFu;
}

int main(void) {
    unsigned long seed = 12345;
    for (int i = 0; i < 20000; i++) {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        data[i] = (unsigned int)(seed >> 33);
    }
    make_crc_table();
    unsigned long sum = 0, xor = 0, fletcher_a = 1, fletcher_b = 0;
    long signed_sum = 0;
    for (int i = 0; i < 20000; i++) {
        sum += data[i];
        xor ^= (unsigned long)data[i] << (i % 32);
        fletcher_a = (fletcher_a + data[i]) % 65521;
        fletcher_b = (fletcher_b + fletcher_a) % 65521;
        signed_sum += (int)data[i] / 7 - (int)data[i] % 13;
    }
    put_str("sum ");
    put_hex(sum);
    put_str("\nxor ");
    put_hex(xor);
    put_str("\nadler ");
    put_hex(fletcher_b << 16 | fletcher_a);
    put_str("\nsigned ");
    put_dec(signed_sum);
    put_str("\ncrc32 ");
    put_hex(crc32((const unsigned char *)data, sizeof data));
    put_char('\n');
    flush();
    return 0;
}
