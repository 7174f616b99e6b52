/* The gcc-compiled half of the ABI test. */
#include <stdio.h>
#include "abi.h"
#define PREFIX g
#define OTHER o
#include "abi_body.h"
