/* MAP_POPULATE past the guest memory limit: ENOMEM, and the memory it had taken is given back. */
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
int main(void){
  char *p = mmap(NULL, 512L<<20, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_POPULATE, -1, 0);
  printf("populate 512M: %s\n", p == MAP_FAILED ? strerror(errno) : "ok");
  char *q = mmap(NULL, 16L<<20, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_POPULATE, -1, 0);
  printf("then 16M: %s\n", q == MAP_FAILED ? strerror(errno) : "ok");
  return 0;
}
