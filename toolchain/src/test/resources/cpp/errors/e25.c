#include <a.h
