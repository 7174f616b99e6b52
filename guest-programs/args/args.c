/* Prints its arguments and how many environment strings it was given. */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv)
{
    int i, n = 0;

    for (i = 0; i < argc; i++)
        printf("argv[%d] = \"%s\"\n", i, i == 0 ? "(program)" : argv[i]);
    while (environ[n])
        n++;
    printf("%d environment strings; PATH is %s\n", n, getenv("PATH") ? "set" : "unset");
    return argc - 1;
}
