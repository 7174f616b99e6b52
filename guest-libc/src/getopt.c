/* getopt.c: GNU getopt. Options may follow operands (argv is permuted so that
 * operands end up last), long options may be abbreviated, and the diagnostics
 * are glibc's, word for word. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *optarg;
int optind = 1;
int opterr = 1;
int optopt = '?';

enum ordering { REQUIRE_ORDER, PERMUTE, RETURN_IN_ORDER };

#define MAX_AMBIGUOUS 256

static struct {
    int initialized;
    char *nextchar;         /* rest of the current cluster of short options */
    enum ordering ordering;
    int first_nonopt;       /* operands skipped so far lie in [first_nonopt, last_nonopt) */
    int last_nonopt;
    int optopt;             /* copied out to optopt after every call, as glibc does */
} st;

/* Swaps the skipped operands [first_nonopt, last_nonopt) with the options
 * [last_nonopt, optind) that followed them, keeping each block's order. */
static void exchange(char **argv)
{
    int opts = optind - st.last_nonopt;
    int i, k;
    char *t;

    for (k = 0; k < opts; k++) {
        t = argv[st.last_nonopt + k];
        for (i = st.last_nonopt + k; i > st.first_nonopt + k; i--)
            argv[i] = argv[i - 1];
        argv[st.first_nonopt + k] = t;
    }
    st.first_nonopt += opts;
    st.last_nonopt = optind;
}

static const char *initialize(const char *optstring)
{
    st.first_nonopt = st.last_nonopt = optind;
    st.nextchar = NULL;
    if (optstring[0] == '-') {
        st.ordering = RETURN_IN_ORDER;
        optstring++;
    } else if (optstring[0] == '+') {
        st.ordering = REQUIRE_ORDER;
        optstring++;
    } else if (getenv("POSIXLY_CORRECT") != NULL) {
        st.ordering = REQUIRE_ORDER;
    } else {
        st.ordering = PERMUTE;
    }
    st.initialized = 1;
    return optstring;
}

static int is_operand(char *const *argv)
{
    return argv[optind][0] != '-' || argv[optind][1] == '\0';
}

/* Reports an ambiguous abbreviation, listing the candidates when it can. */
static void report_ambiguous(char *const *argv, const char *prefix, const struct option *longopts,
                             const unsigned char *set, int n_options)
{
    int i;

    if (set == NULL) {
        fprintf(stderr, "%s: option '%s%s' is ambiguous\n", argv[0], prefix, st.nextchar);
        return;
    }
    fprintf(stderr, "%s: option '%s%s' is ambiguous; possibilities:", argv[0], prefix, st.nextchar);
    for (i = 0; i < n_options; i++)
        if (set[i])
            fprintf(stderr, " '%s%s'", prefix, longopts[i].name);
    fprintf(stderr, "\n");
}

/* Matches st.nextchar against longopts: exactly, else as an unambiguous prefix. */
static int long_option(int argc, char *const *argv, const char *optstring, const struct option *longopts,
                       int *longind, int long_only, int print_errors, const char *prefix)
{
    char *name_end = st.nextchar;
    const struct option *p, *found = NULL;
    unsigned char ambiguous[MAX_AMBIGUOUS];
    int namelen, n_options = 0, index = -1, i, ambig = 0, listable = 1;

    while (*name_end && *name_end != '=')
        name_end++;
    namelen = (int)(name_end - st.nextchar);
    for (p = longopts; p->name; p++, n_options++) {
        if (found == NULL && strncmp(p->name, st.nextchar, (size_t)namelen) == 0 && namelen == (int)strlen(p->name)) {
            found = p;
            index = n_options;
        }
    }
    if (found == NULL) {
        memset(ambiguous, 0, sizeof(ambiguous));
        if (n_options > MAX_AMBIGUOUS)
            listable = 0;
        for (p = longopts, i = 0; p->name; p++, i++) {
            if (strncmp(p->name, st.nextchar, (size_t)namelen) != 0)
                continue;
            if (found == NULL) {
                found = p;
                index = i;
            } else if (long_only || found->has_arg != p->has_arg || found->flag != p->flag || found->val != p->val) {
                if (!ambig && listable)
                    ambiguous[index] = 1;
                ambig = 1;
                if (listable)
                    ambiguous[i] = 1;
            }
        }
        if (ambig) {
            if (print_errors)
                report_ambiguous(argv, prefix, longopts, listable ? ambiguous : NULL, n_options);
            st.nextchar += strlen(st.nextchar);
            optind++;
            st.optopt = 0;
            return '?';
        }
    }
    if (found == NULL) {
        if (!long_only || argv[optind][1] == '-' || strchr(optstring, *st.nextchar) == NULL) {
            if (print_errors)
                fprintf(stderr, "%s: unrecognized option '%s%s'\n", argv[0], prefix, st.nextchar);
            st.nextchar = NULL;
            optind++;
            st.optopt = 0;
            return '?';
        }
        return -1;                      /* getopt_long_only: try it as short options */
    }
    optind++;
    st.nextchar = NULL;
    if (*name_end == '=') {
        if (!found->has_arg) {
            if (print_errors)
                fprintf(stderr, "%s: option '%s%s' doesn't allow an argument\n", argv[0], prefix, found->name);
            st.optopt = found->val;
            return '?';
        }
        optarg = name_end + 1;
    } else if (found->has_arg == required_argument) {
        if (optind >= argc) {
            if (print_errors)
                fprintf(stderr, "%s: option '%s%s' requires an argument\n", argv[0], prefix, found->name);
            st.optopt = found->val;
            return optstring[0] == ':' ? ':' : '?';
        }
        optarg = argv[optind++];
    }
    if (longind)
        *longind = index;
    if (found->flag) {
        *found->flag = found->val;
        return 0;
    }
    return found->val;
}

