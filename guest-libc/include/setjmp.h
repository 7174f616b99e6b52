/* setjmp.h: non-local jumps; jmp_buf has glibc's 200-byte layout. */
#ifndef _SETJMP_H
#define _SETJMP_H

#include <signal.h>

/* rbx, rbp, r12, r13, r14, r15, rsp, return address. */
struct __jmp_buf_tag {
    long __jmpbuf[8];
    int __mask_was_saved;
    sigset_t __saved_mask;
};

typedef struct __jmp_buf_tag jmp_buf[1];
typedef struct __jmp_buf_tag sigjmp_buf[1];

int setjmp(jmp_buf env);
int _setjmp(jmp_buf env);
_Noreturn void longjmp(jmp_buf env, int val);
_Noreturn void _longjmp(jmp_buf env, int val);
int sigsetjmp(sigjmp_buf env, int savemask);
_Noreturn void siglongjmp(sigjmp_buf env, int val);

#endif
