int common_thing;   /* COMMON with -fcommon, like the one in main.c */
int helper(int x) { return x + 1; }
int answer(void) { return 42; }   /* overrides the weak one in main.c */