/* Moves to the next argv element; returns 0 to go on with options, or the
 * value getopt must return (-1 at the end, 1 for an in-order operand). */
static int advance(int argc, char *const *argv, const char *optstring, const struct option *longopts,
                   int *longind, int long_only, int print_errors, int *result)
{
    char **args = (char **)argv;

    if (st.last_nonopt > optind)
        st.last_nonopt = optind;
    if (st.first_nonopt > optind)
        st.first_nonopt = optind;
    if (st.ordering == PERMUTE) {
        if (st.first_nonopt != st.last_nonopt && st.last_nonopt != optind)
            exchange(args);
        else if (st.last_nonopt != optind)
            st.first_nonopt = optind;
        while (optind < argc && is_operand(argv))
            optind++;
        st.last_nonopt = optind;
    }
    if (optind != argc && strcmp(argv[optind], "--") == 0) {
        optind++;
        if (st.first_nonopt != st.last_nonopt && st.last_nonopt != optind)
            exchange(args);
        else if (st.first_nonopt == st.last_nonopt)
            st.first_nonopt = optind;
        st.last_nonopt = argc;
        optind = argc;
    }
    if (optind == argc) {
        if (st.first_nonopt != st.last_nonopt)
            optind = st.first_nonopt;
        *result = -1;
        return 1;
    }
    if (is_operand(argv)) {
        if (st.ordering == REQUIRE_ORDER) {
            *result = -1;
            return 1;
        }
        optarg = argv[optind++];
        *result = 1;
        return 1;
    }
    if (longopts) {
        if (argv[optind][1] == '-') {
            st.nextchar = argv[optind] + 2;
            *result = long_option(argc, argv, optstring, longopts, longind, long_only, print_errors, "--");
            return 1;
        }
        if (long_only && (argv[optind][2] || !strchr(optstring, argv[optind][1]))) {
            st.nextchar = argv[optind] + 1;
            *result = long_option(argc, argv, optstring, longopts, longind, long_only, print_errors, "-");
            if (*result != -1)
                return 1;
        }
    }
    st.nextchar = argv[optind] + 1;
    return 0;
}

static int short_option(int argc, char *const *argv, const char *optstring, int print_errors)
{
    char c = *st.nextchar++;
    const char *spec = strchr(optstring, c);

    if (*st.nextchar == '\0')
        optind++;
    if (spec == NULL || c == ':' || c == ';') {
        if (print_errors)
            fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
        st.optopt = c;
        return '?';
    }
    if (spec[1] != ':')
        return c;
    if (spec[2] == ':') {
        if (*st.nextchar != '\0') {
            optarg = st.nextchar;
            optind++;
        } else {
            optarg = NULL;
        }
    } else if (*st.nextchar != '\0') {
        optarg = st.nextchar;
        optind++;
    } else if (optind == argc) {
        if (print_errors)
            fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
        st.optopt = c;
        c = optstring[0] == ':' ? ':' : '?';
    } else {
        optarg = argv[optind++];
    }
    st.nextchar = NULL;
    return c;
}

static int getopt_step(int argc, char *const argv[], const char *optstring, const struct option *longopts,
                       int *longind, int long_only)
{
    int print_errors = opterr, result;

    if (argc < 1)
        return -1;
    optarg = NULL;
    if (optind == 0 || !st.initialized) {
        if (optind == 0)
            optind = 1;
        optstring = initialize(optstring);
    } else if (optstring[0] == '-' || optstring[0] == '+') {
        optstring++;
    }
    if (optstring[0] == ':')
        print_errors = 0;
    if (st.nextchar == NULL || *st.nextchar == '\0')
        if (advance(argc, argv, optstring, longopts, longind, long_only, print_errors, &result))
            return result;
    return short_option(argc, argv, optstring, print_errors);
}

static int getopt_internal(int argc, char *const argv[], const char *optstring, const struct option *longopts,
                           int *longind, int long_only)
{
    int c = getopt_step(argc, argv, optstring, longopts, longind, long_only);

    optopt = st.optopt;
    return c;
}

int getopt(int argc, char *const argv[], const char *optstring)
{
    return getopt_internal(argc, argv, optstring, NULL, NULL, 0);
}

int getopt_long(int argc, char *const argv[], const char *optstring, const struct option *longopts, int *longind)
{
    return getopt_internal(argc, argv, optstring, longopts, longind, 0);
}

int getopt_long_only(int argc, char *const argv[], const char *optstring, const struct option *longopts,
                     int *longind)
{
    return getopt_internal(argc, argv, optstring, longopts, longind, 1);
}
