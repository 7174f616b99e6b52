# The one door into the kernel: long __syscall6(long n, long a1, ..., long a6).
# SysV passes n..a5 in rdi, rsi, rdx, rcx, r8, r9 and a6 on the stack; the kernel
# wants the number in rax and arguments in rdi, rsi, rdx, r10, r8, r9.
	.text
	.globl __syscall6
	.type __syscall6, @function
__syscall6:
	movq %rdi, %rax
	movq %rsi, %rdi
	movq %rdx, %rsi
	movq %rcx, %rdx
	movq %r8, %r10
	movq %r9, %r8
	movq 8(%rsp), %r9
	syscall
	ret
	.size __syscall6, .-__syscall6

# Signal handlers return here (sa_restorer); rt_sigreturn restores the
# interrupted context the kernel saved on the stack.
	.globl __restore_rt
	.type __restore_rt, @function
__restore_rt:
	movq $15, %rax
	syscall
	hlt
	.size __restore_rt, .-__restore_rt
	.section .note.GNU-stack,"",@progbits
