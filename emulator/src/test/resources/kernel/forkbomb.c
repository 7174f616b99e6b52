/* A fork bomb: every process forks for ever. The machine must bound it and stay healthy. */
#include <unistd.h>

int main(void) {
    for (;;) fork();
}
