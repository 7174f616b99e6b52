int counter = 1;
int lib_needed(int x) { return x; }
