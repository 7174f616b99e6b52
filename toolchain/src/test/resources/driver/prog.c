#include "util.h"
#include "util.h"   /* the guard makes this a no-op */

#define COLORS(X) X(red, 1) X(green, 2) X(blue, 4)
#define ENUM(name, value) CAT(COLOR_, name) = value,
#define NAME(name, value) XSTR(name),
enum color { COLORS(ENUM) };
static const char *names[] = { COLORS(NAME) };

#if defined(__x86_64__) && __SIZEOF_POINTER__ == 8 && !defined(__GNUC__)
#define PLATFORM "boardup x86-64"
#elif defined(__GNUC__)
#define PLATFORM "gcc x86-64"
#else
#define PLATFORM "unknown"
#endif

#define LOG(fmt, ...) print(fmt __VA_OPT__(,) __VA_ARGS__)
#define TWICE(x) ((x) + (x))

int main(void) {
    SHOW(MAX(3, 7));
    SHOW(TWICE(TWICE(5)));
    SHOW((int) ARRAY_SIZE(names));
    SHOW(COLOR_blue | COLOR_green);
    for (unsigned i = 0; i < ARRAY_SIZE(names); i++) { print(names[i]); print(i + 1 < ARRAY_SIZE(names) ? " " : "\n"); }
    LOG("line " XSTR(__LINE__) "\n");
    print(PLATFORM "\n");
    return MAX(COLOR_red, 0) + 1;
}
