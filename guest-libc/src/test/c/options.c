/* getopt and getopt_long over many command lines: returned codes, optarg,
 * optind, optopt, the permuted argv, and glibc's diagnostics on stderr. */
#include <stdio.h>
#include <string.h>
#include <getopt.h>
#include <unistd.h>

static int verbose_flag;

static const struct option longopts[] = {
    { "verbose", no_argument, &verbose_flag, 1 },
    { "brief", no_argument, &verbose_flag, 0 },
    { "add", no_argument, NULL, 'a' },
    { "append", no_argument, NULL, 'A' },
    { "delete", required_argument, NULL, 'd' },
    { "create", required_argument, NULL, 'c' },
    { "file", optional_argument, NULL, 'f' },
    { "fill", optional_argument, NULL, 'f' },
    { NULL, 0, NULL, 0 }
};

static void split(char *line, char **argv, int *argc)
{
    char *tok;

    *argc = 0;
    argv[(*argc)++] = "prog";
    for (tok = strtok(line, " "); tok; tok = strtok(NULL, " "))
        argv[(*argc)++] = tok;
    argv[*argc] = NULL;
}

static void show_rest(int argc, char **argv)
{
    int i;

    printf("  optind=%d argv:", optind);
    for (i = 0; i < argc; i++)
        printf(" %s", argv[i]);
    printf("\n");
}

static void run_short(const char *text, const char *optstring)
{
    char line[256], *argv[32];
    int argc, c;

    strcpy(line, text);
    split(line, argv, &argc);
    optind = 0;
    printf("getopt(\"%s\") on [%s]\n", optstring, text);
    fflush(stdout);
    while ((c = getopt(argc, argv, optstring)) != -1) {
        printf("  c=%d '%c' optarg=%s optopt=%d optind=%d\n", c, c > 31 ? c : '.', optarg ? optarg : "(null)",
               optopt, optind);
        fflush(stdout);
    }
    show_rest(argc, argv);
}

static void run_long(const char *text, const char *optstring, int only)
{
    char line[256], *argv[32];
    int argc, c, index;

    strcpy(line, text);
    split(line, argv, &argc);
    optind = 0;
    verbose_flag = -1;
    printf("getopt_long%s(\"%s\") on [%s]\n", only ? "_only" : "", optstring, text);
    fflush(stdout);
    for (;;) {
        index = -1;
        c = only ? getopt_long_only(argc, argv, optstring, longopts, &index)
                 : getopt_long(argc, argv, optstring, longopts, &index);
        if (c == -1)
            break;
        printf("  c=%d index=%d optarg=%s optopt=%d optind=%d flag=%d\n", c, index, optarg ? optarg : "(null)",
               optopt, optind, verbose_flag);
        fflush(stdout);
    }
    show_rest(argc, argv);
}

int main(void)
{
    run_short("-a -b foo", "ab");
    run_short("-abc -c", "abc:");
    run_short("-cvalue x -a y", "ac:");
    run_short("x -a y -b z", "ab");
    run_short("x -a -- -b z", "ab");
    run_short("-x -a", "ab");
    run_short("-c", "abc:");
    run_short("-c", ":abc:");
    run_short("-x", ":ab");
    run_short("-o -oval", "o::");
    run_short("x -a y", "+ab");
    run_short("x -a y", "-ab");
    run_short("- -a", "ab");
    run_short("-a - b", "ab");
    run_long("--verbose --add --delete=x --create y z", "abc:d:f::", 0);
    run_long("--ver --br --fi --file=a --fill", "abc:d:f::", 0);
    run_long("--a --del", "abc:d:f::", 0);
    run_long("--nope --add=1 --create", "abc:d:f::", 0);
    run_long("--create", ":abc:d:f::", 0);
    run_long("-verbose -add -a -c 3 -f", "ac:f", 1);
    run_long("-xyz -app", "ac:f", 1);
    run_long("op1 --add op2 -- --delete", "abc:d:f::", 0);
    return 0;
}
