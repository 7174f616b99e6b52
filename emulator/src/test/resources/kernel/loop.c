/* Never stops: for --timeout and --max-instructions. */
void _start(void) {
    for (volatile long i = 0;; i++) {
    }
}
