#if 12abc
#endif
