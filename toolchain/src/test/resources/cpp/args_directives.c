/* directives among macro arguments, which gcc runs */
#define CALL(f, ...) f(__VA_ARGS__)
CALL(g,
#ifdef NOT_DEFINED
     wrong,
#else
     right,
#endif
#define LATE 5
     LATE)
LATE
