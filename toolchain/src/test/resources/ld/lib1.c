int counter = 42;
int helper(int x);
int lib_needed(int x) { return helper(x) * 2; }
