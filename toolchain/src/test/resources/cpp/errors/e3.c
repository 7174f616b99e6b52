#define defined
