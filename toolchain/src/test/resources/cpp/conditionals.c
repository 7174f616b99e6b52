/* conditional inclusion and expressions */
#define ONE 1
#define ZERO 0
#define FN(x) ((x) + 1)
#if ONE && !ZERO
one_and_not_zero
#endif
#if defined ONE && defined(ZERO) && !defined NOPE
defined_works
#elif 1
wrong
#endif
#ifdef NOPE
wrong
#elif FN(2) == 3
elif_taken
#else
wrong
#endif
#ifndef NOPE
ifndef_works
#else
wrong
#endif
#if -1 < 0u
wrong_unsigned_compare
#else
unsigned_compare
#endif
#if (0x7fffffffffffffff + 0 > 0) && (18446744073709551615u == -1)
big_numbers
#endif
#if 'a' == 97 && '\377' < 0 && '\n' == 10 && L'\xff' == 255
char_constants
#endif
#if 10 / 3 == 3 && -7 % 3 == -1 && (1 << 62) > 0 && -16 >> 2 == -4 && ~0 == -1
arithmetic
#endif
#if 0 && (1 / 0)
wrong
#else
short_circuit
#endif
#if (2 || 1 / 0) && (0 ? 1 / 0 : 5) == 5
ternary
#endif
#if UNDEFINED_NAME == 0 && !UNDEFINED_NAME
undefined_is_zero
#endif
#if 0
#if garbage ( (
#error not reached
#endif
' unterminated in skipped code
#else
nested_skip
#endif
#define DEF defined(ONE)
#if DEF
defined_from_macro
#endif
#if 0b101 == 5 && 0x10 == 16 && 010 == 8 && 1000000000000ULL > 1
bases
#endif
#if (-1 > 0u) && (1 ? -1 : 0u) > 0
usual_conversions
#endif
