#include <stdio.h>
#include <string.h>
#include <ctype.h>

struct word { char text[32]; int count; };

static int find(struct word *ws, int n, const char *w) {
    for (int i = 0; i < n; i++) if (strcmp(ws[i].text, w) == 0) return i;
    return -1;
}

int main(void) {
    const char *text = "the quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs!";
    struct word words[64];
    int n = 0;
    char buf[32];
    int len = 0;
    for (const char *p = text;; p++) {
        if (isalpha((unsigned char)*p)) {
            if (len < 31) buf[len++] = (char)tolower((unsigned char)*p);
            continue;
        }
        if (len > 0) {
            buf[len] = '\0';
            int i = find(words, n, buf);
            if (i < 0) { strcpy(words[n].text, buf); words[n].count = 1; n++; }
            else words[i].count++;
            len = 0;
        }
        if (!*p) break;
    }
    for (int i = 0; i < n; i++) printf("%-8s|%3d|%x|%o|%5.1f%%\n", words[i].text, words[i].count, words[i].count * 255,
                                       words[i].count * 8, 100.0 * words[i].count / n);
    char out[128];
    int w = snprintf(out, sizeof out, "[%10.4s][%-6d][%+d][%08.3f][%e][%g]", "truncate", 42, 7, 3.14159, 12345.678, 0.0001);
    printf("%s %d\n", out, w);
    printf("%c%c%c %5s %-5s| %lu %lld %hhd %hu\n", 'a', 'b', 'c', "hi", "lo", 18446744073709551615UL, -9223372036854775807LL - 1,
           (signed char)-1, (unsigned short)65535);
    return 0;
}
