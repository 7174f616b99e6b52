#include "lib.h"

static void reverse(char *s) {
    for (size_t i = 0, j = strlen(s); i + 1 < j; i++, j--) {
        char t = s[i];
        s[i] = s[j - 1];
        s[j - 1] = t;
    }
}

static int count_words(const char *s) {
    int words = 0, in_word = 0;
    for (; *s; s++) {
        int space = *s == ' ' || *s == '\n' || *s == '\t';
        words += !space && !in_word;
        in_word = !space;
    }
    return words;
}

static void upcase(char *s) {
    for (; *s; s++) {
        if (*s >= 'a' && *s <= 'z') {
            *s -= 'a' - 'A';
        }
    }
}

int main(int argc, char **argv) {
    char buf[128];
    const char *text = "the quick brown fox jumps over the lazy dog";
    memcpy(buf, text, strlen(text) + 1);
    put_str(buf);
    put_str("\nlength ");
    put_dec(strlen(buf));
    put_str(" words ");
    put_dec(count_words(buf));
    reverse(buf);
    put_str("\nreversed: ");
    put_str(buf);
    upcase(buf);
    put_str("\nupcased: ");
    put_str(buf);
    memmove(buf + 4, buf, 20);
    buf[24] = 0;
    put_str("\nmoved: ");
    put_str(buf);
    memset(buf, '*', 10);
    put_str("\nfilled: ");
    put_str(buf);
    put_str("\ncompare: ");
    put_dec(memcmp("abcd", "abce", 4) < 0);
    put_dec(memcmp("abcd", "abcd", 4) == 0);
    put_str("\nargv[0] ends with strings: ");
    const char *a0 = argv[0];
    size_t n = strlen(a0);
    put_dec(argc >= 1 && n >= 7 && memcmp(a0 + n - 7, "strings", 7) == 0);
    put_char('\n');
    flush();
    return 0;
}
