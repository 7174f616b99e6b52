#include nope
