int not_needed(void);
int unused(void) { return not_needed(); }
int main(void) { return 1; }
