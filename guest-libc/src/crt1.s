# Process entry. The kernel leaves argc at (%rsp), then argv, envp and auxv.
# Hand that pointer to __libc_start_main with the stack 16-byte aligned.
	.text
	.globl _start
	.type _start, @function
_start:
	xorl %ebp, %ebp
	movq %rsp, %rdi
	andq $-16, %rsp
	call __libc_start_main
	hlt
	.size _start, .-_start
	.section .note.GNU-stack,"",@progbits
