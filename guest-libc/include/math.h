/* math.h: the exactly specified part of the math library (rounding, remainders,
 * scaling, square root, classification). Transcendental functions are not here. */
#ifndef _MATH_H
#define _MATH_H

#define HUGE_VAL (1.0 / 0.0)
#define HUGE_VALF (1.0f / 0.0f)
#define INFINITY (1.0f / 0.0f)
#define NAN (0.0f / 0.0f)

#define FP_NAN 0
#define FP_INFINITE 1
#define FP_ZERO 2
#define FP_SUBNORMAL 3
#define FP_NORMAL 4

#define M_E 2.7182818284590452354
#define M_LN2 0.69314718055994530942
#define M_LN10 2.30258509299404568402
#define M_PI 3.14159265358979323846
#define M_PI_2 1.57079632679489661923
#define M_PI_4 0.78539816339744830962
#define M_SQRT2 1.41421356237309504880
#define M_SQRT1_2 0.70710678118654752440

int __fpclassify(double x);
int __fpclassifyf(float x);
int __fpclassifyl(long double x);
int __signbit(double x);
int __signbitf(float x);
int __signbitl(long double x);

#define fpclassify(x) _Generic((x), float: __fpclassifyf, long double: __fpclassifyl, default: __fpclassify)(x)
#define signbit(x) _Generic((x), float: __signbitf, long double: __signbitl, default: __signbit)(x)
#define isnan(x) (fpclassify(x) == FP_NAN)
#define isinf(x) (fpclassify(x) == FP_INFINITE)
#define isfinite(x) (fpclassify(x) >= FP_ZERO)
#define isnormal(x) (fpclassify(x) == FP_NORMAL)

double fabs(double x);
float fabsf(float x);
double copysign(double x, double y);
double floor(double x);
double ceil(double x);
double trunc(double x);
double round(double x);
double rint(double x);
double nearbyint(double x);
long lround(double x);
long lrint(double x);
double fmod(double x, double y);
double modf(double x, double *ip);
double frexp(double x, int *exp);
double ldexp(double x, int exp);
double scalbn(double x, int exp);
double sqrt(double x);
float sqrtf(float x);
double fmin(double x, double y);
double fmax(double x, double y);
double fdim(double x, double y);

#endif
