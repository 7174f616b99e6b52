/* String and memory functions: results printed as offsets and signs. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <stdlib.h>
#include <ctype.h>

static int sign(int v)
{
    return v < 0 ? -1 : v > 0;
}

static void show(const char *what, const char *base, const char *p)
{
    if (p)
        printf("%s -> +%ld \"%s\"\n", what, (long)(p - base), p);
    else
        printf("%s -> NULL\n", what);
}

int main(void)
{
    const char *s = "the quick brown fox jumps over the lazy dog";
    char buf[128], buf2[128], *tok, *save, *dup, *sp;
    size_t i;
    int c;

    printf("strlen=%zu strnlen5=%zu strnlen100=%zu\n", strlen(s), strnlen(s, 5), strnlen(s, 100));
    show("strchr o", s, strchr(s, 'o'));
    show("strrchr o", s, strrchr(s, 'o'));
    show("strchr nul", s, strchr(s, 0));
    show("strchr z", s, strchr(s, 'Z'));
    show("strstr the", s, strstr(s, "the"));
    show("strstr lazy", s, strstr(s, "lazy"));
    show("strstr empty", s, strstr(s, ""));
    show("strstr none", s, strstr(s, "cat"));
    show("strpbrk xyz", s, strpbrk(s, "xyz"));
    show("strcasestr QUICK", s, strcasestr(s, "QUICK"));
    show("memchr q", s, memchr(s, 'q', 10));
    show("memrchr e", s, memrchr(s, 'e', strlen(s)));
    show("strchrnul #", s, strchrnul(s, '#'));
    show("memmem fox", s, memmem(s, strlen(s), "fox", 3));
    printf("strspn=%zu strcspn=%zu\n", strspn(s, "the "), strcspn(s, "qz"));
    printf("strcmp: %d %d %d %d\n", sign(strcmp("abc", "abd")), sign(strcmp("abc", "abc")), sign(strcmp("b", "abc")),
           sign(strcmp("a\xff", "a\x01")));
    printf("strncmp: %d %d %d\n", sign(strncmp("abcdef", "abcxyz", 3)), sign(strncmp("abcdef", "abcxyz", 4)),
           sign(strncmp("", "", 10)));
    printf("memcmp: %d %d\n", sign(memcmp("\x80", "\x7f", 1)), sign(memcmp("same", "same", 4)));
    printf("strcasecmp: %d %d %d\n", sign(strcasecmp("HeLLo", "hello")), sign(strcasecmp("a", "B")),
           sign(strncasecmp("ABCx", "abcy", 3)));

    strcpy(buf, "hello");
    strcat(buf, ", world");
    strncat(buf, "!!!???", 3);
    printf("strcat: [%s]\n", buf);
    memset(buf2, 'x', sizeof(buf2));
    strncpy(buf2, "abc", 6);
    printf("strncpy: %d %d %d %d %c\n", buf2[3], buf2[4], buf2[5], buf2[2], buf2[6]);
    printf("stpcpy end offset: %ld\n", (long)(stpcpy(buf2, "12345") - buf2));
    memcpy(buf, "0123456789", 11);
    memmove(buf + 2, buf, 5);
    printf("memmove fwd: %s\n", buf);
    memcpy(buf, "0123456789", 11);
    memmove(buf, buf + 3, 5);
    printf("memmove back: %s\n", buf);
    printf("mempcpy offset: %ld\n", (long)((char *)mempcpy(buf, "abc", 3) - buf));

    strcpy(buf, "  a,b,,c;d ;; e  ");
    for (tok = strtok(buf, " ,;"); tok; tok = strtok(NULL, " ,;"))
        printf("tok[%s] ", tok);
    printf("\n");
    strcpy(buf, "x=1&y=2&&z=3");
    for (tok = strtok_r(buf, "&", &save); tok; tok = strtok_r(NULL, "&", &save))
        printf("tok_r[%s] ", tok);
    printf("\n");
    strcpy(buf, "a:b::c");
    sp = buf;
    while ((tok = strsep(&sp, ":")) != NULL)
        printf("sep[%s] ", tok);
    printf("\n");

    dup = strdup(s);
    printf("strdup equal=%d distinct=%d\n", strcmp(dup, s) == 0, dup != s);
    free(dup);
    dup = strndup(s, 9);
    printf("strndup [%s]\n", dup);
    free(dup);

    for (c = -1; c < 256; c += 1) {
        int mask = (isalnum(c) != 0) | (isalpha(c) != 0) << 1 | (isdigit(c) != 0) << 2 | (isspace(c) != 0) << 3 |
                   (isupper(c) != 0) << 4 | (islower(c) != 0) << 5 | (ispunct(c) != 0) << 6 |
                   (isprint(c) != 0) << 7 | (iscntrl(c) != 0) << 8 | (isxdigit(c) != 0) << 9 |
                   (isgraph(c) != 0) << 10 | (isblank(c) != 0) << 11;
        printf("%d:%x:%d:%d%c", c, mask, tolower(c), toupper(c), (c & 7) == 7 ? '\n' : ' ');
    }
    printf("\nffs: %d %d %d %d\n", ffs(0), ffs(1), ffs(0x80), ffs((int)0x80000000));
    for (i = 0; i < 3; i++)
        printf("strerror_r-free check %zu\n", i);
    return 0;
}
