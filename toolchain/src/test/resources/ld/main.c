long sys_write(int fd, const void *buf, unsigned long n);
int lib_needed(int);
extern int counter;
static unsigned long len(const char *s) { unsigned long n = 0; while (s[n]) n++; return n; }
void puts_(const char *s) { sys_write(1, s, len(s)); }
static void hello(void) { puts_("hello from a pointer\n"); }
static void bye(void) { puts_("bye\n"); }
void (*table[])(void) = { hello, bye, hello };
char buffer[64];
int common_thing;
const char *messages[] = { "zero\n", "one\n", "two\n" };
__attribute__((constructor)) static void ctor(void) { counter += 100; }
extern int weak_missing __attribute__((weak));
void print_num(long v) { char *p = buffer + 63; *p = 0; *--p = '\n'; do { *--p = '0' + v % 10; v /= 10; } while (v); puts_(p); }
const char *got_greeting(void);
__attribute__((weak)) int answer(void) { return 1; }
int main(void) {
    puts_(got_greeting());
    for (int i = 0; i < 3; i++) table[i]();
    for (int i = 0; i < 3; i++) puts_(messages[i]);
    print_num(lib_needed(5));
    print_num(counter);
    print_num(&weak_missing == 0);
    common_thing = 7;
    print_num(common_thing);
    print_num(answer());
    return 3;
}
