int missing_function(int);
extern int missing_data;
int use_missing(void) { return missing_function(1) + missing_data; }
