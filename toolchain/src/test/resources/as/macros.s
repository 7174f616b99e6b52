# .macro/.rept/.irp/.irpc as hand-written libc code uses them.
	.macro	DEFSYS name, number, args=0
	.globl	\name
	.type	\name, @function
\name:
	movl	$\number, %eax
	syscall
	ret
	.size	\name, .-\name
	.endm
	.text
	DEFSYS	my_write, 1
	DEFSYS	my_exit, 60, 1
	.rept	3
	nop
	.endr
	.irp	reg, rax, rbx, r12
	pushq	%\reg
	.endr
	.irpc	n, 123
	addl	$\n, %eax
	.endr
	.macro	twice insn
	\insn
	\insn
	.endm
	twice	"incl %ecx"
	.rept 2
	.rept 2
	decl %edx
	.endr
	.endr
