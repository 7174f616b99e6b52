/* a "linker set": entries in a section named like an identifier, walked with ld's __start_/__stop_ symbols */
long sys_write(int fd, const void *buf, unsigned long n);
struct entry { const char *name; int value; };
#define ENTRY(n, v) static const struct entry entry_##n __attribute__((used, section("myset"))) = { #n, v }
ENTRY(one, 1);
ENTRY(two, 2);
extern const struct entry __start_myset[], __stop_myset[];
static int counter __attribute__((used, section("mydata"))) = 40;
extern int __start_mydata[];
int main(void) {
    int sum = 0;
    for (const struct entry *e = __start_myset; e < __stop_myset; e++) {
        sys_write(1, e->name, 3);
        sys_write(1, "\n", 1);
        sum += e->value;
    }
    return sum + __start_mydata[0];
}
