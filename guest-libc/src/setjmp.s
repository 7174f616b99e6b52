# setjmp/longjmp. jmp_buf slots: rbx, rbp, r12, r13, r14, r15, rsp, rip,
# then the mask-saved flag at offset 64 and the saved signal mask at 72.
	.text
	.globl setjmp
	.globl _setjmp
	.type setjmp, @function
	.type _setjmp, @function
setjmp:
_setjmp:
	movq %rbx, 0(%rdi)
	movq %rbp, 8(%rdi)
	movq %r12, 16(%rdi)
	movq %r13, 24(%rdi)
	movq %r14, 32(%rdi)
	movq %r15, 40(%rdi)
	leaq 8(%rsp), %rdx
	movq %rdx, 48(%rdi)
	movq (%rsp), %rdx
	movq %rdx, 56(%rdi)
	movl $0, 64(%rdi)
	xorl %eax, %eax
	ret
	.size setjmp, .-setjmp

# sigsetjmp(env, savemask): save the registers as of our caller, then let C
# record the signal mask; its return value (0) becomes ours.
	.globl sigsetjmp
	.globl __sigsetjmp
	.type sigsetjmp, @function
sigsetjmp:
__sigsetjmp:
	movq %rbx, 0(%rdi)
	movq %rbp, 8(%rdi)
	movq %r12, 16(%rdi)
	movq %r13, 24(%rdi)
	movq %r14, 32(%rdi)
	movq %r15, 40(%rdi)
	leaq 8(%rsp), %rdx
	movq %rdx, 48(%rdi)
	movq (%rsp), %rdx
	movq %rdx, 56(%rdi)
	jmp __sigjmp_save
	.size sigsetjmp, .-sigsetjmp

# longjmp(env, val): val 0 becomes 1, as C requires.
	.globl longjmp
	.globl _longjmp
	.globl __longjmp_regs
	.type longjmp, @function
longjmp:
_longjmp:
__longjmp_regs:
	movl %esi, %eax
	testl %eax, %eax
	jnz .Lval_ok
	movl $1, %eax
.Lval_ok:
	movq 0(%rdi), %rbx
	movq 8(%rdi), %rbp
	movq 16(%rdi), %r12
	movq 24(%rdi), %r13
	movq 32(%rdi), %r14
	movq 40(%rdi), %r15
	movq 48(%rdi), %rsp
	jmp *56(%rdi)
	.size longjmp, .-longjmp
	.section .note.GNU-stack,"",@progbits
