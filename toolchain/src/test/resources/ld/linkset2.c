struct entry { const char *name; int value; };
static const struct entry entry_six __attribute__((used, section("myset"))) = { "six", 6 };
