#define 3x
