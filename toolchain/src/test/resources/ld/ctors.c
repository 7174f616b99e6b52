/* constructor priorities: .init_array.NNNNN sorted by number, before plain .init_array; destructors too */
long sys_write(int fd, const void *buf, unsigned long n);
extern void (*__fini_array_start[])(void), (*__fini_array_end[])(void);
static void say(const char *s) { sys_write(1, s, 2); }
__attribute__((constructor)) static void plain(void) { say("c "); }
__attribute__((constructor(300))) static void late(void) { say("b "); }
__attribute__((constructor(101))) static void early(void) { say("a "); }
__attribute__((destructor)) static void bye(void) { say("z\n"); }
int main(void) {
    say("m ");
    for (void (**f)(void) = __fini_array_start; f < __fini_array_end; f++) (*f)();
    return 0;
}
