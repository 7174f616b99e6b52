/* Writing to a page made read-only by mprotect raises SIGSEGV; the handler sees the faulting address. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf recover;
static char *page;
static volatile long fault_offset;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *info, void *context)
{
    (void)sig;
    (void)context;
    fault_offset = (char *)info->si_addr - page;
    fault_code = info->si_code;
    siglongjmp(recover, 1);
}

int main(void)
{
    struct sigaction sa;

    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    strcpy(page, "writable");
    printf("page holds \"%s\"\n", page);
    if (mprotect(page, 4096, PROT_READ) != 0) {
        perror("mprotect");
        return 1;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(recover, 1) == 0) {
        page[100] = 'x';
        printf("the write went through (wrong)\n");
        return 1;
    }
    printf("SIGSEGV at page+%ld, si_code %d (SEGV_ACCERR is 2)\n", fault_offset, fault_code);
    printf("reading still works: \"%s\"\n", page);
    mprotect(page, 4096, PROT_READ | PROT_WRITE);
    page[100] = 'x';
    printf("after mprotect(PROT_READ|PROT_WRITE) the write works: %c\n", page[100]);
    signal(SIGSEGV, SIG_DFL);
    mprotect(page, 4096, PROT_NONE);
    fflush(stdout);
    return page[0];
}
